// keypost doctor — every gap that would make a control wrong without anyone noticing (a post with
// no policy, a unit without a calendar covering the next 12 months, a key-post holder no chat
// platform reaches), and the configured chat credentials checked for real. Exit 1 when anything
// would make a control wrong, 0 when all is well.
import { setupGaps, type SetupGap } from "../app/setup-gaps/setup-gaps.ts";
import type { Config } from "../infra/config.ts";
import { localDateOf } from "../domain/calendar/index.ts";
import { checkChatCredentials, configuredPlatforms } from "../infra/chat-credential-check.ts";
import { openDatabase, type Database } from "../infra/db/database.ts";
import { fieldCipherOf } from "../infra/records/field-cipher.ts";
import { migrate } from "../infra/db/migrator.ts";
import { PrismaSetupGapQueries } from "../infra/db/prisma-setup-gap-queries.ts";
import { systemClock } from "../ports/clock.ts";
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliCommand } from "./command.ts";

/** The setup gaps now, read from the database (doctor prints them, serve logs them at start). */
export async function currentSetupGaps(db: Database, config: Config, now: Date): Promise<SetupGap[]> {
  const facts = await new PrismaSetupGapQueries(db.prisma, db.provider).facts();
  const root = await db.prisma.orgUnit.findFirst({ where: { parentId: null }, select: { timeZone: true } });
  const gaps = setupGaps(facts, localDateOf(now, root?.timeZone ?? "UTC"), configuredPlatforms(config));
  if (facts.posts.length === 0)
    gaps.push({
      code: "NO_KEY_POSTS",
      subjects: [],
      text: "the register has no key post (keypost import units.csv employees.csv posts.csv …)",
    });
  return gaps;
}

export const doctorCommand: CliCommand = {
  name: "doctor",
  usage: "doctor",
  summary: "list every setup gap that would make a control wrong, and check the chat credentials for real",
  async run(args, { config, io, clock = systemClock }) {
    if (args.length > 0) throw new UsageError(`doctor takes no arguments (got "${args.join(" ")}")`);
    await migrate(config.DATABASE_URL);
    const db = openDatabase(config.DATABASE_URL, fieldCipherOf(config));
    let bad = 0;
    try {
      const gaps = await currentSetupGaps(db, config, clock.now());
      for (const gap of gaps) io.out(`✗ ${gap.code}: ${gap.text}`);
      bad += gaps.length;
    } finally {
      await db.close();
    }
    for (const check of await checkChatCredentials(config)) {
      io.out(`${check.ok ? "✓" : "✗"} ${check.platform}: ${check.detail}`);
      if (!check.ok) bad += 1;
    }
    if (bad === 0) io.out("✓ no gaps: every key post has a policy, every unit a calendar, every holder a chat account");
    return bad === 0 ? EXIT_OK : EXIT_FAILURE;
  },
};
