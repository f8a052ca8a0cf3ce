// Writes samples/demo-bank/*.csv: the demo bank `npm start` loads into a new, empty default
// database. Deterministic (no randomness, no clock): run it again and the files do not change.
// Run: node --import tsx scripts/make-demo-bank.ts
// The dates are chosen against 2026-11-28 so that the scheduler has real work in the weeks after:
// holders a few days, a month and three months from their tenure limit, two already past it.
import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { plainColumnNames } from "../src/ports/register-kinds.ts";

const OUT = join(import.meta.dirname, "..", "samples", "demo-bank");

const SURNAMES: [string, string][] = [
  ["王", "Wang"],
  ["李", "Li"],
  ["张", "Zhang"],
  ["刘", "Liu"],
  ["陈", "Chen"],
  ["杨", "Yang"],
  ["黄", "Huang"],
  ["赵", "Zhao"],
  ["吴", "Wu"],
  ["周", "Zhou"],
  ["徐", "Xu"],
  ["孙", "Sun"],
  ["马", "Ma"],
  ["朱", "Zhu"],
  ["胡", "Hu"],
  ["郭", "Guo"],
  ["何", "He"],
  ["林", "Lin"],
  ["高", "Gao"],
  ["罗", "Luo"],
];
const GIVEN: [string, string][] = [
  ["伟", "Wei"],
  ["芳", "Fang"],
  ["娜", "Na"],
  ["敏", "Min"],
  ["静", "Jing"],
  ["强", "Qiang"],
  ["磊", "Lei"],
  ["洋", "Yang"],
  ["艳", "Yan"],
  ["勇", "Yong"],
  ["军", "Jun"],
  ["杰", "Jie"],
  ["涛", "Tao"],
  ["明", "Ming"],
  ["超", "Chao"],
  ["秀英", "Xiuying"],
  ["建华", "Jianhua"],
  ["志强", "Zhiqiang"],
  ["晓燕", "Xiaoyan"],
  ["海燕", "Haiyan"],
  ["丽娟", "Lijuan"],
  ["桂英", "Guiying"],
  ["文博", "Wenbo"],
];

function nameOf(n: number): [string, string] {
  const [s, sEn] = SURNAMES[n % SURNAMES.length]!;
  const [g, gEn] = GIVEN[(n * 7) % GIVEN.length]!;
  return [s + g, `${gEn} ${sEn}`];
}

