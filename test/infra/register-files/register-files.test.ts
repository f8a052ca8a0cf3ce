import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { columnNames, type RegisterKind } from "../../../src/ports/register-kinds.ts";
import { FORMATTERS, parseRow } from "../../../src/app/register/register-rows.ts";
import type { RowOf } from "../../../src/ports/register-rows.ts";
import { ROLES } from "../../../src/domain/access/roles.ts";
import { CsvRegisterSource } from "../../../src/infra/register-files/csv-register-reader.ts";
import {
  jsonRegisterSource,
  readJsonRegister,
  rowLines,
} from "../../../src/infra/register-files/json-register-reader.ts";
import { RegisterFilesWriter, type RegisterFormat } from "../../../src/infra/register-files/register-file-writer.ts";
import { openRegisterFile } from "../../../src/infra/register-files/open-register-file.ts";

const dir = () => mkdtempSync(join(tmpdir(), "keypost-files-"));

async function rowsOf(path: string, kind: RegisterKind) {
  const out = [];
  for await (const raw of new CsvRegisterSource(path, "f.csv", kind).rows()) out.push(raw);
  return out;
}

describe("CSV register files", () => {
  it("keep the line each row starts on, through a BOM, CRLF, blank and comment lines and quoted line breaks", async () => {
    const path = join(dir(), "posts.csv");
    writeFileSync(
      path,
      '\uFEFFcode,name,unit_code,category,risk_points\r\n\r\n# a comment\r\nP1,"柜员, 朝阳",BR1,operations,"现金\r\n印章"\r\nP2,会计,BR1,operations,\r\n   \r\nP3,库管,BR1,operations,,,\r\n',
    );
    const rows = await rowsOf(path, "posts");
    expect(rows.map((r) => [r.line, r.cells])).toEqual([
      [4, { code: "P1", name: "柜员, 朝阳", unit_code: "BR1", category: "operations", risk_points: "现金\r\n印章" }],
      [6, { code: "P2", name: "会计", unit_code: "BR1", category: "operations" }],
      [8, { code: "P3", name: "库管", unit_code: "BR1", category: "operations" }],
    ]);
  });

  it("count lines the same when a file mixes LF and CRLF line ends, also around a quoted line break", async () => {
    const path = join(dir(), "posts.csv");
    writeFileSync(path, 'code,name,unit_code,category\nP1,"a\r\n\r\nb",BR1,o\r\nP2,y,BR1,o\r\nP3,z,BR1,o');
    expect((await rowsOf(path, "posts")).map((r) => [r.line, r.cells.code, r.cells.name])).toEqual([
      [2, "P1", "a\r\n\r\nb"],
      [5, "P2", "y"],
      [6, "P3", "z"],
    ]);
  });

  it("read rows and quoted line breaks that straddle the file's 64 KB pieces as they are", async () => {
    const path = join(dir(), "posts.csv");
    const rows = Array.from({ length: 6_000 }, (_, i) =>
      i % 3 === 0
        ? `P${i},"岗位\n${"长".repeat(i % 50)}${i}",BR1,operations\r\n`
        : `P${i},岗位 ${"x".repeat(i % 70)}${i},BR1,operations\n`,
    );
    writeFileSync(path, `code,name,unit_code,category\n${rows.join("")}`);
    let line = 2;
    const expected = rows.map((r, i) => {
      const at = line;
      line += i % 3 === 0 ? 2 : 1;
      return [at, `P${i}`, i % 3 === 0 ? `岗位\n${"长".repeat(i % 50)}${i}` : `岗位 ${"x".repeat(i % 70)}${i}`];
    });
    expect((await rowsOf(path, "posts")).map((r) => [r.line, r.cells.code, r.cells.name])).toEqual(expected);
  });

  it("report a quote problem at the file's line, also past a long file's first chunks and in CR-only files", async () => {
    const long = join(dir(), "posts.csv");
    const filler = Array.from({ length: 20_000 }, (_, i) => `P${i},岗位 ${i},BR1,operations\n`).join("");
    writeFileSync(long, `code,name,unit_code,category\n${filler}PX,a"b,BR1,operations\n`);
    await expect(rowsOf(long, "posts")).rejects.toThrow(
      "f.csv:20002 — not readable as CSV: Invalid Opening Quote: a quote is found on field 1 at line 20002",
    );
    const mac = join(dir(), "units.csv");
    writeFileSync(mac, 'code,name,kind\rHO,总行,head_office\rB1,"x\r",branch\r');
    expect((await rowsOf(mac, "units")).map((r) => [r.line, r.cells.code])).toEqual([
      [2, "HO"],
      [3, "B1"],
    ]);
  });

  it("hand over, column by column, every row before a problem deep in a long file", async () => {
    // The import reads chunks of columns (one per 64 KB read): rows of the piece a problem is in
    // must still reach it, so that their own problems are reported beside the file's.
    const filler = Array.from({ length: 20_000 }, (_, i) => `P${i},岗位 ${i},BR1,operations,,x\n`).join("");
    for (const bad of ['PX,a"b"c,BR1,operations\n', "PX,\uFFFD,BR1,operations\n"]) {
      const path = join(dir(), "posts.csv");
      writeFileSync(path, `code,name,unit_code,category,name_en\n${filler}${bad}P_after,z,BR1,operations\n`);
      const lines: number[] = [];
      const names: (string | undefined)[] = [];
      const problems: number[] = [];
      const read = async () => {
        for await (const chunk of new CsvRegisterSource(path, "f.csv", "posts").chunks()) {
          expect([...chunk.columns.keys()]).toEqual(["code", "name", "unit_code", "category", "name_en"]);
          expect(chunk.columns.get("name_en")!.every((cell) => cell === undefined)).toBe(true);
          for (const p of chunk.problems?.keys() ?? []) problems.push(chunk.lines[p]!);
          lines.push(...chunk.lines);
          names.push(...(chunk.columns.get("name") as (string | undefined)[]));
        }
      };
      await expect(read()).rejects.toThrow("f.csv:20002");
      expect(lines).toEqual(Array.from({ length: 20_000 }, (_, i) => i + 2));
      expect(names[19_999]).toBe("岗位 19999");
      expect(problems).toEqual(lines); // every row has a sixth cell the header does not name
    }
  });

  it("flag a row with more cells than the header names", async () => {
    const path = join(dir(), "units.csv");
    writeFileSync(path, "code,name,kind\nHO,总行,head_office,extra\n");
    expect((await rowsOf(path, "units"))[0]!.problem).toEqual({
      column: "",
      reason: "4 cells, but the header names 3 columns",
    });
  });

  it("refuse an empty file, with its sha256 unknown", async () => {
    const path = join(dir(), "units.csv");
    writeFileSync(path, "\n\n");
    await expect(rowsOf(path, "units")).rejects.toThrow(
      "f.csv:1 — the file is empty: the first row must be the header",
    );
  });

  it("are recognised by their header when the name does not say", async () => {
    const path = join(dir(), "staff-list.csv");
    writeFileSync(path, "# from HR\nCode,Name,Unit Code,Email\nE1,张三,HO,z@bank.example\n");
    expect((await openRegisterFile(path)).kind).toBe("employees");
  });
});

