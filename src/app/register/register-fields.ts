// The zod schemas of single register cells: codes, names, dates, time zones, lists, flags. Each
// message is what the user reads after `file:row:column — `.
import type { RoleScope } from "../../ports/register-rows.ts";
import { z } from "zod";
import { ROLES, type Role } from "../../domain/access/roles.ts";
import { isLocalDate } from "../../domain/calendar/local-date.ts";
import { canonicalTimeZone, isValidTimeZone } from "../../domain/calendar/time-zone.ts";

const quoted = (value: unknown): string => JSON.stringify(Array.isArray(value) ? value.join(";") : value);

/** Text; a missing value reads "required", a list (from JSON) "must be text". */
export const TEXT = z
  .string({ error: (issue) => (issue.input === undefined ? "required" : "must be text, not a list") })
  .max(500, "longer than 500 characters");

/** The bank's own codes: letters, digits, '.', '_', '-'; no spaces, and none of ; @ / (they separate lists, scopes and paths). */
export const CODE = TEXT.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, {
  error: (issue) => `${quoted(issue.input)} is not a code (letters, digits, '.', '_' or '-', at most 64, no spaces)`,
});

export const DATE = TEXT.refine(isLocalDate, {
  error: (issue) => `${quoted(issue.input)} is not a date: expected YYYY-MM-DD, e.g. 2026-11-28`,
});

/** An IANA time-zone name, checked with Intl and stored in its canonical spelling. */
export const TIME_ZONE = TEXT.refine(isValidTimeZone, {
  error: (issue) => `unknown time zone ${quoted(issue.input)}: expected an IANA name such as Asia/Shanghai`,
}).transform((zone) => canonicalTimeZone(zone));

/** E-mail addresses are stored in lower case: people are found by e-mail case-insensitively. */
export const EMAIL = TEXT.transform((s) => s.toLowerCase()).pipe(
  z.email({ error: (issue) => `${quoted(issue.input)} is not an e-mail address` }),
);

export function oneOf<const T extends readonly [string, ...string[]]>(values: T): z.ZodType<T[number], string> {
  return TEXT.transform((s) => s.toLowerCase()).pipe(
    z.enum(values, { error: (issue) => `${quoted(issue.input)} is not one of: ${values.join(", ")}` }),
  );
}

/** yes/no flags: true, false, yes, no, y, n, 1, 0, 是, 否. */
export const FLAG = TEXT.transform((s, ctx) => {
  const v = s.toLowerCase();
  if (["true", "yes", "y", "1", "是"].includes(v)) return true;
  if (["false", "no", "n", "0", "否"].includes(v)) return false;
  ctx.addIssue({ code: "custom", message: `${quoted(s)} is not true or false` });
  return z.NEVER;
});

/** A list: `a;b;c` in CSV (the full-width ； typed by Chinese input methods works too), or a JSON array. */
export const LIST = z
  .union([z.string(), z.array(z.string())], { error: "must be text or a list of texts" })
  .transform((value) =>
    (typeof value === "string" ? value.split(/[;；]/) : value).map((s) => s.trim()).filter((s) => s !== ""),
  );

export const LOCALE = TEXT.transform((s, ctx) => {
  const v = s.toLowerCase();
  if (v === "zh-cn" || v === "zh") return "zh-CN" as const;
  if (v === "en") return "en" as const;
  ctx.addIssue({ code: "custom", message: `${quoted(s)} is not a language: expected zh-CN or en` });
  return z.NEVER;
});

/** `hr@HO;auditor@BR1` — role@unit-code; a bare role covers the employee's own unit. */
export const ROLES_CELL = LIST.transform((items, ctx) => {
  const scopes: RoleScope[] = [];
  for (const item of items) {
    const [role = "", unit, ...rest] = item.split("@").map((s) => s.trim());
    const name = role.toLowerCase();
    if (!(ROLES as readonly string[]).includes(name)) {
      ctx.addIssue({
        code: "custom",
        message: `unknown role ${quoted(role)} in ${quoted(item)}: expected one of ${ROLES.join(", ")}`,
      });
    } else if (rest.length > 0 || unit === "" || (unit !== undefined && !CODE.safeParse(unit).success)) {
      ctx.addIssue({ code: "custom", message: `${quoted(item)} is not role@unit-code (e.g. auditor@BR1)` });
    } else {
      scopes.push({ role: name as Role, unitCode: unit ?? null });
    }
  }
  return scopes;
});

export const SLACK_USER_IDS = LIST.pipe(
  z.array(
    TEXT.regex(/^[UW][A-Z0-9]{2,20}$/, {
      error: (issue) => `${quoted(issue.input)} is not a Slack user id (U… or W…, capitals and digits)`,
    }),
  ),
);

export const TEAMS_OBJECT_IDS = LIST.pipe(
  z.array(
    TEXT.transform((s) => s.toLowerCase()).pipe(
      z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, {
        error: (issue) => `${quoted(issue.input)} is not a Teams (Entra ID) object id: expected a GUID`,
      }),
    ),
  ),
);

export type { RoleScope } from "../../ports/register-rows.ts";