function csv(rows: (string | number | boolean | null)[][]): string {
  const cell = (v: string | number | boolean | null) => {
    const text = v === null ? "" : String(v);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return rows.map((r) => r.map(cell).join(",")).join("\n") + "\n";
}

const units = [
  ["HO", "总行", "Head Office", "head_office", ""],
  ["BR1", "北京分行", "Beijing Branch", "branch", "HO"],
  ["BR1-01", "朝阳支行", "Chaoyang Sub-branch", "sub_branch", "BR1"],
  ["BR1-02", "海淀支行", "Haidian Sub-branch", "sub_branch", "BR1"],
  ["BR2", "上海分行", "Shanghai Branch", "branch", "HO"],
  ["BR2-01", "浦东支行", "Pudong Sub-branch", "sub_branch", "BR2"],
  ["BR2-02", "徐汇支行", "Xuhui Sub-branch", "sub_branch", "BR2"],
] as const;
const SUB_BRANCHES = ["BR1-01", "BR1-02", "BR2-01", "BR2-02"] as const;

interface Person {
  code: string;
  unit: string;
  roles: string[];
  title: string;
}
const people: Person[] = [];
const add = (unit: string, title: string, roles: string[] = []) => {
  const code = `E${String(people.length + 1).padStart(3, "0")}`;
  people.push({ code, unit, roles, title });
  return code;
};

// Head office: executives, HR, compliance, auditors, an administrator.
const president = add("HO", "president", ["executive@HO", "manager@HO"]);
add("HO", "vice president", ["executive@HO"]);
const hr = add("HO", "HR officer", ["hr@HO"]);
add("HO", "HR officer", ["hr@BR2"]);
const complianceHead = add("HO", "head of compliance", ["compliance_head@HO", "compliance@HO"]);
const complianceOfficer = add("HO", "compliance officer", ["compliance@HO"]);
for (let i = 0; i < 6; i += 1) add("HO", "auditor", ["auditor@HO"]);
add("HO", "administrator", ["admin@HO"]);
for (let i = 0; i < 3; i += 1) add("HO", "operations officer");
// Branches: a head (manager of the branch) and a risk officer.
const branchHead: Record<string, string> = {};
const riskOfficer: Record<string, string> = {};
for (const br of ["BR1", "BR2"]) {
  branchHead[br] = add(br, "branch head", [`manager@${br}`, `executive@${br}`]);
  riskOfficer[br] = add(br, "risk officer");
  add(br, "operations officer");
  add(br, "operations officer");
}
// Sub-branches: a manager and the staff of the counter, the vault and the credit desk.
const staff: Record<string, Record<string, string>> = {};
for (const sb of SUB_BRANCHES) {
  const s: Record<string, string> = {};
  s.manager = add(sb, "sub-branch manager", [`manager@${sb}`]);
  s.teller = add(sb, "teller");
  s.teller2 = add(sb, "teller");
  s.accountant = add(sb, "accountant");
  s.vault = add(sb, "vault keeper");
  s.credit = add(sb, "credit officer");
  s.rm = add(sb, "relationship manager");
  s.spare = add(sb, "operations officer");
  s.spare2 = add(sb, "operations officer");
  staff[sb] = s;
}
void president;
void hr;
void complianceHead;
void complianceOfficer;

const employeesCsv = [plainColumnNames("employees")];
people.forEach((p, i) => {
  const [zh, en] = nameOf(i);
  const locale = i % 5 === 4 ? "en" : "";
  const n = String(i + 1).padStart(3, "0");
  const slack = `U0DEMO${n}`;
  const teams = `00000000-0000-4000-8000-000000000${n}`;
  employeesCsv.push([
    p.code,
    zh,
    en,
    `${en.toLowerCase().replace(/ /g, ".")}.${p.code.toLowerCase()}@demo-bank.example`,
    p.unit,
    "active",
    locale,
    p.roles.join(";"),
    slack,
    teams,
  ]);
});

// Key posts: 4 per sub-branch, relationship managers in three of them, the branch heads, two oversight posts.
const SUB_NAMES: Record<string, string> = {
  "BR1-01": "朝阳支行",
  "BR1-02": "海淀支行",
  "BR2-01": "浦东支行",
  "BR2-02": "徐汇支行",
};
const SUB_EN: Record<string, string> = {
  "BR1-01": "Chaoyang",
  "BR1-02": "Haidian",
  "BR2-01": "Pudong",
  "BR2-02": "Xuhui",
};
type PostRow = [
  code: string,
  name: string,
  nameEn: string,
  unit: string,
  category: string,
  risks: string,
  policy: string,
  checklist: string,
];
const posts: PostRow[] = [];
const holders: [employee: string, post: string, start: string][] = [];
// Start dates against 2026-11-28: cash/vault/accounting posts rotate within 12 months, others 36.
const START = {
  "BR1-01": {
    teller: "2025-12-05",
    accountant: "2025-12-27",
    vault: "2026-02-20",
    credit: "2023-12-20",
    rm: "2023-09-01",
  },
  "BR1-02": {
    teller: "2026-06-01",
    accountant: "2025-10-01",
    vault: "2026-05-11",
    credit: "2025-04-01",
    rm: "2024-03-01",
  },
  "BR2-01": {
    teller: "2026-01-05",
    accountant: "2026-03-02",
    vault: "2025-12-15",
    credit: "2024-01-08",
    rm: "2024-02-26",
  },
  "BR2-02": { teller: "2026-08-03", accountant: "2026-07-01", vault: "2026-09-01", credit: "2026-02-02", rm: "" },
} as const;
for (const sb of SUB_BRANCHES) {
  const zh = SUB_NAMES[sb]!;
  const en = SUB_EN[sb]!;
  const s = staff[sb]!;
  const start = START[sb];
  const def: [string, string, string, string, string, string, string, string][] = [
    [
      "TELLER",
      `${zh}柜员`,
      `Teller, ${en}`,
      "operations",
      "现金长短款;代客操作;挪用库款",
      "cn-bank-cash",
      "CL-TELLER",
      start.teller,
    ],
    [
      "ACCT",
      `${zh}会计主管`,
      `Accounting Supervisor, ${en}`,
      "operations",
      "授权管理;账务核对;重要空白凭证",
      "cn-bank-accounting",
      "CL-ACCT",
      start.accountant,
    ],
    [
      "VAULT",
      `${zh}库管员`,
      `Vault Keeper, ${en}`,
      "operations",
      "钥匙密码管理;库款调拨",
      "cn-bank-vault",
      "CL-VAULT",
      start.vault,
    ],
    [
      "CREDIT",
      `${zh}信贷员`,
      `Credit Officer, ${en}`,
      "operations",
      "贷前调查;虚假资料;关联授信",
      "",
      "CL-CREDIT",
      start.credit,
    ],
  ];
  const who: Record<string, string> = { TELLER: s.teller!, ACCT: s.accountant!, VAULT: s.vault!, CREDIT: s.credit! };
  for (const [suffix, name, nameEn, category, risks, policy, checklist, since] of def) {
    const code = `P-${sb}-${suffix}`;
    posts.push([code, name, nameEn, sb, category, risks, policy, checklist]);
    holders.push([who[suffix]!, code, since]);
  }
  if (start.rm !== "") {
    const code = `P-${sb}-RM`;
    posts.push([
      code,
      `${zh}客户经理`,
      `Relationship Manager, ${en}`,
      sb,
      "operations",
      "私售理财产品（飞单）;挪用客户资金",
      "",
      "CL-RM",
    ]);
    holders.push([s.rm!, code, start.rm]);
  }
}
posts.push([
  "P-BR1-HEAD",
  "北京分行行长",
  "Head, Beijing Branch",
  "BR1",
  "authority",
  "越权审批;关联交易",
  "",
  "CL-HEAD",
]);
holders.push([branchHead.BR1!, "P-BR1-HEAD", "2024-05-06"]);
posts.push([
  "P-BR2-HEAD",
  "上海分行行长",
  "Head, Shanghai Branch",
  "BR2",
  "authority",
  "越权审批;关联交易",
  "",
  "CL-HEAD",
]);
holders.push([branchHead.BR2!, "P-BR2-HEAD", "2023-11-20"]);
posts.push([
  "P-BR1-RISK",
  "北京分行风险经理",
  "Risk Officer, Beijing Branch",
  "BR1",
  "oversight",
  "监督缺位",
  "",
  "CL-OVERSIGHT",
]);
holders.push([riskOfficer.BR1!, "P-BR1-RISK", "2025-03-03"]);
posts.push([
  "P-BR2-RISK",
  "上海分行风险经理",
  "Risk Officer, Shanghai Branch",
  "BR2",
  "oversight",
  "监督缺位",
  "",
  "CL-OVERSIGHT",
]);
holders.push([riskOfficer.BR2!, "P-BR2-RISK", "2024-09-02"]);

const postsCsv = [plainColumnNames("posts")];
for (const [code, name, nameEn, unit, category, risks, policy, checklist] of posts)
  postsCsv.push([code, name, nameEn, unit, category, risks, policy, checklist, "true", "true"]);
const assignmentsCsv = [plainColumnNames("assignments")];
for (const [employee, post, start] of holders) assignmentsCsv.push([employee, post, "holder", start, "", ""]);

// Clients on the three relationship managers.
// Each client's Chinese and English name (the city comes first in both).
const CLIENT_NAMES: readonly (readonly [string, string])[] = [
  ["恒通商贸", "Hengtong Trading"],
  ["华信科技", "Huaxin Technology"],
  ["朝阳食府餐饮", "Chaoyang Shifu Catering"],
  ["浦江物流", "Pujiang Logistics"],
  ["金桥制造", "Jinqiao Manufacturing"],
  ["东方纺织", "Dongfang Textiles"],
  ["长城建材", "Changcheng Building Materials"],
  ["新世纪医药", "New Century Pharmaceuticals"],
  ["海天电子", "Haitian Electronics"],
  ["瑞丰农业", "Ruifeng Agriculture"],
  ["远大汽配", "Yuanda Auto Parts"],
  ["天成物业", "Tiancheng Property"],
  ["宏图印务", "Hongtu Printing"],
  ["嘉禾粮油", "Jiahe Grain and Oil"],
];
const clientsCsv = [plainColumnNames("clients")];
let clientNo = 0;
for (const sb of ["BR1-01", "BR1-02", "BR2-01"] as const) {
  const [city, cityEn] = sb.startsWith("BR1") ? ["北京", "Beijing"] : ["上海", "Shanghai"];
  for (let i = 0; i < 14 && clientNo < 40; i += 1) {
    clientNo += 1;
    clientsCsv.push([
      `C${String(clientNo).padStart(3, "0")}`,
      `${city}${CLIENT_NAMES[i]![0]}有限公司`,
      `${cityEn} ${CLIENT_NAMES[i]![1]} Co., Ltd.`,
      sb,
      staff[sb]!.rm!,
      START[sb].rm,
    ]);
  }
}

const unitsCsv = [plainColumnNames("units")];
for (const [code, name, nameEn, kind, parent] of units)
  unitsCsv.push([code, name, nameEn, kind, parent, "Asia/Shanghai", "CN"]);

mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, "units.csv"), csv(unitsCsv));
writeFileSync(join(OUT, "employees.csv"), csv(employeesCsv));
writeFileSync(join(OUT, "posts.csv"), csv(postsCsv));
writeFileSync(join(OUT, "assignments.csv"), csv(assignmentsCsv));
writeFileSync(join(OUT, "clients.csv"), csv(clientsCsv));
console.log(
  `demo bank: ${units.length} units, ${people.length} staff, ${posts.length} key posts, ${holders.length} holders, ${clientNo} clients → ${OUT}`,
);