describe("JSON register files", () => {
  it("keep the line each row object starts on, however the file is laid out", () => {
    const text =
      '{"rows": [ {"code": "A", "x": "]},{"},\n\n  {"code":\n "B"},\n{"code": "C", "list": ["a", {"b": 1}]}\n], "kind": "units", "more": [{"z": 1}]}';
    expect(rowLines(text)).toEqual([1, 3, 5]);
    expect(rowLines('{\n  "kind": "units",\n  "rows": []\n}')).toEqual([]);
  });

  it("carry their sha256 and rows as cells", async () => {
    const path = join(dir(), "clients.json");
    writeFileSync(
      path,
      '{ "kind": "clients", "rows": [\n  { "code": "C1", "name": " 客户 ", "unit_code": null, "manager_code": "E1", "since": "2026-01-01" }\n] }',
    );
    const file = await readJsonRegister(path, "clients.json");
    expect(file.rows).toEqual([
      { line: 2, cells: { code: "C1", name: "客户", manager_code: "E1", since: "2026-01-01" } },
    ]);
    expect(jsonRegisterSource("clients.json", file).sha256()).toMatch(/^[0-9a-f]{64}$/);
  });
});

// Round trip as a property: any valid row, written by the exporter and read back, parses to itself.
const text = fc
  .string({ unit: fc.constantFrom(..."张王李分行柜员, \"'\n#@;；abcXYZ019-_.".split("")), minLength: 1, maxLength: 12 })
  .map((s) => s.trim())
  .filter((s) => s !== "");
