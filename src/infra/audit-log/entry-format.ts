// What an audit-log entry's hash covers, in both entry formats — one module for the writer, both
// verifiers (database and export file) and the checkpointer, so they cannot disagree
// (docs/audit-log.md is the same contract in prose, with the examiner's script).
//
// Format 1 (every entry written before issue #19's erasure work, and every entry without personal
// data): the body is the nine members, `data` included as it is.
// Format 2 (an entry whose data has personal members — a chat id, an employee code, text a person
// typed): the body has `format: 2`, `data` *without* those members, and `personal`: for each such
// member its owners (employee ids) and the SHA-256 of canon([salt, key, value]) — a salted digest,
// as SD-JWT's disclosures are. The database keeps the value (in data) and the salt (in the
// `personal` column) until the person is erased; erasure removes both and keeps the digest, so the
// hash still verifies and the digest, without its random salt, cannot be matched to a guessed value.
import { createHash, randomBytes } from "node:crypto";
import { canonicalJson } from "./canonical-json.ts";

/** One personal member as stored: its salt while the value is kept, its digest once erased. */
export interface StoredPersonalMember {
  /** Employee ids whose personal data the value is; erasing any of them removes it. */
  readonly owners: readonly string[];
  readonly salt?: string;
  readonly sha256?: string;
}

export type StoredPersonal = Readonly<Record<string, StoredPersonalMember>>;

/** An entry as its hash sees it: instants as Date or ISO text, data as an object. */
export interface ChainedEntry {
  readonly seq: number;
  readonly at: Date | string;
  readonly actorId: string | null;
  readonly platform: string;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly sealedUntil: Date | string | null;
  readonly data: Readonly<Record<string, unknown>>;
  /** Null (or absent) for format 1. */
  readonly personal?: StoredPersonal | null;
}

export class EntryFormatError extends Error {}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** The digest a format-2 entry's hash covers for one personal member. */
export const personalDigest = (salt: string, key: string, value: unknown): string =>
  sha256(canonicalJson([salt, key, value]));

/** A fresh salt: 16 random bytes, base64url. */
export const newSalt = (): string => randomBytes(16).toString("base64url");

/** The canonical body an entry's hash covers (after the previous hash). Throws EntryFormatError on a bad format-2 entry. */
export function chainedBody(e: ChainedEntry): string {
  const common = {
    seq: e.seq,
    at: e.at,
    actorId: e.actorId,
    platform: e.platform,
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    sealedUntil: e.sealedUntil,
  };
  if (e.personal === null || e.personal === undefined) return canonicalJson({ ...common, data: e.data });
  const data: Record<string, unknown> = { ...e.data };
  const digests: Record<string, { owners: readonly string[]; sha256: string }> = {};
  const keys = Object.keys(e.personal);
  if (keys.length === 0) throw new EntryFormatError("a format-2 entry names no personal member");
  for (const key of keys) {
    const member = e.personal[key]!;
    if (!Array.isArray(member.owners) || member.owners.some((o) => typeof o !== "string"))
      throw new EntryFormatError(`personal member "${key}" has no owners`);
    let digest: string;
    if (typeof member.salt === "string") {
      if (!(key in data) || data[key] === undefined)
        throw new EntryFormatError(`personal member "${key}" has a salt but no value`);
      digest = personalDigest(member.salt, key, data[key]);
    } else if (typeof member.sha256 === "string" && /^[0-9a-f]{64}$/.test(member.sha256)) {
      if (key in data) throw new EntryFormatError(`personal member "${key}" is erased but data still holds it`);
      digest = member.sha256;
    } else throw new EntryFormatError(`personal member "${key}" has neither a salt nor a digest`);
    delete data[key];
    digests[key] = { owners: member.owners, sha256: digest };
  }
  return canonicalJson({ ...common, format: 2, data, personal: digests });
}

/** hex(SHA-256(UTF-8(prevHash + body))): the chain's rule, for a canonical body already written. */
export const hashOfBody = (prevHash: string, body: string): string => sha256(prevHash + body);

/** hex(SHA-256(UTF-8(prevHash + chainedBody))). */
export const chainedHash = (prevHash: string, e: ChainedEntry): string => hashOfBody(prevHash, chainedBody(e));

/** Which data members are personal, and whose: data key → employee id(s). */
export type PersonalDeclaration = Readonly<Record<string, string | readonly string[]>>;

/** The `personal` column of a new entry: a salt per declared member present in data; undefined when none is. */
export function sealPersonal(
  data: Readonly<Record<string, unknown>>,
  declared: PersonalDeclaration | undefined,
  salt: () => string = newSalt,
): StoredPersonal | undefined {
  if (!declared) return undefined;
  const out: Record<string, StoredPersonalMember> = {};
  for (const [key, owners] of Object.entries(declared)) {
    if (data[key] === undefined) continue;
    const list = [...new Set(typeof owners === "string" ? [owners] : owners)];
    if (list.length === 0) continue; // nobody's: e.g. an empty list of people told
    out[key] = { owners: list, salt: salt() };
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/**
 * Erases the members owned by `personId` from a format-2 entry: the value leaves data, the salt
 * leaves `personal`, the digest stays. The hash is unchanged. Undefined when nothing is theirs.
 */
export function erasePersonal(
  e: Pick<ChainedEntry, "data" | "personal">,
  personId: string,
): { data: Record<string, unknown>; personal: StoredPersonal; members: string[] } | undefined {
  if (!e.personal) return undefined;
  const data: Record<string, unknown> = { ...e.data };
  const personal: Record<string, StoredPersonalMember> = { ...e.personal };
  const members: string[] = [];
  for (const [key, member] of Object.entries(e.personal)) {
    if (!member.owners.includes(personId) || typeof member.salt !== "string") continue;
    personal[key] = { owners: member.owners, sha256: personalDigest(member.salt, key, data[key]) };
    delete data[key];
    members.push(key);
  }
  return members.length === 0 ? undefined : { data, personal, members };
}

/**
 * A format-1 entry redacted by an erasure: its stored hash no longer follows from its content, so
 * the erasure's own chained entry (`people.erased`, signed by a checkpoint) names it — its seq, the
 * stored hash, and the hash its redacted content gives — and a verifier accepts exactly that.
 */
export interface OldEntryRedaction {
  readonly seq: number;
  readonly hash: string;
  readonly redactedHash: string;
}

/** The redactions listed in an erasure entry's data (`redactedOld`), checked for shape. */
export function redactionsOf(data: unknown): OldEntryRedaction[] {
  const list = (data as { redactedOld?: unknown } | null)?.redactedOld;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (r): r is OldEntryRedaction =>
      typeof r === "object" &&
      r !== null &&
      Number.isSafeInteger((r as OldEntryRedaction).seq) &&
      typeof (r as OldEntryRedaction).hash === "string" &&
      typeof (r as OldEntryRedaction).redactedHash === "string",
  );
}

/** The action of the entry that records an erasure (and lists the format-1 entries it redacted). */
export const ERASURE_ACTION = "people.erased";
/** Its subject type (the erased employee). */
export const ERASURE_SUBJECT_TYPE = "employee";
