// A few questions in the independent set's format (test/eval/questions/independent/oracle.ts:
// NOW, EvalItem, Expectation, loadItems, expected), written here to try the harness before that set
// landed. Expectations come from the register's facts (../register.ts), each meaning by hand.
import type { EvalItem, Expectation } from "../harness.ts";
import { holders, person, scopeOf } from "../register.ts";

export const NOW = "2026-12-01T10:00:00+08:00";

type Meaning =
  | { overdueIn: string[] }
  | { deadlineOf: string }
  | { holderOf: string }
  | { count: "overdue"; units: string[] }
  | { managerOf: string }
  | "out-of-scope"
  | "help";

const ITEMS: readonly (Omit<EvalItem, "meaning"> & { meaning: Meaning })[] = [
  { id: "s01", asker: "E001", lang: "zh-CN", q: "全行哪些人轮岗超期了？", meaning: { overdueIn: ["*"] } },
  {
    id: "s02",
    asker: "E017",
    lang: "en",
    q: "Who in my branch has overstayed their post?",
    meaning: { overdueIn: ["BR1", "BR1-01", "BR1-02"] },
  },
  { id: "s03", asker: "E025", lang: "zh-CN", q: "杨超什么时候该轮岗", meaning: { deadlineOf: "E026" } },
  { id: "s04", asker: "E043", lang: "en", q: "when is Na Liu due to rotate?", meaning: { deadlineOf: "E044" } },
  { id: "s05", asker: "E021", lang: "en", q: "who holds P-BR2-01-VAULT", meaning: { holderOf: "P-BR2-01-VAULT" } },
  { id: "s06", asker: "E021", lang: "zh-CN", q: "浦东支行库管员是谁", meaning: { holderOf: "P-BR2-01-VAULT" } },
  {
    id: "s07",
    asker: "E005",
    lang: "en",
    q: "how many people are overdue for rotation?",
    meaning: { count: "overdue", units: ["*"] },
  },
  {
    id: "s08",
    asker: "E017",
    lang: "en",
    q: "who serves Beijing Hengtong Trading? (Chaoyang)",
    meaning: { managerOf: "C001" },
  },
  { id: "s09", asker: "E025", lang: "en", q: "status of Pudong Sub-branch", meaning: "out-of-scope" },
  { id: "s10", asker: "E026", lang: "zh-CN", q: "谁在休假", meaning: "out-of-scope" },
  { id: "s11", asker: "E034", lang: "en", q: "what's the weather in Beijing?", meaning: "help" },
  { id: "s12", asker: "E052", lang: "zh-CN", q: "徐汇支行谁的任期超了", meaning: { overdueIn: ["BR2-02"] } },
];

export function loadItems(): EvalItem[] {
  return ITEMS.map((i) => ({ ...i }));
}

export function expected(item: EvalItem): Expectation {
  const m = item.meaning as Meaning;
  if (m === "help") return { kind: "not-understood" };
  if (m === "out-of-scope") return { kind: "refused" };
  const scope = scopeOf(item.asker);
  const inUnits = (units: string[]) => (u: string) => (units.includes("*") ? scope.has(u) : units.includes(u));
  if ("overdueIn" in m)
    return {
      kind: "people",
      codes: holders.filter((h) => inUnits(m.overdueIn)(h.unit) && h.deadline < "2026-12-01").map((h) => h.employee),
    };
  if ("count" in m)
    return {
      kind: "count",
      value: holders.filter((h) => inUnits(m.units)(h.unit) && h.deadline < "2026-12-01").length,
    };
  if ("deadlineOf" in m) return { kind: "date", value: holders.find((h) => h.employee === m.deadlineOf)!.deadline };
  if ("holderOf" in m)
    return { kind: "people", codes: holders.filter((h) => h.post === m.holderOf).map((h) => h.employee) };
  return { kind: "people", codes: [person("E031").code!] };
}
