// The large register the benchmarks use (bench:import, bench:questions): a head office, 36
// branches of 4 tier-2 branches of 12 sub-branches (1 909 units), BENCH_EMPLOYEES employees
// (default 100 000) with Chinese names, some managers, auditors and compliance officers, 11 key
// posts per sub-branch each with a current holder, every third with a past one.
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";
import { csvLine } from "../src/infra/register-files/register-file-writer.ts";
import { plainColumnNames } from "../src/ports/register-kinds.ts";

export const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 100_000);
const BRANCHES = 36; // tier-1 branches, each with 4 tier-2 branches of 12 sub-branches: 1 909 units
const POSTS_PER_SUB_BRANCH = 11;
const HISTORY_EVERY = 3; // one past assignment for every third current holder

export async function writeCsv(path: string, header: string[], rows: Iterable<string[]>): Promise<number> {
  const out = createWriteStream(path);
  let count = 0;
  const put = async (text: string) => {
    if (!out.write(text)) await once(out, "drain");
  };
  await put(csvLine(header));
  for (const row of rows) {
    await put(csvLine(row));
    count++;
  }
  out.end();
  await once(out, "finish");
  return count;
}

export const pad = (n: number, width: number) => String(n).padStart(width, "0");

export function* units(): Generator<string[]> {
  yield ["HO", "总行", "Head Office", "head_office", "", "Asia/Shanghai", ""];
  for (let b = 1; b <= BRANCHES; b++) {
    const br = `B${pad(b, 2)}`;
    yield [br, `第${b}分行`, `Branch ${b}`, "branch", "HO", "Asia/Shanghai", ""];
    for (let t = 1; t <= 4; t++) {
      const t2 = `${br}-${t}`;
      yield [t2, `第${b}分行第${t}二级分行`, `Branch ${b}.${t}`, "branch", br, "", ""];
      for (let s = 1; s <= 12; s++)
        yield [`${t2}-${pad(s, 2)}`, `支行 ${b}.${t}.${s}`, `Sub-branch ${b}.${t}.${s}`, "sub_branch", t2, "", ""];
    }
  }
}

export const subBranches = [...units()].filter((u) => u[3] === "sub_branch").map((u) => u[0]!);
const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英";

export function unitOf(i: number): string {
  return subBranches[i % subBranches.length]!;
}

export function* employees(count = EMPLOYEES): Generator<string[]> {
  for (let i = 1; i <= count; i++) {
    const code = `E${pad(i, 6)}`;
    const unit = unitOf(i);
    const name = SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 7) % GIVEN.length]! + GIVEN[(i * 13) % GIVEN.length]!;
    const roles =
      i % 50 === 0
        ? `manager@${unit}`
        : i % 97 === 0
          ? `auditor@${unit.slice(0, 3)};compliance@${unit.slice(0, 3)}`
          : "";
    const slack = i % 10 < 7 ? `U${pad(i, 9)}` : "";
    const teams = i % 10 >= 7 || i % 20 === 0 ? `00000000-0000-4000-8000-${pad(i, 12)}` : "";
    yield [code, name, `Employee ${i}`, `e${i}@bank.example`, unit, "active", "", roles, slack, teams];
  }
}

export const POSTS = subBranches.length * POSTS_PER_SUB_BRANCH;
const CATEGORIES = [
  "authority",
  "operations",
  "operations",
  "operations",
  "operations",
  "operations",
  "operations",
  "operations",
  "operations",
  "oversight",
  "oversight",
];

export function* posts(): Generator<string[]> {
  for (let p = 0; p < POSTS; p++) {
    const unit = subBranches[Math.floor(p / POSTS_PER_SUB_BRANCH)]!;
    const k = p % POSTS_PER_SUB_BRANCH;
    yield [
      `P${pad(p, 6)}`,
      `关键岗位 ${k}`,
      `Key post ${k}`,
      unit,
      CATEGORIES[k]!,
      "现金;印章",
      "",
      "",
      "true",
      "true",
    ];
  }
}

export function* assignments(count = EMPLOYEES): Generator<string[]> {
  // Each post has one current holder from its own unit; every third also a past holder.
  for (let p = 0; p < POSTS; p++) {
    const holder = 1 + ((p * 9 + 1) % count);
    const day = 1 + (p % 28);
    yield [`E${pad(holder, 6)}`, `P${pad(p, 6)}`, "holder", `2024-03-${pad(day, 2)}`, "", ""];
    if (p % HISTORY_EVERY === 0)
      yield [
        `E${pad(1 + ((holder + 5) % count), 6)}`,
        `P${pad(p, 6)}`,
        "holder",
        `2021-01-${pad(day, 2)}`,
        `2024-02-${pad(day, 2)}`,
        "rotation",
      ];
  }
}

/** The columns each generated file carries, in the order of the generators' rows. */
export const GENERATED_COLUMNS = {
  units: plainColumnNames("units"),
  employees: plainColumnNames("employees"),
  posts: plainColumnNames("posts"),
  assignments: plainColumnNames("assignments"),
};

/** Writes the generated register (`employeeCount` employees) as the bank's four CSV files in `dir`; rows per file. */
export async function writeGeneratedRegister(
  dir: string,
  employeeCount = EMPLOYEES,
): Promise<Record<keyof typeof GENERATED_COLUMNS, number>> {
  const file = (name: string) => join(dir, `${name}.csv`);
  return {
    units: await writeCsv(file("units"), GENERATED_COLUMNS.units, units()),
    employees: await writeCsv(file("employees"), GENERATED_COLUMNS.employees, employees(employeeCount)),
    posts: await writeCsv(file("posts"), GENERATED_COLUMNS.posts, posts()),
    assignments: await writeCsv(file("assignments"), GENERATED_COLUMNS.assignments, assignments(employeeCount)),
  };
}
