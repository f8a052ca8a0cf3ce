// audit.attach_file: a team member attaches a file to a checklist item as evidence, from a chat
// (a file shared in the Slack DM, a file sent in the Teams personal chat) with "attach <post code or
// audit id> <item>". Allowed where marking the item is (fieldwork, the audit team). A file over
// the configured size or of a type not accepted is refused with nothing stored. The bytes go to the
// evidence store under their SHA-256 (outside the database); the row and the log line carry the
// hash and size, so the evidence pack can prove the file is the one attached.
import { z } from "zod";
import { auditMachine } from "../../domain/audit/audit.machine.ts";
import { DomainError } from "../../domain/errors.ts";
import { decideOrThrow } from "../../domain/machine/machine.ts";
import type { AuditRecord } from "../../ports/audit-repository.ts";
import { refuseFile } from "../../ports/evidence-files.ts";
import { newId } from "../../ports/ids.ts";
import { bi } from "../../ports/locale.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { AppError } from "../kernel/app-error.ts";
import { useCase, type Who } from "../kernel/use-case.ts";
import { admit, auditContext, auditRef, bump, logAudit } from "./audit-subject.ts";

/** The states after which an audit's checklist can no longer take evidence. */
const FINISHED = new Set(["closed", "cancelled"]);

/** The audit named by its id, else the newest unfinished audit of the post with that code on whose team the person sits. */
async function auditNamed(tx: TxPorts, who: Who, ref: string): Promise<AuditRecord | undefined> {
  const byId = await tx.audits.byId(ref);
  if (byId) return byId;
  const code = ref.toUpperCase();
  for (const summary of await tx.audits.forMember(who.person.id)) {
    if (FINISHED.has(summary.status)) continue;
    const audit = await tx.audits.byId(summary.id);
    if (audit && audit.post.code.toUpperCase() === code) return audit;
  }
  return undefined;
}

export const attachFile = useCase({
  name: "audit.attach_file",
  input: z.object({
    /** The audit's id, or the code of the post under audit. */
    audit: z.string().trim().min(1).max(64),
    seq: z.number().int().positive(),
    name: z.string().trim().min(1).max(200),
    mediaType: z.string().trim().max(200).default("application/octet-stream"),
    content: z.instanceof(Uint8Array),
  }),
  async run(input, who, tx, env) {
    const audit = await auditNamed(tx, who, input.audit);
    if (!audit) throw new DomainError("NOT_FOUND", { subject: "audit", code: input.audit });
    admit(who, audit, "mark_item", env.now);
    const item = audit.items.find((i) => i.seq === input.seq);
    if (!item) throw new DomainError("NOT_FOUND", { item: input.seq });
    decideOrThrow(auditMachine, audit.status, "mark_item", auditContext(audit, who.actor, env.now));
    if (!env.evidence)
      throw new AppError("INVALID_INPUT", { field: "file", problem: "file_store", reason: "no store" });
    const refused = refuseFile(env.evidence.rules, input.name, input.content.length);
    if (refused) throw new AppError("INVALID_INPUT", fileProblem(refused, env.evidence.rules));

    const stored = await env.evidence.store.put(input.content);
    await bump(tx, audit);
    const file = {
      id: newId(),
      itemSeq: item.seq,
      name: input.name,
      mediaType: input.mediaType,
      bytes: stored.bytes,
      sha256: stored.sha256,
      uploadedById: who.person.id,
      uploadedAt: env.now,
    };
    await tx.audits.addFile(audit.id, file);
    await logAudit(tx, env, who, audit, {
      action: "audit.file_attached",
      data: {
        fileId: file.id,
        seq: item.seq,
        name: file.name,
        mediaType: file.mediaType,
        bytes: file.bytes,
        sha256: file.sha256,
      },
    });
    return {
      message: bi(
        `文件“${file.name}”已附在第 ${item.seq} 项（${sizeText(file.bytes)}，SHA-256 ${file.sha256.slice(0, 12)}…）。`,
        `"${file.name}" is attached to item ${item.seq} (${sizeText(file.bytes)}, SHA-256 ${file.sha256.slice(0, 12)}…).`,
      ),
      touched: [auditRef(audit.id)],
    };
  },
});

/** The INVALID_INPUT detail of a refused file: the field, the problem, and the limit to state. */
export function fileProblem(
  problem: "file_type" | "file_too_large",
  rules: { readonly maxBytes: number; readonly types: readonly string[] },
) {
  return problem === "file_too_large"
    ? { field: "file", problem, limit: sizeText(rules.maxBytes), reason: "file: too large" }
    : { field: "file", problem, limit: rules.types.join(", "), reason: "file: type not accepted" };
}

/** A size as people read it: bytes, KB or MB. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
