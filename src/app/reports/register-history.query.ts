// The register's history questions as queries a person asks (through `ask`, like home.view):
// where did person X go after a rotation, who took over post P, who serves client C now. The
// answers are the rotation area's (src/app/rotation/register-queries.ts); this file only decides
// who may have them: a reporting role (report-scope.ts) whose units reach the subject — the post's
// unit, the client's unit (else its current manager's), or for a person their home unit or any key
// post they held or hold. Else OUT_OF_SCOPE; an unknown code is NOT_FOUND. Only holder assignments
// appear (never a substitute's acting cover), so no mandatory leave shows through.
import { z } from "zod";
import type { Actor } from "../../domain/access/roles.ts";
import { DomainError } from "../../domain/errors.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { query } from "../home/query.ts";
import {
  whereDidPersonGo,
  whoServesClient,
  whoTookPost,
  type WhereDidPersonGo,
  type WhoServesClient,
  type WhoTookPost,
} from "../rotation/register-queries.ts";
import { inScope, reportScope } from "./report-scope.ts";

const input = z.object({ code: z.string().trim().min(1).max(64) });

function found<T>(answer: T | undefined): T {
  if (answer === undefined) throw new DomainError("NOT_FOUND");
  return answer;
}

async function unitPathOfCode(tx: TxPorts, unitCode: string): Promise<string | undefined> {
  return (await tx.rotations.unitByCode(unitCode))?.path;
}

async function allowed(viewer: Actor, paths: readonly (string | undefined | null)[]): Promise<void> {
  const scope = reportScope(viewer);
  if (!paths.some((p) => typeof p === "string" && inScope(scope, p))) throw new DomainError("OUT_OF_SCOPE");
}

export const askWhereDidPersonGo = query({
  name: "report.where_did_person_go",
  input,
  async run({ code }, who, tx): Promise<WhereDidPersonGo> {
    reportScope(who.actor);
    const answer = found(await whereDidPersonGo(tx, code));
    const person = await tx.people.byId(answer.person.id);
    const posts = [
      ...answer.moves.flatMap((m) => [m.from, ...(m.to ? [m.to] : [])]),
      ...answer.holdsNow.map((h) => h.post),
    ];
    const paths = [
      person?.unitPath,
      ...(await Promise.all([...new Set(posts.map((p) => p.unitCode))].map((c) => unitPathOfCode(tx, c)))),
    ];
    await allowed(who.actor, paths);
    return answer;
  },
});

export const askWhoTookPost = query({
  name: "report.who_took_post",
  input,
  async run({ code }, who, tx): Promise<WhoTookPost> {
    reportScope(who.actor);
    const answer = found(await whoTookPost(tx, code));
    await allowed(who.actor, [await unitPathOfCode(tx, answer.post.unitCode)]);
    return answer;
  },
});

export const askWhoServesClient = query({
  name: "report.who_serves_client",
  input,
  async run({ code }, who, tx): Promise<WhoServesClient> {
    reportScope(who.actor);
    const answer = found(await whoServesClient(tx, code));
    const client = await tx.clients.byCode(code);
    const manager = answer.current ? await tx.people.byId(answer.current.manager.id) : undefined;
    await allowed(who.actor, [client?.unitPath ?? manager?.unitPath]);
    return answer;
  },
});
