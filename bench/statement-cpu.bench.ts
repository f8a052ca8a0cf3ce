// npm run bench:statement-cpu — what one press statement costs PostgreSQL's backend, in CPU, measured
// closely enough to judge a change to its text on a shared machine, where bench:teams' rates and its
// 10 ms server ticks summed over two sides cannot (decision 13.s13p-1). On a fresh migrated database
// (2 000 people with a Teams account, a third of them with a grant, 20 000 tokens each with a
// notice), one connection runs BEGIN, the statement, ROLLBACK (so every execution spends an unused
// token, as a press does), thousands of times per block, blocks of each variant alternating; it
// prints the backend's CPU per cycle (from /proc, Linux, a local server) and this process's. The
// variants: a trivial statement with the same parameters (the cost of any statement and its round
// trip, to subtract), and the press's claim by chat account (claim-action-token-by-chat.sql.ts) as
// this tree builds it — and, with KEYPOST_BENCH_COMPARE_ROOT=<another checkout>, as that one does.
// Needs KEYPOST_TEST_PG_URL. Asserts nothing.
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import pg from "pg";
import { migrate } from "../src/infra/db/migrator.ts";
import type { SqlSession } from "../src/infra/db/sql-session.ts";
import type { claimActionTokenByChat } from "../src/infra/db/sql/claim-action-token-by-chat.sql.ts";
import { emptyDatabaseUrl } from "../test/support/databases.ts";

const CYCLES = Number(process.env.KEYPOST_BENCH_CYCLES ?? 2000);
const BLOCKS = Number(process.env.KEYPOST_BENCH_BLOCKS ?? 6);
const PEOPLE = 2000;
const TOKENS = 20_000;
const AT = new Date("2026-03-09T02:00:00Z");

interface Variant {
  readonly name: string;
  readonly text: string;
  /** The statement's parameters for the i-th cycle. */
  readonly values: (i: number) => unknown[];
}

interface ClaimModule {
  readonly claimActionTokenByChat: typeof claimActionTokenByChat;
}

/** The claim's text and parameters as `root`'s claimActionTokenByChat sends them. */
async function claimOf(root: string, name: string): Promise<Variant> {
  const module = (await import(`${root}/src/infra/db/sql/claim-action-token-by-chat.sql.ts`)) as ClaimModule;
  let sent: { text: string; values: unknown[] } | undefined;
  const capture = {
    rows: (text: string, ...values: unknown[]) => {
      sent = { text, values };
      return Promise.resolve([]);
    },
  };
  await module.claimActionTokenByChat(capture as unknown as SqlSession, "T1", "teams", "aad-1", AT);
  if (!sent) throw new Error(`${root}: the claim sent nothing`);
  const { text, values } = sent;
  return { name, text, values: (i) => tokenOf(i, values) };
}

/** Token i, pressed from its recipient's account; the statement's other parameters as captured. */
function tokenOf(i: number, captured: readonly unknown[]): unknown[] {
  const k = 1 + ((i * 7919) % TOKENS);
  return [`T${k}`, captured[1], "teams", `aad-${1 + (k % PEOPLE)}`, ...captured.slice(4)];
}

