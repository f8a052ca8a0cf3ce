// The evidence pack from chat: `pack <post code or audit id>` (证据包) answers a one-time link to the
// pack of a completed audit (signed, rectifying or closed). The link is the dashboard's own
// one-time sign-in link (src/app/dashboard/sign-in-link.ts: hashed, 5 minutes, used once by one
// conditional update) that lands on /app/evidence/<audit id>, where the web adapter checks access
// again, as the signed-in person, before it builds the zip. Entitled: compliance and head of
// compliance over the audit's unit, and the audit's team; a sealed audit stays invisible (NOT_FOUND)
// to everyone else, and a holder on leave is refused like any other act.
import { randomBytes } from "node:crypto";
import { hasAnyRole } from "../../domain/access/roles.ts";
import { DomainError } from "../../domain/errors.ts";
import type { AuditRecord } from "../../ports/audit-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { canSeeAudit, sealedUntilOf } from "../audit/audit-subject.ts";
import { LINK_TTL_MS, sha256 } from "../dashboard/sign-in-link.ts";
import { identify, type Kernel } from "../kernel/execute.ts";
import { useCase, type Invocation, type Who } from "../kernel/use-case.ts";
import { bi, type Bilingual } from "../../ports/locale.ts";
import { z } from "zod";

/** The states in which an audit's record is complete enough to hand to an examiner. */
export const PACKABLE_STATES: readonly string[] = ["signed", "rectifying", "closed"];
const PACK_ROLES = ["compliance", "compliance_head"] as const;

/** The path the link lands on once signed in. */
export const evidencePath = (auditId: string): string => `/app/evidence/${encodeURIComponent(auditId)}`;
export const EVIDENCE_PATH = /^\/app\/evidence\/([A-Za-z0-9_-]{1,64})$/;

async function auditNamed(tx: TxPorts, who: Who, ref: string): Promise<AuditRecord | undefined> {
  const byId = await tx.audits.byId(ref);
  if (byId) return byId;
  const code = ref.toUpperCase();
  const summaries = [
    ...(await tx.audits.forMember(who.person.id)),
    ...(
      await Promise.all(
        who.actor.grants
          .filter((g) => (PACK_ROLES as readonly string[]).includes(g.role))
          .map((g) => tx.audits.forUnit(g.unitPath, 200)),
      )
    ).flat(),
  ].sort((a, b) => b.requestedAt.getTime() - a.requestedAt.getTime());
  for (const summary of summaries) {
    if (summary.status === "cancelled") continue;
    const audit = await tx.audits.byId(summary.id);
    if (audit && audit.post.code.toUpperCase() === code && canSeeAudit(who.actor, audit, new Date())) return audit;
  }
  return undefined;
}

/** The audit whose pack the person may have, or the reason not (a DomainError). */
export async function evidencePackAccess(tx: TxPorts, who: Who, ref: string, now: Date): Promise<AuditRecord> {
  const audit = await auditNamed(tx, who, ref);
  if (!audit || !canSeeAudit(who.actor, audit, now))
    throw new DomainError("NOT_FOUND", { subject: "audit", code: ref });
  if (who.actor.onLeave) throw new DomainError("SUSPENDED", { action: "audit.evidence_pack" });
  const onTeam = audit.members.some((m) => m.employeeId === who.person.id);
  if (!onTeam && !hasAnyRole(who.actor, PACK_ROLES, audit.unit.path)) throw new DomainError("NOT_AUTHORISED");
  if (!PACKABLE_STATES.includes(audit.status))
    throw new DomainError("INVALID_TRANSITION", { reason: "audit_not_complete", status: audit.status });
  return audit;
}

export interface EvidenceLink {
  /** The secret for the link (never stored, never logged). */
  readonly token: string;
  readonly auditId: string;
  readonly expiresAt: Date;
}

/** A one-time link to the pack for the person, logged (`audit.evidence_link_issued`) on the audit. */
export async function issueEvidenceLink(kernel: Kernel, invocation: Invocation, ref: string): Promise<EvidenceLink> {
  const now = kernel.clock.now();
  return kernel.uow.run(async (tx) => {
    const who = await identify(tx, invocation.personId, kernel.orgLocale, invocation.platform);
    return createEvidenceLink(tx, who, ref, now);
  });
}

/** The link's sentence: the URL lands on the pack's download once the person signs in. */
export function evidenceLinkSentence(baseUrl: string, link: EvidenceLink): Bilingual {
  const next = encodeURIComponent(evidencePath(link.auditId));
  const url = `${baseUrl.replace(/\/+$/, "")}/app/sign-in?token=${link.token}&next=${next}`;
  const minutes = LINK_TTL_MS / 60_000;
  return bi(
    `离岗审计证据包（${minutes} 分钟内有效，仅可使用一次，请勿转发）：${url}`,
    `The off-post audit's evidence pack (valid ${minutes} minutes, once only; do not forward it): ${url}`,
  );
}

/** audit.evidence_link: the "Evidence pack" button of a signed-off audit's card. */
export const evidenceLink = useCase({
  name: "audit.evidence_link",
  input: z.object({ auditId: z.string().min(1).max(64) }),
  async run(input, who, tx, env) {
    if (!env.publicUrl) throw new DomainError("NOT_FOUND", { subject: "audit", code: input.auditId });
    const link = await createEvidenceLink(tx, who, input.auditId, env.now);
    // The link for every platform; Slack also posts the pack itself into the person's DM (file).
    return {
      message: evidenceLinkSentence(env.publicUrl(), link),
      file: { kind: "evidence_pack" as const, auditId: link.auditId },
    };
  },
});

/** Within a transaction: checks access, stores the link's hash, logs the issue. */
export async function createEvidenceLink(tx: TxPorts, who: Who, ref: string, now: Date): Promise<EvidenceLink> {
  {
    const audit = await evidencePackAccess(tx, who, ref, now);
    const token = randomBytes(32).toString("base64url");
    const expiresAt = new Date(now.getTime() + LINK_TTL_MS);
    await tx.dashboard.createLink({
      tokenHash: sha256(token),
      personId: who.person.id,
      createdAt: now,
      expiresAt,
    });
    await tx.log.append({
      at: now,
      actorId: who.person.id,
      platform: who.platform,
      action: "audit.evidence_link_issued",
      subjectType: "audit",
      subjectId: audit.id,
      sealedUntil: sealedUntilOf(audit),
      data: { expiresAt },
    });
    return { token, auditId: audit.id, expiresAt };
  }
}
