// A button pressed on any platform: the token names an action offered to one person on one version
// of a subject. The core looks the subject up again and re-checks the person, the state and the
// version; a press on an outdated card changes nothing, says why, and returns the current card.
import { DomainError } from "../../domain/errors.ts";
import type { ActionTokenRecord } from "../../ports/action-tokens.ts";
import type { Person } from "../../ports/people-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import type { Card } from "../../ports/card.ts";
import { AppError } from "./app-error.ts";
import { issueDetail } from "./input-problem.ts";
import type { CardContext, CardRegistry } from "./card-registry.ts";
import { refreshNotices } from "./card-registry.ts";
import { ChatUserUnresolved, runAs, type ChatInvocation, type Kernel } from "./execute.ts";
import type { Outcome } from "./outcome.ts";
import type { Invocation, UseCase } from "./use-case.ts";

export interface ActionBinding {
  readonly useCase: UseCase<unknown>;
  /** The use case's raw input from what the token names and what the form sent (parsed by the use case). */
  input(token: ActionTokenRecord, values: Readonly<Record<string, string>>): unknown;
}

/** A token read and, when it was the presser's and unused, spent (`ActionTokenRepository.claim`). */
type Claimed = Awaited<ReturnType<TxPorts["tokens"]["claim"]>>;

export type ActionRegistry = Readonly<Record<string, ActionBinding>>;

export function bind<I>(useCase: UseCase<I>, input: ActionBinding["input"]): ActionBinding {
  return { useCase: useCase as UseCase<unknown>, input };
}

export interface Press {
  readonly token: string;
  readonly values?: Readonly<Record<string, string>>;
}

/**
 * The notice kind of the message a button was on: the person's notice about the subject whose
 * stored card carries the token (a "leave required" card stays one after its Acknowledge, even
 * when a later notice about the same subject is a "rotation overdue"); else their latest notice.
 * Read before the use case runs: refreshing the cards afterwards issues new tokens.
 */
export async function pressedKind(tx: TxPorts, token: ActionTokenRecord, personId: string): Promise<string> {
  const mine = (await tx.outbox.forSubject(token.subjectType, token.subjectId)).filter(
    (n) => n.recipientId === personId,
  );
  const carrying = mine.find((n) => n.card.actions.some((a) => a.token === token.id));
  return (carrying ?? mine.at(-1))?.kind ?? "";
}

/** The card this person should now see for a subject: rebuilt from its current state, as the notice `kind` shows it. */
export async function currentCard(
  tx: TxPorts,
  cards: CardRegistry,
  token: ActionTokenRecord,
  person: Person,
  ctx: CardContext,
  kind?: string,
): Promise<Card | undefined> {
  const build = cards[token.subjectType];
  if (!build) return undefined;
  const shown = kind ?? (await pressedKind(tx, token, person.id));
  const card = await build(tx, { subjectId: token.subjectId, kind: shown, recipient: person }, ctx);
  return card?.subject && shown ? { ...card, subject: { ...card.subject, kind: shown } } : card;
}

/**
 * Acts on a press; the kernel's probe is told its platform, its outcome (ok or the refusal's code) and
 * its duration. A press by a chat account (`ChatInvocation`) that cannot act as stored changes nothing
 * and throws `ChatUserUnresolved` (not told to the probe: the caller resolves the account and presses again).
 */
export async function pressAction(
  kernel: Kernel,
  actions: ActionRegistry,
  press: Press,
  invocation: Invocation | ChatInvocation,
): Promise<Outcome> {
  if (!kernel.probe) return actOnPress(kernel, actions, press, invocation);
  const started = performance.now();
  let outcome: string | undefined = "error";
  try {
    const done = await actOnPress(kernel, actions, press, invocation);
    outcome = done.ok ? "ok" : done.code;
    return done;
  } catch (error) {
    if (error instanceof ChatUserUnresolved) outcome = undefined;
    throw error;
  } finally {
    if (outcome !== undefined) kernel.probe.pressed(invocation.platform, outcome, (performance.now() - started) / 1000);
  }
}

async function actOnPress(
  kernel: Kernel,
  actions: ActionRegistry,
  press: Press,
  invocation: Invocation | ChatInvocation,
): Promise<Outcome> {
  // One transaction: the token, the person, the use case and its log entry (a press is the
  // busiest path in the bot). The token is kept for the stale-card answer after a refusal.
  let token: ActionTokenRecord | undefined;
  let kind: string | undefined;
  let personId = "personId" in invocation ? invocation.personId : undefined;
  let name = "action.press";
  const outcome = await runAs(
    kernel,
    invocation,
    () => name,
    async (who, tx, env, claimed: Claimed) => {
      const found = claimed?.token;
      const binding = found ? actions[found.action] : undefined;
      if (!claimed || !found || !binding) throw new AppError("UNKNOWN_ACTION");
      token = found;
      personId = who.person.id;
      name = binding.useCase.name;
      if (found.recipientId !== who.person.id) throw new DomainError("NOT_AUTHORISED", { reason: "not_your_card" });
      kind = await pressedKind(tx, found, who.person.id);
      if (!claimed.spent) throw new DomainError("ALREADY_DONE");
      const parsed = binding.useCase.input.safeParse(binding.input(found, press.values ?? {}));
      if (!parsed.success) {
        throw new AppError("INVALID_INPUT", issueDetail(parsed.error.issues[0]));
      }
      const done = await binding.useCase.run(parsed.data, who, tx, env);
      return { done, who, token: found };
    },
    async ({ done, who, token: used }, tx, env) => {
      for (const subject of done.touched ?? []) await refreshNotices(tx, env.cards, subject.type, subject.id, env);
      const card = done.card ?? (await currentCard(tx, env.cards, used, who.person, env, kind));
      return { ok: true, message: done.message, ...(card ? { card } : {}), ...(done.file ? { file: done.file } : {}) };
    },
    // Read and spent together (spent only for its recipient, once), sent with the actor's read; any
    // refusal, an unknown actor's included, rolls it back. The notices about the token's subject are
    // asked for in the same breath (which of them carried the button, and the use case's own read of
    // them, are answered from it): on PostgreSQL all leave in one round trip (decision 13.s9p-2).
    async (tx, env) => {
      const [claimed] = await Promise.all([
        "personId" in invocation
          ? tx.tokens.claim(press.token, invocation.personId, env.now)
          : tx.tokens.claimByChat(press.token, invocation.chat, env.now),
        tx.outbox.forSubjectOfToken(press.token),
      ]);
      return claimed;
    },
  );
  if (
    outcome.ok ||
    !token ||
    (outcome.code !== "STALE_ACTION" && outcome.code !== "ALREADY_DONE" && outcome.code !== "INVALID_TRANSITION")
  )
    return outcome;
  // The state moved on: show the person what it is now.
  const pressed: ActionTokenRecord = token;
  const presser = personId;
  if (presser === undefined) return outcome;
  const card = await kernel.uow.run(async (tx) => {
    const person = await tx.people.byId(presser);
    return person && person.id === pressed.recipientId
      ? currentCard(tx, kernel.cards, pressed, person, { now: kernel.clock.now() }, kind)
      : undefined;
  });
  return card ? { ...outcome, card } : outcome;
}