async function seed(client: pg.Client): Promise<void> {
  await client.query(`
    INSERT INTO "OrgUnit" ("id", "code", "name", "kind", "path", "timeZone", "updatedAt")
      VALUES ('U0', 'U0', 'Head office', 'head', '/U0/', 'Asia/Shanghai', now());
    INSERT INTO "Employee" ("id", "code", "name", "unitId", "updatedAt")
      SELECT 'E' || i, 'E' || i, 'Person ' || i, 'U0', now() FROM generate_series(1, ${PEOPLE}) i;
    INSERT INTO "ChatIdentity" ("id", "employeeId", "platform", "externalId", "tenantId")
      SELECT 'C' || i, 'E' || i, 'teams', 'aad-' || i, 'tenant' FROM generate_series(1, ${PEOPLE}) i;
    INSERT INTO "RoleGrant" ("id", "employeeId", "role", "unitId")
      SELECT 'G' || i, 'E' || i, 'manager', 'U0' FROM generate_series(1, ${PEOPLE}, 3) i;
    INSERT INTO "ActionToken" ("id", "action", "subjectType", "subjectId", "subjectVersion", "recipientId")
      SELECT 'T' || i, 'notice.acknowledge', 'bench', 's' || i, 1, 'E' || (1 + i % ${PEOPLE})
      FROM generate_series(1, ${TOKENS}) i;
    INSERT INTO "Notice" ("id", "dedupeKey", "recipientId", "platform", "kind", "subjectType", "subjectId", "card")
      SELECT 'N' || i, 'bench:' || i, 'E' || (1 + i % ${PEOPLE}), 'teams', 'bench', 'bench', 's' || i, repeat('x', 300)
      FROM generate_series(1, ${TOKENS}) i;
    ANALYZE;`);
}

/** The backend's CPU so far (ms, 10 ms ticks). */
function backendCpu(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(f[11]) + Number(f[12])) * 10;
}

const base = process.env.KEYPOST_TEST_PG_URL;
if (!base) {
  console.log("statement-cpu: skipped (set KEYPOST_TEST_PG_URL to a local server the bench may create a database on)");
  process.exit(0);
}
const db = await emptyDatabaseUrl("postgres");
const client = new pg.Client({ connectionString: db.url });
try {
  await migrate(db.url);
  await client.connect();
  await seed(client);
  const claim = await claimOf("..", "claim");
  const variants: Variant[] = [
    {
      name: "trivial",
      text: `SELECT CAST($1 AS TEXT) AS "a", CAST($2 AS TIMESTAMP(3)) AS "b", CAST($3 AS TEXT) AS "c", CAST($4 AS TEXT) AS "d"${claim
        .values(0)
        .slice(4)
        .map((_, i) => `, CAST($${i + 5} AS TEXT) AS "e${i}"`)
        .join("")}`,
      values: claim.values,
    },
    claim,
  ];
  const other = process.env.KEYPOST_BENCH_COMPARE_ROOT;
  if (other) variants.push(await claimOf(other, "claim (compare)"));
  const pid = Number((await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid);
  const backend = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  const own = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  console.log(
    `Backend CPU per BEGIN + statement + ROLLBACK, ${BLOCKS} blocks of ${CYCLES} per variant, alternating (node ${process.version}, load average ${loadavg()[0]?.toFixed(1)})`,
  );
  for (let block = 0; block <= BLOCKS; block++) {
    const order = block % 2 === 0 ? variants : [...variants].reverse();
    for (const v of order) {
      const cpu0 = backendCpu(pid);
      const own0 = process.cpuUsage();
      for (let i = 0; i < CYCLES; i++) {
        await client.query("BEGIN");
        await client.query({
          name: `bench_${variants.indexOf(v)}`,
          text: v.text,
          values: v.values(block * CYCLES + i),
        });
        await client.query("ROLLBACK");
      }
      if (block === 0) continue; // warm-up: plans cached, V8 compiled
      const used = process.cpuUsage(own0);
      backend.get(v.name)!.push(((backendCpu(pid) - cpu0) / CYCLES) * 1000);
      own.get(v.name)!.push((used.user + used.system) / CYCLES);
    }
  }
  const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  for (const v of variants) {
    const b = backend.get(v.name)!;
    const o = own.get(v.name)!;
    console.log(
      `${v.name.padEnd(16)} backend ${median(b).toFixed(0).padStart(4)} µs (blocks ${b.map((x) => x.toFixed(0)).join(" ")})  this process ${median(o).toFixed(0).padStart(4)} µs (${o.map((x) => x.toFixed(0)).join(" ")})`,
    );
  }
  console.log(`load average at the end ${loadavg()[0]?.toFixed(1)}`);
} finally {
  await client.end().catch(() => undefined);
  await db.remove();
}
