// Writing notices and offering actions, inside the use case's transaction.
import type { Card, CardAction, CardInput } from "../../ports/card.ts";
import type { Bilingual } from "../../ports/locale.ts";
import type { NoticePlatform } from "../../ports/outbox.ts";
import type { Person, Platform, PlatformPreference } from "../../ports/people-repository.ts";
import { SETTING } from "../../ports/settings.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";

export interface NoticeSpec {
  /** What the notice says, e.g. "leave_started"; with the subject it names the card builder. */
  readonly kind: string;
  readonly subjectType: string;
  readonly subjectId: string;
  /** The subject's version when the notice was decided: part of the dedupe key. */
  readonly version: number;
  /** Never delivered (nor shown anywhere) before this instant. */
  readonly visibleFrom?: Date | null;
}

export function dedupeKey(spec: NoticeSpec, recipientId: string): string {
  return `${spec.subjectType}:${spec.subjectId}:${spec.kind}:v${spec.version}:${recipientId}`;
}

/**
 * The one platform of `platforms` (a person's chat accounts, two or more) a notice goes to: the one
 * they chose (`platform teams`), else the one they last acknowledged a notice on, else the first
 * in a fixed order (Slack, then Teams) so the choice never flips between notices. Only platforms
 * the service delivers to count (`delivered`, from its configuration; empty = not known), and
 * without a choice only `reachable` accounts when there are any (a Teams account whose app was
 * never installed has no conversation to post to). Decision 14.15.
 */
export function noticePlatform(
  platforms: readonly Platform[],
  preference: PlatformPreference,
  where: { readonly reachable?: readonly Platform[]; readonly delivered?: readonly Platform[] } = {},
): Platform {
  const narrow = (from: readonly Platform[], to: readonly Platform[] | undefined) => {
    const kept = to === undefined ? [...from] : from.filter((p) => to.includes(p));
    return kept.length > 0 ? kept : [...from];
  };
  const open = narrow(platforms, where.delivered?.length ? where.delivered : undefined);
  if (preference.chosen !== null && open.includes(preference.chosen)) return preference.chosen;
  const pool = narrow(open, where.reachable);
  if (preference.lastAcknowledged !== null && pool.includes(preference.lastAcknowledged))
    return preference.lastAcknowledged;
  return [...pool].sort()[0]!;
}

/** The platforms `serve` said it delivers to (SETTING.noticePlatforms); empty when not known. */
async function deliveredPlatforms(tx: TxPorts): Promise<Platform[]> {
  const value = (await tx.settings.get(SETTING.noticePlatforms)) ?? "";
  return value.split(",").filter((p): p is Platform => p === "slack" || p === "teams");
}

/** Where a notice to the person goes: each notice once, on one platform even when they have several accounts. */
export async function platformsOf(tx: TxPorts, personId: string): Promise<NoticePlatform[]> {
  const identities = await tx.people.identitiesOf(personId);
  const platforms = [...new Set(identities.map((i) => i.platform))];
  if (platforms.length < 2) return platforms;
  // Slack reaches a member by id; Teams needs the conversation its app installation opened.
  const reachable = identities
    .filter((i) => i.platform !== "teams" || i.conversationRef !== null)
    .map((i) => i.platform);
  const preference = await tx.people.platformPreference(personId);
  return [noticePlatform(platforms, preference, { reachable, delivered: await deliveredPlatforms(tx) })];
}

/** One notice per recipient (on the platform platformsOf picks); a recipient listed twice is told once. */
export async function sendNotice(
  tx: TxPorts,
  spec: NoticeSpec,
  recipients: readonly Person[],
  build: (recipient: Person) => Promise<Card>,
): Promise<number> {
  let created = 0;
  const seen = new Set<string>();
  for (const recipient of recipients) {
    if (seen.has(recipient.id)) continue;
    seen.add(recipient.id);
    const card = await build(recipient);
    const fresh = await tx.outbox.enqueue(
      {
        dedupeKey: dedupeKey(spec, recipient.id),
        recipientId: recipient.id,
        kind: spec.kind,
        subjectType: spec.subjectType,
        subjectId: spec.subjectId,
        card,
        visibleFrom: spec.visibleFrom ?? null,
      },
      await platformsOf(tx, recipient.id),
    );
    if (fresh) created += 1;
  }
  return created;
}

export interface Offer {
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly version: number;
  readonly recipientId: string;
  readonly args?: Record<string, string | number | boolean>;
}

/** A button for one person on one version of a subject; the token is all the platform carries. */
export async function offer(
  tx: TxPorts,
  what: Offer,
  label: Bilingual,
  options: { style?: "primary" | "danger"; form?: { title: Bilingual; inputs: readonly CardInput[] } } = {},
): Promise<CardAction> {
  const token = await tx.tokens.issue({
    action: what.action,
    subjectType: what.subjectType,
    subjectId: what.subjectId,
    subjectVersion: what.version,
    recipientId: what.recipientId,
    args: what.args ?? {},
  });
  return { token, label, ...options };
}