const listItem = text.map((s) => s.replace(/[;；]/g, "").trim()).filter((s) => s !== "");
const code = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,9}$/);
const date = fc
  .date({ min: new Date("2000-01-01"), max: new Date("2040-12-31"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });

const arbitraries: { [K in RegisterKind]: fc.Arbitrary<RowOf[K]> } = {
  units: fc
    .record({
      code,
      name: text,
      nameEn: maybe(text),
      kind: fc.constantFrom("branch" as const, "sub_branch" as const, "department" as const),
      parentCode: code,
      timeZone: maybe(fc.constantFrom("Asia/Shanghai", "Asia/Hong_Kong", "Europe/London", "America/New_York")),
      calendarCode: maybe(code),
    })
    // A valid row: the parser refuses a unit that is its own parent (tested with the refusals).
    .filter((u) => u.parentCode !== u.code),
  employees: fc.record({
    code,
    name: text,
    nameEn: maybe(text),
    email: maybe(
      fc
        .stringMatching(/^[a-z][a-z0-9.]{0,8}@[a-z]{1,8}\.example$/)
        .filter((e) => !e.includes(".@") && !e.includes("..")),
    ),
    unitCode: code,
    status: fc.constantFrom("active" as const, "left" as const),
    locale: maybe(fc.constantFrom("zh-CN" as const, "en" as const)),
    roles: fc.uniqueArray(fc.record({ role: fc.constantFrom(...ROLES), unitCode: code }), {
      maxLength: 3,
      selector: (r) => `${r.role}@${r.unitCode}`,
    }),
    slackUserIds: fc.uniqueArray(fc.stringMatching(/^U[A-Z0-9]{2,10}$/), { maxLength: 2 }),
    teamsObjectIds: fc.uniqueArray(
      fc.uuid().map((u) => u.toLowerCase()),
      { maxLength: 2 },
    ),
  }),
  posts: fc.record({
    code,
    name: text,
    nameEn: maybe(text),
    unitCode: code,
    category: fc.constantFrom("authority" as const, "operations" as const, "oversight" as const),
    riskPoints: fc.array(listItem, { maxLength: 3 }),
    policyCode: maybe(code),
    checklistTemplateCode: maybe(code),
    standardDefined: fc.boolean(),
    active: fc.boolean(),
  }),
  assignments: fc
    .record({
      employeeCode: code,
      postCode: code,
      kind: fc.constantFrom("holder" as const, "acting" as const),
      startDate: date,
      endDate: maybe(date),
      endReason: maybe(fc.constantFrom("rotation" as const, "left" as const)),
    })
    .map((a) =>
      a.endDate === null ? { ...a, endReason: null } : a.endDate < a.startDate ? { ...a, endDate: a.startDate } : a,
    ),
  clients: fc
    .record({
      code,
      name: text,
      nameEn: maybe(text),
      unitCode: maybe(code),
      managerCode: maybe(code),
      since: maybe(date),
    })
    .map((c) => (c.managerCode === null ? { ...c, since: null } : c)),
};

async function* from<T>(rows: readonly T[]): AsyncGenerator<T> {
  yield* rows;
}

describe.each(["csv", "json"] as RegisterFormat[])("a register file written as %s and read back", (format) => {
  it.each(["units", "employees", "posts", "assignments", "clients"] as RegisterKind[])(
    "gives the same %s rows",
    async (kind) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(arbitraries[kind] as fc.Arbitrary<RowOf[RegisterKind]>, { maxLength: 6 }),
          async (rows) => {
            const format_ = FORMATTERS[kind] as (row: RowOf[RegisterKind]) => Record<string, unknown>;
            const written = await new RegisterFilesWriter(dir(), format).write(
              kind,
              columnNames(kind),
              from(rows.map(format_) as never[]),
            );
            const source = await openRegisterFile(written.file);
            const back = [];
            for await (const raw of source.rows()) {
              const parsed = parseRow(kind, written.file, raw);
              if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
              back.push(parsed.row);
            }
            expect(back).toEqual(rows);
          },
        ),
        { numRuns: 25 },
      );
    },
  );
});
