// Runs a use case: parse the input, identify the actor, run it in one transaction, refresh the
// cards of what it touched. A refusal changes nothing, is logged (in its own transaction), and
// when the actor is a suspended holder, compliance is told.
import { actorFrom } from "../people/actor-of.ts";
import type { EvidenceFiles } from "../../ports/evidence-files.ts";
import type { ErrorDetail } from "../../domain/errors.ts";
import { DomainError } from "../../domain/errors.ts";
import { CalendarError } from "../../domain/calendar/calendar-error.ts";
import type { Clock } from "../../ports/clock.ts";
import type { ChatIdentityRef, Person, Platform } from "../../ports/people-repository.ts";
import type { LogPlatform } from "../../ports/audit-log.ts";
import type { TxPorts, UnitOfWork } from "../../ports/unit-of-work.ts";
import { localeOf, type Locale } from "../../ports/locale.ts";
import { AppError, describeCode, type Code } from "./app-error.ts";
import { issueDetail } from "./input-problem.ts";
import { refreshNotices, type CardRegistry } from "./card-registry.ts";
import type { Outcome } from "./outcome.ts";
import type { Env, Invocation, UseCase, Who } from "./use-case.ts";
import { suspendedAttemptCard } from "./suspended-attempt.card.ts";
import { sendNotice } from "./notify.ts";
import type { PressProbe } from "../../ports/probe.ts";

export interface Kernel {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly orgLocale: Locale;
  readonly cards: CardRegistry;
  /** Where the web dashboard is reached (links in chat answers); absent when it is not served. */
  readonly dashboardUrl?: () => string;
  /** Told of every press and how it ended (metrics, the log's press line); absent in most tests. */
  readonly probe?: PressProbe;
  /** Where evidence files attached to checklist items are kept, and what is accepted; absent: attaching is refused. */
  readonly evidence?: EvidenceFiles;
}

/**
 * A presser known only by their chat account (decision 13.s9p-3): the account's person is read as the
 * actor inside the unit of work, in the same round trip as what the action reads first, instead of a
 * gate's identity read before it. `usable` says whether the account may act as it is stored; when it
 * may not (unknown, another tenant, a left person, something to store first), the unit rolls back and
 * `ChatUserUnresolved` is thrown: the caller resolves the account (resolveChatUser) and acts again.
 */
export interface ChatInvocation {
  readonly chat: { readonly platform: Platform; readonly externalId: string };
  readonly platform: LogPlatform;
  usable(identity: ChatIdentityRef): boolean;
  /** Told who the account's person is, once read. */
  identified?(who: Who): void;
}

/** The chat account could not act as stored; nothing was changed (see ChatInvocation). */
export class ChatUserUnresolved extends Error {
  constructor() {
    super("the chat account must be resolved before it acts");
    this.name = "ChatUserUnresolved";
  }
}

async function identifyChat(tx: TxPorts, invocation: ChatInvocation, orgLocale: Locale): Promise<Who> {
  const found = await tx.people.standingByChat(invocation.chat.platform, invocation.chat.externalId);
  if (!found || found.person.status === "left" || !invocation.usable(found.identity)) throw new ChatUserUnresolved();
  const { person, away } = found;
  const who: Who = {
    person,
    actor: actorFrom(person, away),
    locale: localeOf(person.locale, orgLocale),
    platform: invocation.platform,
  };
  invocation.identified?.(who);
  return who;
}

export async function identify(
  tx: TxPorts,
  personId: string,
  orgLocale: Locale,
  platform: Who["platform"],
): Promise<Who> {
  const found = await tx.people.standing(personId);
  if (!found || found.person.status === "left") throw new AppError("UNKNOWN_USER");
  const { person, away } = found;
  const actor = actorFrom(person, away);
  return { person, actor, locale: localeOf(person.locale, orgLocale), platform };
}

function parseInput<I>(useCase: UseCase<I>, raw: unknown): I {
  const parsed = useCase.input.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new AppError("INVALID_INPUT", issueDetail(parsed.error.issues[0]));
}

export function refusal(code: Code, detail?: ErrorDetail): Outcome {
  return { ok: false, code, ...(detail ? { detail } : {}), message: describeCode(code, detail) };
}

export function envOf(kernel: Kernel): Env {
  return {
    now: kernel.clock.now(),
    orgLocale: kernel.orgLocale,
    cards: kernel.cards,
    ...(kernel.evidence ? { evidence: kernel.evidence } : {}),
    ...(kernel.dashboardUrl ? { publicUrl: kernel.dashboardUrl } : {}),
  };
}

