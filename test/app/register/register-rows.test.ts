import { describe, expect, it } from "vitest";
import { kindFromFileName, kindFromHeader, normaliseColumnName } from "../../../src/ports/register-kinds.ts";
import { parseRow } from "../../../src/app/register/register-rows.ts";
import type { Cell } from "../../../src/ports/register-source.ts";

const row = (cells: Record<string, Cell>) => ({ line: 7, cells });

describe("register kinds", () => {
  it("are told by the file name: the last word before .csv or .json", () => {
    expect(
      [
        "units.csv",
        "2026-11.units.csv",
        "bank_employees.CSV",
        "demo-posts.json",
        "/x/y/assignments.csv",
        "clients.json",
      ].map(kindFromFileName),
    ).toEqual(["units", "units", "employees", "posts", "assignments", "clients"]);
    expect(["unitsx.csv", "units.txt", "staff.csv", "units.csv.bak"].map(kindFromFileName)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("or by the header: the one kind that knows every column and has its required ones", () => {
    expect(kindFromHeader(["Code", "Name", "Kind", "Parent Code", "time-zone"])).toBe("units");
    expect(kindFromHeader(["code", "name", "unit_code", "roles"])).toBe("employees");
    expect(kindFromHeader(["code", "name", "unit_code", "category"])).toBe("posts");
    expect(kindFromHeader(["employee_code", "post_code", "start_date"])).toBe("assignments");
    expect(kindFromHeader(["code", "name", "manager_code"])).toBe("clients");
    expect(kindFromHeader(["code", "name", "unit_code"])).toBeUndefined(); // employees or clients
    expect(kindFromHeader(["code", "name", "colour"])).toBeUndefined();
    expect(normaliseColumnName("  Name EN ")).toBe("name_en");
  });
});

describe("parsing a row", () => {
  it("turns an employee row into typed values: roles with scopes, lists with ; or ；, lower-case e-mail", () => {
    const parsed = parseRow(
      "employees",
      "e.csv",
      row({
        code: "E1",
        name: "张三",
        email: "Zhang.San@Bank.Example",
        unit_code: "BR1",
        roles: "hr@HO；manager; Auditor@BR2",
        slack_user_id: "U01;W02",
        locale: "ZH",
      }),
    );
    expect(parsed).toEqual({
      ok: true,
      row: {
        code: "E1",
        name: "张三",
        nameEn: null,
        email: "zhang.san@bank.example",
        unitCode: "BR1",
        status: "active",
        locale: "zh-CN",
        roles: [
          { role: "hr", unitCode: "HO" },
          { role: "manager", unitCode: null },
          { role: "auditor", unitCode: "BR2" },
        ],
        slackUserIds: ["U01", "W02"],
        teamsObjectIds: [],
      },
    });
  });

  it("takes JSON lists and flags as they come", () => {
    const parsed = parseRow(
      "posts",
      "p.json",
      row({
        code: "P1",
        name: "柜员",
        unit_code: "BR1",
        category: "Operations",
        risk_points: ["现金", "印章"],
        standard_defined: "是",
        active: "0",
      }),
    );
    expect(parsed.ok && parsed.row).toMatchObject({
      category: "operations",
      riskPoints: ["现金", "印章"],
      standardDefined: true,
      active: false,
    });
  });

  it("stores a time zone in its canonical spelling, and leaves an empty one to the parent", () => {
    const zone = parseRow(
      "units",
      "u.csv",
      row({ code: "BR1", name: "北京分行", kind: "branch", parent_code: "HO", time_zone: "asia/shanghai" }),
    );
    expect(zone.ok && zone.row.timeZone).toBe("Asia/Shanghai");
    const inherit = parseRow(
      "units",
      "u.csv",
      row({ code: "BR1", name: "北京分行", kind: "branch", parent_code: "HO" }),
    );
    expect(inherit.ok && inherit.row.timeZone).toBeNull();
  });

  it("reports one problem per column, each with the file, the line and the column", () => {
    const parsed = parseRow(
      "units",
      "u.csv",
      row({ code: "B R1", kind: "bank", time_zone: "Mars/Olympus", calendar_code: "CN" }),
    );
    expect(parsed).toEqual({
      ok: false,
      errors: [
        {
          file: "u.csv",
          line: 7,
          column: "code",
          reason: "\"B R1\" is not a code (letters, digits, '.', '_' or '-', at most 64, no spaces)",
        },
        { file: "u.csv", line: 7, column: "name", reason: "required" },
        {
          file: "u.csv",
          line: 7,
          column: "kind",
          reason: '"bank" is not one of: head_office, branch, sub_branch, department',
        },
        {
          file: "u.csv",
          line: 7,
          column: "time_zone",
          reason: 'unknown time zone "Mars/Olympus": expected an IANA name such as Asia/Shanghai',
        },
      ],
    });
  });

  it("checks a row's columns against each other", () => {
    const reasons = (kind: "units" | "assignments" | "clients", cells: Record<string, Cell>) => {
      const parsed = parseRow(kind, "f.csv", row(cells));
      return parsed.ok ? [] : parsed.errors.map((e) => `${e.column}: ${e.reason}`);
    };
    expect(reasons("units", { code: "HO", name: "总行", kind: "head_office", parent_code: "X" })).toEqual([
      "parent_code: a head office has no parent unit",
    ]);
    expect(reasons("units", { code: "BR1", name: "分行", kind: "sub_branch" })).toEqual([
      "parent_code: required for a sub-branch",
    ]);
    expect(reasons("units", { code: "BR1", name: "分行", kind: "branch", parent_code: "BR1" })).toEqual([
      "parent_code: a unit cannot be its own parent",
    ]);
    expect(
      reasons("assignments", {
        employee_code: "E1",
        post_code: "P1",
        start_date: "2026-01-01",
        end_reason: "rotation",
      }),
    ).toEqual(["end_reason: an end reason needs an end date"]);
    expect(reasons("clients", { code: "C1", name: "客户", since: "2026-01-01" })).toEqual([
      "since: a date without a manager_code",
    ]);
  });

  it("refuses malformed role scopes, Slack and Teams ids, e-mails and languages", () => {
    const parsed = parseRow(
      "employees",
      "e.csv",
      row({
        code: "E1",
        name: "张三",
        unit_code: "HO",
        email: "zhang",
        roles: "hr@HO@BR1",
        slack_user_id: "zhang",
        teams_aad_object_id: "123",
        locale: "fr",
      }),
    );
    expect(parsed.ok ? [] : parsed.errors.map((e) => e.column)).toEqual([
      "email",
      "locale",
      "roles",
      "slack_user_id",
      "teams_aad_object_id",
    ]);
  });
});
