import type { SettingsRepository } from "../../ports/settings.ts";
import type { Tx } from "./database.ts";

export class PrismaSettingsRepository implements SettingsRepository {
  constructor(private readonly db: Tx) {}

  async get(key: string): Promise<string | undefined> {
    const row = await this.db.setting.findUnique({ where: { key } });
    return row?.value;
  }

  async set(key: string, value: string): Promise<void> {
    // The audit log's head ("log.head") is written only by the log writer, in the entry's transaction.
    if (key.startsWith("log.")) throw new Error(`setting ${key} is reserved for the audit log`);
    await this.db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
  }
}
