// keypost chat --as <employee code> [--lang zh-CN|en] [--at <ISO instant>]: the terminal adapter,
// to try the whole product without a chat account. This is where the database and the kernel are
// built; adapters/console only receives them (adapters never touch Prisma).
import { parseArgs } from "node:util";
import type { Readable, Writable } from "node:stream";
import { z } from "zod";
import { runConsoleChat } from "../../adapters/console/console-chat.ts";
import { actions, useCases } from "../app/catalog.ts";
import { homeCatalog } from "../app/home/home.catalog.ts";
import { isLocale } from "../ports/locale.ts";
import { openDatabase } from "../infra/db/database.ts";
import { fieldCipherOf } from "../infra/records/field-cipher.ts";
import { migrate } from "../infra/db/migrator.ts";
import { buildKernel } from "../main.ts";
import { systemClock } from "../ports/clock.ts";
import { FixedClock } from "../infra/fixed-clock.ts";
import { EXIT_OK, EXIT_USAGE, UsageError, type CliCommand } from "./command.ts";

export interface ChatStreams {
  readonly input: Readable;
  readonly output: Writable;
}

const instant = z.iso.datetime({ offset: true });

function parseChatArgs(args: string[]): { code: string; lang: "zh-CN" | "en" | undefined; at: Date | undefined } {
  let values: { as?: string; lang?: string; at?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { as: { type: "string" }, lang: { type: "string" }, at: { type: "string" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (!values.as) throw new UsageError("chat needs --as <employee code>");
  if (values.lang !== undefined && !isLocale(values.lang))
    throw new UsageError(`--lang must be zh-CN or en (got "${values.lang}")`);
  if (values.at !== undefined && !instant.safeParse(values.at).success)
    throw new UsageError(`--at must be an ISO instant such as 2026-12-01T09:00:00+08:00 (got "${values.at}")`);
  return { code: values.as, lang: values.lang, at: values.at === undefined ? undefined : new Date(values.at) };
}

/** The command over given streams (tests drive it with PassThrough streams). */
export function createChatCommand(streams: () => ChatStreams): CliCommand {
  return {
    name: "chat",
    usage: "chat --as <code> [--lang zh-CN|en] [--at <ISO instant>]",
    summary: "try Keypost in the terminal as one employee: their tasks and notices, with every button",
    async run(args, { config, io }) {
      const { code, lang, at } = parseChatArgs(args);
      await migrate(config.DATABASE_URL);
      const db = openDatabase(config.DATABASE_URL, fieldCipherOf(config));
      try {
        // The same kernel as the service's: PrismaUnitOfWork, KEYPOST_LOCALE, the catalog's cards.
        const kernel = buildKernel(db, config, at ? new FixedClock(at) : systemClock);
        const person = await kernel.uow.run((tx) => tx.people.byCode(code));
        if (!person || person.status === "left") {
          io.err(`keypost chat: no ${person ? "current " : ""}employee with code "${code}"`);
          return EXIT_USAGE;
        }
        const { input, output } = streams();
        const runnable = new Map([...useCases, ...homeCatalog.useCases.map((u) => [u.name, u] as const)]);
        await runConsoleChat({
          kernel,
          actions,
          useCases: runnable,
          personId: person.id,
          input,
          output,
          ...(lang ? { lang } : {}),
        });
        return EXIT_OK;
      } finally {
        await db.close();
      }
    },
  };
}

export const chatCommand = createChatCommand(() => ({ input: process.stdin, output: process.stdout }));
