// A post may carry its own numbers in the register (max_tenure_months, leave_every_months,
// leave_min_working_days, compliance_lead_working_days). Each such post row becomes one policy
// row, code "post.<post code>", based on the post's policy_code (or its category's default), and
// is checked like a row of a policy file: the same columns, so errors name the posts file's row
// and column. The posts step then points the post at it (register-rows.ts).
import type { Cell, RawRow } from "../../ports/register-source.ts";
import { POST_NUMBER_COLUMNS, ownPolicyCode } from "../register/register-rows.ts";
import type { PolicyFileRow } from "./policy-file-rows.ts";

const text = (cell: Cell | undefined): string | undefined => (typeof cell === "string" ? cell : undefined);

/** The policy rows the posts of one file stand for; rows without own numbers give none. */
export function postPolicyRows(rows: Iterable<RawRow>): PolicyFileRow[] {
  const out: PolicyFileRow[] = [];
  for (const { line, cells } of rows) {
    const code = text(cells.code);
    if (code === undefined || !POST_NUMBER_COLUMNS.some((c) => cells[c] !== undefined)) continue;
    const own: Record<string, string> = {
      code: ownPolicyCode(code),
      name: `${code}: the post's own numbers`,
      base: text(cells.policy_code) ?? text(cells.category) ?? "",
    };
    for (const column of POST_NUMBER_COLUMNS) {
      const value = text(cells[column]);
      if (value !== undefined && /^\d{1,4}$/.test(value)) own[column] = value; // else the row schema reports it
    }
    if (own.base === "") delete own.base;
    out.push({ line, cells: own });
  }
  return out;
}
