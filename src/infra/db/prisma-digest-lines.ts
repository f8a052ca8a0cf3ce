// The daily digests' lines (src/ports/digest-lines.ts) in the DigestLine table.
import type { DigestLines, NewDigestLine, StoredDigestLine } from "../../ports/digest-lines.ts";
import { newId } from "../../ports/ids.ts";
import type { Tx } from "./database.ts";

export class PrismaDigestLines implements DigestLines {
  constructor(private readonly db: Tx) {}

  async add(line: NewDigestLine): Promise<boolean> {
    // Read first, not ON CONFLICT: the ladder's claim of the escalation already makes each line once,
    // and a failed insert would abort a PostgreSQL transaction.
    const found = await this.db.digestLine.findUnique({
      where: { digestKey_noticeKey: { digestKey: line.digestKey, noticeKey: line.noticeKey } },
      select: { id: true },
    });
    if (found) return false;
    await this.db.digestLine.create({ data: { id: newId(), ...line } });
    return true;
  }

  async of(digestKey: string): Promise<StoredDigestLine[]> {
    return this.db.digestLine.findMany({ where: { digestKey }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  }

  async keysBetween(from: Date, to: Date): Promise<string[]> {
    const rows = await this.db.digestLine.findMany({
      where: { sendAt: { gte: from, lte: to } },
      distinct: ["digestKey"],
      select: { digestKey: true, sendAt: true },
      orderBy: { sendAt: "asc" },
    });
    return rows.map((r) => r.digestKey);
  }
}
