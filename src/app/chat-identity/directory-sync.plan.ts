// `keypost directory sync`: which chat accounts of a workspace's directory belong to which employee,
// matched by e-mail (lower case, as the register stores it). Pure: the directory's accounts and the
// register's people in, a plan out — accounts to link, accounts already linked, accounts that
// cannot be linked (with the reason), accounts matching no employee, and the active staff nobody
// can reach once the plan is applied. The rules are resolveChatUser's (decision 13.3): one
// identity per person and platform, an account belongs to one person, and someone who has left is
// never linked.
import type { DirectoryAccount } from "../../ports/directory.ts";

export type { DirectoryAccount };

export interface DirectoryPerson {
  readonly id: string;
  readonly code: string;
  readonly email: string | null;
  readonly status: string;
  readonly identities: readonly { readonly platform: string; readonly externalId: string }[];
}

export interface DirectoryLink {
  readonly personId: string;
  readonly code: string;
  readonly account: DirectoryAccount;
}

export interface DirectoryPlan {
  readonly link: readonly DirectoryLink[];
  readonly unchanged: number;
  /** Accounts whose e-mail names an employee who cannot take them, and why. */
  readonly refused: readonly { readonly account: DirectoryAccount; readonly code: string; readonly reason: string }[];
  /** Accounts whose e-mail is no employee's. */
  readonly unmatched: readonly DirectoryAccount[];
  /** Active employees with no chat account on any platform after the plan: no notice reaches them. */
  readonly unreachable: readonly string[];
}

export function planDirectorySync(
  platform: string,
  accounts: readonly DirectoryAccount[],
  people: readonly DirectoryPerson[],
): DirectoryPlan {
  const byEmail = new Map(people.filter((p) => p.email !== null).map((p) => [p.email!.toLowerCase(), p]));
  const owner = new Map<string, DirectoryPerson>();
  for (const p of people) for (const i of p.identities) if (i.platform === platform) owner.set(i.externalId, p);
  const link: DirectoryLink[] = [];
  const refused: { account: DirectoryAccount; code: string; reason: string }[] = [];
  const unmatched: DirectoryAccount[] = [];
  const linkedNow = new Set<string>();
  let unchanged = 0;
  for (const account of [...accounts].sort((a, b) => (a.externalId < b.externalId ? -1 : 1))) {
    const person =
      byEmail.get(account.email.toLowerCase()) ??
      (account.altEmail === undefined ? undefined : byEmail.get(account.altEmail.toLowerCase()));
    if (!person) {
      unmatched.push(account);
      continue;
    }
    const holder = owner.get(account.externalId);
    if (holder?.id === person.id) {
      unchanged += 1;
      continue;
    }
    const refuse = (reason: string) => refused.push({ account, code: person.code, reason });
    if (person.status === "left") refuse("has left");
    else if (holder) refuse(`the account is ${holder.code}'s`);
    else if (person.identities.some((i) => i.platform === platform) || linkedNow.has(person.id))
      refuse(`already has another ${platform} account (a second one is the register's to correct)`);
    else {
      link.push({ personId: person.id, code: person.code, account });
      linkedNow.add(person.id);
    }
  }
  const unreachable = people
    .filter((p) => p.status !== "left" && p.identities.length === 0 && !linkedNow.has(p.id))
    .map((p) => p.code)
    .sort();
  return { link, unchanged, refused, unmatched, unreachable };
}
