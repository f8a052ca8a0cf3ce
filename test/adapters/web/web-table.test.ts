// A long table is paged on the page (500 rows at a time, `?page.<table>=n`, previous / next links
// that keep the rest of the query) and whole in its CSV; a page out of range shows the first. A page
// that reads only the rows it shows from the database (a window) gets the same pager.
import { describe, expect, it } from "vitest";
import { pageWindow, renderTable, SHOWN_ROWS, tableCsv, type WebTable } from "../../../adapters/web/web-table.ts";

const table: WebTable = {
  id: "holders",
  caption: { "zh-CN": "在岗人员", en: "Holders" },
  columns: [
    { key: "n", label: { "zh-CN": "序号", en: "No." }, numeric: true },
    { key: "code", label: { "zh-CN": "岗位", en: "Post" } },
  ],
  rows: Array.from({ length: 1203 }, (_, i) => [i + 1, `P${String(i + 1).padStart(4, "0")}`]),
};

const cells = (text: string) => [...text.matchAll(/<td class="num">(\d+)<\/td>/g)].map((m) => Number(m[1]));
const links = (text: string) =>
  Object.fromEntries(
    [...text.matchAll(/<a rel="(prev|next)" href="([^"]+)"/g)].map((m) => [m[1], m[2]!.replaceAll("&amp;", "&")]),
  );

describe("a long table on a dashboard page", () => {
  it("shows 500 rows at a time with links to the pages around, keeping the query", () => {
    const first = String(renderTable(table, "en", "/app/unit?code=B01"));
    expect(cells(first)).toEqual(Array.from({ length: SHOWN_ROWS }, (_, i) => i + 1));
    expect(first).toContain("Rows 1–500 of 1203");
    expect(links(first)).toEqual({ next: "/app/unit?code=B01&page.holders=2" });

    const second = String(renderTable(table, "zh-CN", "/app/unit?code=B01&page.holders=2"));
    expect(cells(second)[0]).toBe(501);
    expect(cells(second)).toHaveLength(500);
    expect(second).toContain("第 501–1000 行，共 1203 行");
    expect(links(second)).toEqual({
      prev: "/app/unit?code=B01&page.holders=1",
      next: "/app/unit?code=B01&page.holders=3",
    });

    const last = String(renderTable(table, "en", "/app/unit?code=B01&page.holders=3"));
    expect(cells(last)).toEqual(Array.from({ length: 203 }, (_, i) => 1001 + i));
    expect(links(last)).toEqual({ prev: "/app/unit?code=B01&page.holders=2" });
    // The CSV link is the whole table, whatever page is shown.
    expect(last).toContain('href="/app/unit?code=B01&amp;csv=holders"');
    expect(tableCsv(table).trim().split("\n")).toHaveLength(1204);
  });

  it("shows the first page for a page number out of range or not a number", () => {
    for (const asked of ["0", "4", "x", "1.5"])
      expect(cells(String(renderTable(table, "en", `/app/warnings?page.holders=${asked}`)))[0]).toBe(1);
  });

  it("needs no pager for a short table", () => {
    const short = String(renderTable({ ...table, rows: table.rows.slice(0, 3) }, "en", "/app"));
    expect(cells(short)).toEqual([1, 2, 3]);
    expect(short).not.toContain("pager");
  });

  it("pages a table read a window at a time as it pages a whole one", () => {
    const url = (q: string) => new URL(`http://dashboard.invalid/app/unit?code=HO${q}`);
    expect(pageWindow(url(""), "holders")).toEqual({ first: 0, count: SHOWN_ROWS });
    expect(pageWindow(url("&page.holders=3"), "holders")).toEqual({ first: 2 * SHOWN_ROWS, count: SHOWN_ROWS });
    expect(pageWindow(url("&page.holders=x"), "holders")).toEqual({ first: 0, count: SHOWN_ROWS });
    expect(pageWindow(url("&csv=holders"), "holders")).toBeNull();
    for (const page of [1, 2, 3]) {
      const path = `/app/unit?code=B01&page.holders=${page}`;
      const first = (page - 1) * SHOWN_ROWS;
      const windowed: WebTable = {
        ...table,
        rows: table.rows.slice(first, first + SHOWN_ROWS),
        window: { first, total: table.rows.length },
      };
      expect(String(renderTable(windowed, "en", path))).toBe(String(renderTable(table, "en", path)));
    }
  });
});
