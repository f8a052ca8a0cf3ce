// Why typed input was refused, as a stable code a person can read in their own language: the
// first schema issue (or a use case's own check) becomes INVALID_INPUT with `field` (the input's
// name, so a form can show the sentence next to it) and `problem` (one of INPUT_PROBLEMS). The
// schema's English message stays in `reason` for the log only; it is never shown.
import type { z } from "zod";
import type { ErrorDetail } from "../../domain/errors.ts";
import { bi, type Bilingual } from "../../ports/locale.ts";

export const INPUT_PROBLEMS = {
  missing: bi("请填写此项。", "This is required."),
  too_long: bi("内容太长。", "This is too long."),
  too_short: bi("内容太短。", "This is too short."),
  date: bi("请填写有效日期（YYYY-MM-DD）。", "Give a valid date (YYYY-MM-DD)."),
  https: bi("请填写以 https:// 开头、带域名的链接。", "Give a link that starts with https:// and names a host."),
  number: bi("请填写一个有效的数字。", "Give a valid number."),
  choice: bi("请从列表中选择一项。", "Pick one of the choices."),
  format: bi("格式不正确。", "This is not in the expected form."),
  before_today: bi("日期不能早于今天。", "The date cannot be before today."),
  in_future: bi("日期不能晚于今天。", "The date cannot be in the future."),
  end_before_start: bi("结束日期早于开始日期。", "The end date is before the start date."),
  not_after_end: bi("新的结束日期必须晚于原结束日期。", "The new end date must be after the current end date."),
  file_type: bi(
    "不接受这种类型的文件，未保存任何内容。可接受：",
    "That type of file is not accepted; nothing was stored. Accepted: ",
  ),
  file_too_large: bi("文件太大，未保存任何内容。上限：", "The file is too large; nothing was stored. The limit is "),
  file_store: bi(
    "本服务未配置证据文件存储，未保存任何内容。",
    "This service has no evidence file store; nothing was stored.",
  ),
  file_unreadable: bi(
    "无法读取该文件，未保存任何内容。请重新上传。",
    "The file could not be read; nothing was stored. Please upload it again.",
  ),
  no_account: bi(
    "您在这个聊天平台上没有账号，通知无法送到那里；未做任何更改。",
    "You have no account on that chat platform, so notices cannot reach you there; nothing was changed.",
  ),
  same_post: bi("调往岗位不能是原岗位。", "The destination post cannot be the post being left."),
} as const satisfies Record<string, Bilingual>;

export type InputProblem = keyof typeof INPUT_PROBLEMS;

export function isInputProblem(value: unknown): value is InputProblem {
  return typeof value === "string" && Object.hasOwn(INPUT_PROBLEMS, value);
}

/** The detail of an INVALID_INPUT for a use case's own check on one field. */
export function inputDetail(field: string, problem: InputProblem, reason?: string): ErrorDetail {
  return { field, problem, reason: reason ?? `${field}: ${problem}` };
}

function problemOf(issue: z.core.$ZodIssue): InputProblem {
  switch (issue.code) {
    case "invalid_type":
      return issue.expected === "number" ? "number" : "missing";
    case "too_big":
      return "too_long";
    case "too_small":
      return issue.origin === "string" && issue.minimum === 1 ? "missing" : "too_short";
    case "invalid_value":
      return "choice";
    case "invalid_format":
      return issue.format === "url" ? "https" : "format";
    case "invalid_union":
      // An evidence link is "" or an https URL: the URL branch's issue is the one that explains.
      return issue.errors.flat().some((i) => i.code === "invalid_format" && i.format === "url") ? "https" : "format";
    case "custom":
      return /date/i.test(issue.message) ? "date" : "format";
    default:
      return "format";
  }
}

/** The detail of an INVALID_INPUT from a schema's first issue. */
export function issueDetail(issue: z.core.$ZodIssue | undefined): ErrorDetail {
  if (!issue) return { problem: "format", reason: "invalid" };
  const where = issue.path.length > 0 ? issue.path.join(".") : "";
  const field = issue.path.find((p): p is string => typeof p === "string");
  return {
    ...(field ? { field } : {}),
    problem: problemOf(issue),
    reason: `${where ? where + ": " : ""}${issue.message}`,
  };
}
