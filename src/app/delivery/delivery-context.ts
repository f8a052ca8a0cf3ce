// What a notifier needs besides the notice: the recipient, their identity on the notice's platform,
// their language. Looked up per page of notices, each person once: `load` reads a whole page's
// recipients in two queries.
import type { Delivery, Notifier } from "../../ports/notifier.ts";
import type { StoredNotice } from "../../ports/outbox.ts";
import type { ChatIdentityRef, Person } from "../../ports/people-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { localeOf, type Locale } from "../../ports/locale.ts";

export interface Notifiers {
  readonly byPlatform: ReadonlyMap<StoredNotice["platform"], Notifier>;
  readonly fallback: Notifier;
}

export function notifierFor(notifiers: Notifiers, notice: Pick<StoredNotice, "platform">): Notifier {
  return notifiers.byPlatform.get(notice.platform) ?? notifiers.fallback;
}

export class DeliveryContext {
  readonly #people = new Map<string, { person: Person | undefined; identities: ChatIdentityRef[] }>();
  constructor(
    private readonly tx: TxPorts,
    private readonly orgLocale: Locale,
  ) {}

  /** Reads, in two queries, every recipient of `notices` not read yet. */
  async load(notices: readonly Pick<StoredNotice, "recipientId">[]): Promise<void> {
    const ids = [...new Set(notices.map((n) => n.recipientId))].filter((id) => !this.#people.has(id));
    if (ids.length === 0) return;
    const people = new Map((await this.tx.people.byIds(ids)).map((p) => [p.id, p]));
    const identities = await this.tx.people.identitiesOfMany([...people.keys()]);
    for (const id of ids) this.#people.set(id, { person: people.get(id), identities: identities.get(id) ?? [] });
  }

  /** The delivery of `notice`, or undefined when its recipient no longer exists. */
  async of(notice: StoredNotice): Promise<Delivery | undefined> {
    let known = this.#people.get(notice.recipientId);
    if (!known) {
      const person = await this.tx.people.byId(notice.recipientId);
      known = { person, identities: person ? await this.tx.people.identitiesOf(person.id) : [] };
      this.#people.set(notice.recipientId, known);
    }
    if (!known.person) return undefined;
    return {
      notice,
      recipient: known.person,
      identity: known.identities.find((i) => i.platform === notice.platform),
      locale: localeOf(known.person.locale, this.orgLocale),
    };
  }
}