/**
 * Runs `work` as `invocation.personId`; the core of execute(), shared with action presses.
 * `alongside`: a first step that needs only the person's id, sent together with the actor's read
 * (on PostgreSQL both leave in one round trip); its result is handed to `work`. It runs whether or
 * not the actor turns out to be known: a refusal rolls back whatever it wrote.
 */
export async function runAs<T, A = undefined>(
  kernel: Kernel,
  invocation: Invocation | ChatInvocation,
  /** The action's name for the log of a refusal (known only once the work has looked it up, for a press). */
  name: string | (() => string),
  work: (who: Who, tx: TxPorts, env: Env, first: A) => Promise<T>,
  onDone: (result: T, tx: TxPorts, env: Env) => Promise<Outcome>,
  alongside?: (tx: TxPorts, env: Env) => Promise<A>,
): Promise<Outcome> {
  const env = envOf(kernel);
  /** Who acts, once known (a chat account's person is known only once read). */
  let personId = "personId" in invocation ? invocation.personId : undefined;
  try {
    return await kernel.uow.run(async (tx) => {
      // Both settle before either's failure ends the unit: a claim still running when the identity read
      // fails would otherwise land after the rollback, outside the transaction (spent for good). Both
      // are asked for in one synchronous stretch: a database may answer them with one statement
      // (decision 13.s12p-5); asked for apart, each is read on its own.
      const [whoRead, firstRead] = await Promise.allSettled([
        "personId" in invocation
          ? identify(tx, invocation.personId, kernel.orgLocale, invocation.platform)
          : identifyChat(tx, invocation, kernel.orgLocale),
        alongside ? alongside(tx, env) : (undefined as A),
      ]);
      if (whoRead.status === "rejected") throw whoRead.reason;
      if (firstRead.status === "rejected") throw firstRead.reason;
      const [who, first] = [whoRead.value, firstRead.value];
      personId = who.person.id;
      return onDone(await work(who, tx, env, first), tx, env);
    });
  } catch (error) {
    if (error instanceof AppError) return refusal(error.code, error.detail);
    if (
      error instanceof CalendarError &&
      (error.code === "CALENDAR_NOT_FOUND" || error.code === "CALENDAR_NOT_CONFIGURED")
    )
      return refusal("CALENDAR_MISSING");
    if (!(error instanceof DomainError)) throw error;
    if (personId !== undefined)
      await logRefusal(
        kernel,
        { personId, platform: invocation.platform },
        typeof name === "string" ? name : name(),
        error,
        env,
      );
    return refusal(error.code, error.detail);
  }
}

export async function execute<I>(
  kernel: Kernel,
  useCase: UseCase<I>,
  raw: unknown,
  invocation: Invocation,
): Promise<Outcome> {
  let input: I;
  try {
    input = parseInput(useCase, raw);
  } catch (error) {
    if (error instanceof AppError) return refusal(error.code, error.detail);
    throw error;
  }
  return runAs(
    kernel,
    invocation,
    useCase.name,
    (who, tx, env) => useCase.run(input, who, tx, env),
    async (done, tx, env) => {
      for (const subject of done.touched ?? []) await refreshNotices(tx, env.cards, subject.type, subject.id, env);
      return {
        ok: true,
        message: done.message,
        ...(done.card ? { card: done.card } : {}),
        ...(done.file ? { file: done.file } : {}),
      };
    },
  );
}

/** Every refused attempt is a fact in the log; a suspended holder's attempt is also told to compliance. */
export async function logRefusal(
  kernel: Kernel,
  invocation: Invocation,
  action: string,
  error: DomainError,
  env: Env,
): Promise<void> {
  await kernel.uow.run(async (tx) => {
    await tx.log.append({
      at: env.now,
      actorId: invocation.personId,
      platform: invocation.platform,
      action: `${action}.refused`,
      subjectType: "employee",
      subjectId: invocation.personId,
      data: { code: error.code, ...(error.detail ? { detail: error.detail } : {}) },
    });
    if (error.code !== "SUSPENDED") return;
    const person: Person | undefined = await tx.people.byId(invocation.personId);
    if (!person) return;
    const officers = [
      ...(await tx.people.withRoleCovering("compliance", person.unitPath)),
      ...(await tx.people.withRoleCovering("compliance_head", person.unitPath)),
    ].filter((officer) => officer.id !== person.id);
    await sendNotice(
      tx,
      { kind: "suspended_attempt", subjectType: "employee", subjectId: person.id, version: env.now.getTime() },
      officers,
      async () => suspendedAttemptCard(person, action, env.now),
    );
  });
}
