// The registry of CLI commands, in the order `keypost --help` lists them. Each command's module
// (and what it imports: the database clients, the chat SDKs) is loaded only when that command
// runs, so `keypost --help` and a bad-usage line cost milliseconds, not the whole service's import.
// Name, usage and summary are repeated here from each module; test/cli/commands.test.ts keeps them
// equal (export's summary, built from its list of reports, is shortened here).
import type { CliCommand } from "./command.ts";

type Loader = () => Promise<CliCommand>;

function lazy(name: string, usage: string, summary: string, load: Loader): CliCommand {
  return { name, usage, summary, run: async (args, ctx) => (await load()).run(args, ctx) };
}

export const commandLoaders: Record<string, Loader> = {
  serve: async () => (await import("./serve.command.ts")).serveCommand,
  migrate: async () => (await import("./migrate.command.ts")).migrateCommand,
  backup: async () => (await import("./backup.command.ts")).backupCommand,
  policy: async () => (await import("./policy.command.ts")).policyCommand,
  import: async () => (await import("./import.command.ts")).importCommand,
  export: async () => (await import("./export.command.ts")).exportCommand,
  demo: async () => (await import("./demo.command.ts")).demoCommand,
  doctor: async () => (await import("./doctor.command.ts")).doctorCommand,
  directory: async () => (await import("./directory.command.ts")).directoryCommand,
  tick: async () => (await import("./tick.command.ts")).tickCommand,
  "verify-log": async () => (await import("./verify-log.command.ts")).verifyLogCommand,
  "log-key": async () => (await import("./log-key.command.ts")).logKeyCommand,
  evidence: async () => (await import("./evidence.command.ts")).evidenceCommand,
  purge: async () => (await import("./retention.command.ts")).purgeCommand,
  "legal-hold": async () => (await import("./retention.command.ts")).legalHoldCommand,
  "erase-person": async () => (await import("./erase-person.command.ts")).erasePersonCommand,
  chat: async () => (await import("./chat.command.ts")).chatCommand,
};

const help: [name: string, usage: string, summary: string][] = [
  [
    "serve",
    "serve",
    "run the service: HTTP (/livez, /readyz, /metrics, /slack/events, /api/messages) and the scheduler",
  ],
  ["migrate", "migrate", "apply the committed database migrations (serve does this at start too)"],
  [
    "backup",
    "backup <file>",
    "copy the SQLite database to a new file while the service runs (PostgreSQL: use pg_dump)",
  ],
  [
    "policy",
    "policy apply <preset> | import <file> [--dry-run] | show [--post CODE] | export [--format csv|json] [--out FILE]",
    "the bank's rotation and leave policies: apply a preset, import or export a file, show a post's numbers",
  ],
  [
    "import",
    "import <file…> [--dry-run] [--calendar CODE]",
    "import register files (units, employees, posts, assignments, clients), calendars, checklists and policy files, in one transaction",
  ],
  [
    "export",
    "export <report> [options]",
    "write a report's files: the register or a regulator's report (keypost export lists them)",
  ],
  ["demo", "demo", "load the demo bank into DATABASE_URL (any database; loading it again changes nothing)"],
  ["doctor", "doctor", "list every setup gap that would make a control wrong, and check the chat credentials for real"],
  [
    "directory",
    "directory sync --slack|--teams [--dry-run]",
    "map Slack or Teams accounts to employees by e-mail; report staff nobody can reach and accounts matching no one",
  ],
  ["tick", "tick [--at <ISO-8601>]", "run every scheduled job due as of that instant (default: now), then exit"],
  [
    "verify-log",
    "verify-log [--file <export>] [--public-key <pem>]…",
    "check the audit log (or an export of it, with no database): every hash, every link, the signed checkpoints",
  ],
  ["log-key", "log-key [--new FILE]", "show the audit log signing key's id and public key, or create a new key file"],
  [
    "evidence",
    "evidence audit <audit id> [--lang zh-CN|en] [--out FILE]",
    "one zip with an audit's printable report, records, proven log entries and a SHA-256 manifest",
  ],
  [
    "purge",
    "purge <class> --before YYYY-MM-DD [--dry-run]",
    "remove records older than their retention period (refused inside retention or under a legal hold)",
  ],
  [
    "legal-hold",
    "legal-hold set <class> --reason TEXT | legal-hold clear <class> | legal-hold list",
    "stop (or allow again) every purge of a record class, e.g. during litigation or an inspection",
  ],
  [
    "erase-person",
    "erase-person <employee code> [--dry-run]",
    "erase a person's personal data once they have left and their records are past retention",
  ],
  [
    "chat",
    "chat --as <code> [--lang zh-CN|en] [--at <ISO instant>]",
    "try Keypost in the terminal as one employee: their tasks and notices, with every button",
  ],
];

export const commands: CliCommand[] = help.map(([name, usage, summary]) =>
  lazy(name, usage, summary, commandLoaders[name]!),
);
