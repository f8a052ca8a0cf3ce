// One person a fan-out writes to, on Slack or on Teams: an employee and their one chat identity (a
// Teams identity with the conversation reference its sender posts to). The shared-rate proof
// (test/proof/shared-rate-replicas.test.ts) and `bench:fanout -- --replicas` seed their recipients
// alike; this is that one recipe, so the proof and the bench keep sending to the same kind of person.
import { randomUUID } from "node:crypto";
import { serialiseRef } from "../../adapters/teams/conversation-ref.ts";
import type { Database } from "../../src/infra/db/database.ts";
import { BOT_ID, TENANT } from "./teams-world.ts";

export interface RecipientSeed {
  readonly unitId: string;
  readonly platform: "slack" | "teams";
  /** Names this run's people apart (`fan` → E-FAN-1, U0FAN1, a:fan-1). */
  readonly tag: string;
  /** The person's number within the run. */
  readonly n: number;
  /** The fake Bot Connector's service URL (Teams recipients). */
  readonly serviceUrl: string;
}

/** Writes the employee and their chat identity; returns the employee's id. */
export async function seedRecipient(db: Database, r: RecipientSeed): Promise<string> {
  const id = randomUUID();
  const tag = r.tag.toUpperCase();
  await db.prisma.employee.create({ data: { id, code: `E-${tag}-${r.n}`, name: `员工${r.n}`, unitId: r.unitId } });
  const externalId = r.platform === "slack" ? `U0${tag}${r.n}` : randomUUID();
  const conversationRef =
    r.platform === "teams"
      ? serialiseRef({
          serviceUrl: r.serviceUrl,
          conversationId: `a:${r.tag}-${r.n}`,
          tenantId: TENANT,
          botId: BOT_ID,
          userId: `29:${r.tag}-${r.n}`,
          aadObjectId: externalId,
        })
      : null;
  await db.prisma.chatIdentity.create({
    data: { id: randomUUID(), employeeId: id, platform: r.platform, externalId, conversationRef },
  });
  return id;
}
