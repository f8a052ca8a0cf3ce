// The register's questions, as the regulator and management ask them (docs/domain.md): where did person
// X go after a rotation, who took over post P, who serves client C now (and before). Pure reads
// over the assignment and client histories that return plain data; undefined when the code is
// unknown. They check no access: the use case that asks (the manager questions, the regulator's
// report) decides who may see the answer. Only holder assignments count — an acting assignment is
// a substitute's cover during a leave, which a rotation question must not reveal.
import type { AssignmentRecord, KeyPostRecord } from "../../ports/rotation-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";

export interface PersonRef {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly nameEn: string | null;
}

export interface PostRef {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly unitCode: string;
}

export interface Move {
  /** The rotation that ended the holding; null when it ended otherwise (left, correction). */
  readonly rotationId: string | null;
  readonly from: PostRef;
  readonly heldFrom: string;
  readonly leftOn: string;
  readonly endReason: string | null;
  /** Where the person went: the key post they started with the same rotation; null when none (not a key post). */
  readonly to: PostRef | null;
  /** Who took the post over with that rotation. */
  readonly successor: PersonRef | null;
}

export interface WhereDidPersonGo {
  readonly person: PersonRef;
  readonly moves: readonly Move[];
  readonly holdsNow: readonly { readonly post: PostRef; readonly since: string }[];
}

export interface Tenure {
  readonly holder: PersonRef;
  readonly from: string;
  readonly until: string | null;
  readonly endReason: string | null;
  /** The rotation that started this holding, if any. */
  readonly rotationId: string | null;
}

export interface WhoTookPost {
  readonly post: PostRef;
  readonly current: Tenure | null;
  /** Every holding, oldest first (the current one last). */
  readonly history: readonly Tenure[];
}

export interface Service {
  readonly manager: PersonRef;
  readonly from: string;
  readonly until: string | null;
  /** import | rotation | manual */
  readonly reason: string | null;
  readonly rotationId: string | null;
}

export interface WhoServesClient {
  readonly client: { readonly code: string; readonly name: string };
  readonly current: Service | null;
  /** Every relationship manager the client had, oldest first (the current one last). */
  readonly history: readonly Service[];
}

function postRef(post: KeyPostRecord): PostRef {
  return { id: post.id, code: post.code, name: post.name, nameEn: post.nameEn, unitCode: post.unitCode };
}

/** Memoised look-ups within one question. */
function lookups(tx: TxPorts) {
  const people = new Map<string, Promise<PersonRef>>();
  const posts = new Map<string, Promise<PostRef | null>>();
  return {
    person(id: string): Promise<PersonRef> {
      if (!people.has(id)) {
        people.set(
          id,
          tx.people
            .byId(id)
            .then((p) =>
              p
                ? { id: p.id, code: p.code, name: p.name, nameEn: p.nameEn }
                : { id, code: "?", name: "?", nameEn: null },
            ),
        );
      }
      return people.get(id) as Promise<PersonRef>;
    },
    post(id: string): Promise<PostRef | null> {
      if (!posts.has(id))
        posts.set(
          id,
          tx.rotations.postById(id).then((p) => (p ? postRef(p) : null)),
        );
      return posts.get(id) as Promise<PostRef | null>;
    },
  };
}

const holderOnly = (a: AssignmentRecord) => a.kind === "holder";

export async function whereDidPersonGo(tx: TxPorts, personCode: string): Promise<WhereDidPersonGo | undefined> {
  const person = await tx.people.byCode(personCode);
  if (!person) return undefined;
  const look = lookups(tx);
  const mine = (await tx.rotations.assignmentsOfEmployee(person.id)).filter(holderOnly);
  const moves: Move[] = [];
  for (const ended of mine.filter((a) => a.endDate !== null)) {
    const from = await look.post(ended.postId);
    if (!from) continue;
    // The rotation that ended it started the successor's holding and the person's next one. Imported
    // history has no rotation rows: then the holdings that started the day this one ended answer.
    const done = (await tx.rotations.rotationsOf(ended.postId, person.id, new Date(0))).filter(
      (r) => r.status === "done",
    );
    const others = (await tx.rotations.assignmentsOfPost(ended.postId)).filter(
      (a) => holderOnly(a) && a.employeeId !== person.id && a.startDate === ended.endDate,
    );
    const successorHolding =
      others.find((a) => done.some((r) => r.id === a.rotationId)) ??
      (ended.endReason === "rotation" ? others[0] : undefined);
    const rotation = done.find((r) => r.id === successorHolding?.rotationId);
    const rotationId = rotation?.id ?? null;
    const destination = rotation?.destinationPostId ?? undefined;
    const next =
      destination !== undefined
        ? { postId: destination }
        : ended.endReason === "rotation"
          ? mine.find(
              (a) =>
                a.postId !== ended.postId &&
                (rotationId !== null ? a.rotationId === rotationId : a.startDate === ended.endDate),
            )
          : undefined;
    moves.push({
      rotationId,
      from,
      heldFrom: ended.startDate,
      leftOn: ended.endDate as string,
      endReason: ended.endReason,
      to: next ? await look.post(next.postId) : null,
      successor: successorHolding ? await look.person(successorHolding.employeeId) : null,
    });
  }
  const holdsNow = [];
  for (const a of mine.filter((x) => x.endDate === null)) {
    const post = await look.post(a.postId);
    if (post) holdsNow.push({ post, since: a.startDate });
  }
  return { person: { id: person.id, code: person.code, name: person.name, nameEn: person.nameEn }, moves, holdsNow };
}

export async function whoTookPost(tx: TxPorts, postCode: string): Promise<WhoTookPost | undefined> {
  const post = await tx.rotations.postByCode(postCode);
  if (!post) return undefined;
  const look = lookups(tx);
  const history: Tenure[] = [];
  for (const a of (await tx.rotations.assignmentsOfPost(post.id)).filter(holderOnly)) {
    history.push({
      holder: await look.person(a.employeeId),
      from: a.startDate,
      until: a.endDate,
      endReason: a.endReason,
      rotationId: a.rotationId,
    });
  }
  return { post: postRef(post), current: history.filter((t) => t.until === null).at(-1) ?? null, history };
}

export async function whoServesClient(tx: TxPorts, clientCode: string): Promise<WhoServesClient | undefined> {
  const client = await tx.clients.byCode(clientCode);
  if (!client) return undefined;
  const look = lookups(tx);
  const history: Service[] = [];
  for (const a of await tx.clients.historyOf(client.id)) {
    history.push({
      manager: await look.person(a.employeeId),
      from: a.startDate,
      until: a.endDate,
      reason: a.reason,
      rotationId: a.rotationId,
    });
  }
  return {
    client: { code: client.code, name: client.name },
    current: history.filter((s) => s.until === null).at(-1) ?? null,
    history,
  };
}
