// keypost directory sync --slack|--teams [--dry-run]: chat accounts mapped to employees by e-mail, so
// nobody types member ids by hand. Reads the workspace's directory (src/infra/directory), plans
// with the register's people (src/app/chat-identity/directory-sync.plan.ts), links what it may in
// one transaction — one `employee.chat_identity_linked` entry per account, as a link made when
// someone first writes to the bot — and reports staff nobody can reach and accounts matching no
// employee. Slack: users.list; Teams: Microsoft Graph users, by mail or UPN.
import {
  planDirectorySync,
  type DirectoryAccount,
  type DirectoryPerson,
} from "../app/chat-identity/directory-sync.plan.ts";
import { appendLogEntry } from "../infra/db/audit-log-writer.ts";
import { openDatabase } from "../infra/db/database.ts";
import { fieldCipherOf } from "../infra/records/field-cipher.ts";
import { migrate } from "../infra/db/migrator.ts";
import { DirectoryError, slackDirectory } from "../infra/directory/slack-directory.ts";
import { graphDirectory } from "../infra/directory/graph-directory.ts";
import { outboundFor } from "../infra/http/outbound.ts";
import { newId } from "../ports/ids.ts";
import { systemClock } from "../ports/clock.ts";
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliCommand } from "./command.ts";

const USAGE = "directory sync --slack|--teams [--dry-run]";
const MAX_LISTED = 50;

class DryRun extends Error {}

export const directoryCommand: CliCommand = {
  name: "directory",
  usage: USAGE,
  summary:
    "map Slack or Teams accounts to employees by e-mail; report staff nobody can reach and accounts matching no one",
  async run(args, { config, io, clock = systemClock }) {
    const [sub, ...rest] = args;
    if (sub !== "sync") throw new UsageError(`usage: keypost ${USAGE}`);
    const unknown = rest.find((a) => !["--slack", "--teams", "--dry-run"].includes(a));
    if (unknown !== undefined) throw new UsageError(`unexpected "${unknown}" (usage: keypost ${USAGE})`);
    const slack = rest.includes("--slack");
    const teams = rest.includes("--teams");
    if (slack === teams) throw new UsageError(`name one directory: --slack or --teams (usage: keypost ${USAGE})`);
    const platform = slack ? "slack" : "teams";
    const dryRun = rest.includes("--dry-run");
    let accounts: DirectoryAccount[];
    try {
      if (slack) {
        if (config.SLACK_BOT_TOKEN === undefined)
          throw new UsageError("SLACK_BOT_TOKEN is not set: the directory cannot be read");
        accounts = await slackDirectory(config.SLACK_BOT_TOKEN, config.SLACK_API_URL, outboundFor(config));
      } else {
        const { TEAMS_TENANT_ID: tenantId, TEAMS_CLIENT_ID: clientId, TEAMS_CLIENT_SECRET: clientSecret } = config;
        if (tenantId === undefined || clientId === undefined || clientSecret === undefined)
          throw new UsageError(
            "TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET and TEAMS_TENANT_ID are needed to read the directory",
          );
        accounts = await graphDirectory(
          {
            tenantId,
            clientId,
            clientSecret,
            loginUrl: config.TEAMS_LOGIN_URL,
            graphUrl: config.TEAMS_GRAPH_URL,
          },
          outboundFor(config),
        );
      }
    } catch (error) {
      if (error instanceof UsageError) throw error;
      const code =
        error instanceof DirectoryError
          ? error.code
          : ((error as { cause?: { code?: string } }).cause?.code ?? "unreachable");
      io.err(`${platform}: the directory could not be read (${code}); nothing was changed`);
      return EXIT_FAILURE;
    }
    await migrate(config.DATABASE_URL);
    const db = openDatabase(config.DATABASE_URL, fieldCipherOf(config));
    try {
      const people: DirectoryPerson[] = (
        await db.prisma.employee.findMany({
          select: {
            id: true,
            code: true,
            email: true,
            status: true,
            identities: { select: { platform: true, externalId: true } },
          },
        })
      ).map((p) => ({ ...p }));
      const plan = planDirectorySync(platform, accounts, people);
      const at = clock.now();
      try {
        await db.transaction(async (tx) => {
          for (const l of plan.link) {
            await tx.chatIdentity.create({
              data: {
                id: newId(),
                employeeId: l.personId,
                platform,
                externalId: l.account.externalId,
                tenantId: l.account.tenantId,
              },
            });
            await appendLogEntry(tx, db.provider, {
              at,
              actorId: null,
              platform: "cli",
              action: "employee.chat_identity_linked",
              subjectType: "employee",
              subjectId: l.personId,
              data: {
                platform,
                externalId: l.account.externalId,
                tenantId: l.account.tenantId,
                by: "directory",
              },
              personal: { externalId: l.personId },
            });
          }
          if (dryRun) throw new DryRun();
        });
      } catch (error) {
        if (!(error instanceof DryRun)) throw error;
      }
      const list = <T>(items: readonly T[], line: (item: T) => string) => {
        for (const item of items.slice(0, MAX_LISTED)) io.out(line(item));
        if (items.length > MAX_LISTED) io.out(`  … and ${items.length - MAX_LISTED} more`);
      };
      if (dryRun) io.out("dry run: nothing was written");
      io.out(
        `${platform}: ${accounts.length} accounts: ${plan.link.length} linked, ${plan.unchanged} unchanged, ${plan.refused.length} refused, ${plan.unmatched.length} matching no employee`,
      );
      list(plan.link, (l) => `  + ${l.code} ← ${l.account.externalId}`);
      list(plan.refused, (r) => `  ! ${r.account.externalId} (${r.account.email}): ${r.code} ${r.reason}`);
      list(plan.unmatched, (a) => `  ? ${a.externalId} (${a.email}) matches no employee`);
      io.out(`staff nobody can reach (no chat account on any platform): ${plan.unreachable.length}`);
      list(plan.unreachable, (code) => `  - ${code}`);
      return EXIT_OK;
    } finally {
      await db.close();
    }
  },
};
