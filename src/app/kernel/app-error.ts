// Codes the application adds to the domain's reason codes: input that does not parse, a chat user
// Keypost does not know. Every code has its sentence in both languages.
import { isReasonCode, type ErrorDetail, type ReasonCode } from "../../domain/errors.ts";
import { REASON_MESSAGES } from "../i18n/reason-messages.ts";
import { bi, type Bilingual } from "../../ports/locale.ts";
import { INPUT_PROBLEMS, isInputProblem } from "./input-problem.ts";

export const APP_CODES = ["INVALID_INPUT", "UNKNOWN_USER", "UNKNOWN_ACTION", "CALENDAR_MISSING"] as const;
export type AppCode = (typeof APP_CODES)[number];
export type Code = ReasonCode | AppCode;

const APP_MESSAGES: Record<AppCode, Bilingual> = {
  INVALID_INPUT: bi("输入有误：", "The input is not valid: "),
  UNKNOWN_USER: bi(
    "Keypost 不认识您的账号，请联系管理员在人员名册中登记。",
    "Keypost does not know your account. Ask an administrator to add you to the register.",
  ),
  UNKNOWN_ACTION: bi("这个按钮已失效。", "That button is no longer valid."),
  CALENDAR_MISSING: bi(
    "该机构还没有工作日历，无法计算工作日。请管理员先导入工作日历。",
    "That unit has no working-day calendar, so working days cannot be counted. Ask an administrator to import one.",
  ),
};

export class AppError extends Error {
  override readonly name = "AppError";
  constructor(
    readonly code: AppCode,
    readonly detail?: ErrorDetail,
  ) {
    super(detail === undefined ? code : `${code} ${JSON.stringify(detail)}`);
  }
}

/** People a NOT_FOUND may name (by the use case's `subject`, `reason` or `field`): the code typed is echoed. */
const PERSON_SUBJECTS = new Set(["employee", "person", "substitute", "witness", "incoming", "owner", "from", "to"]);
const POST_SUBJECTS = new Set(["post", "destinationPost"]);

/** A NOT_FOUND that names what was not found: "No employee with code E999", not "That item could not be found". */
function notFoundSentence(detail: ErrorDetail | undefined): Bilingual | undefined {
  if (!detail) return undefined;
  if (detail.reason === "post_vacant")
    return bi(
      "该岗位目前没有在岗人员，无法安排休假。",
      "That post has no holder at the moment, so no leave can be planned.",
    );
  const what = [detail.subject, detail.reason, detail.field].find((v) => typeof v === "string") as string | undefined;
  const code = typeof detail.code === "string" ? detail.code : typeof detail.person === "string" ? detail.person : "";
  if ((what !== undefined && PERSON_SUBJECTS.has(what)) || typeof detail.person === "string")
    return code
      ? bi(`找不到员工编号为“${code}”的在职员工。`, `No current employee has the code "${code}".`)
      : bi("找不到该员工。", "That employee could not be found.");
  if (what === "audit")
    return code
      ? bi(
          `找不到您可处理的离岗审计“${code}”（岗位编号或审计编号）。`,
          `No off-post audit "${code}" that you can act on (a post code or an audit id).`,
        )
      : bi("找不到该离岗审计。", "That off-post audit could not be found.");
  if (what !== undefined && POST_SUBJECTS.has(what))
    return code
      ? bi(`找不到岗位编号为“${code}”的岗位。`, `No post has the code "${code}".`)
      : bi("找不到该岗位。", "That post could not be found.");
  return undefined;
}

/** Refusals whose sentence carries numbers the use case gave (working days against the policy's minimum). */
function numberedSentence(code: Code, detail: ErrorDetail | undefined): Bilingual | undefined {
  if (code === "LEAVE_TOO_SHORT" && typeof detail?.workingDays === "number" && typeof detail.minimum === "number")
    return bi(
      `休假只有 ${detail.workingDays} 个工作日，制度要求至少连续 ${detail.minimum} 个工作日。`,
      `The leave has ${detail.workingDays} working days; the policy asks for at least ${detail.minimum} in a row.`,
    );
  if (
    code === "LEAD_TIME_TOO_SHORT" &&
    typeof detail?.leadWorkingDays === "number" &&
    typeof detail.minimum === "number"
  )
    return bi(
      `距开始只有 ${detail.leadWorkingDays} 个工作日，制度要求至少提前 ${detail.minimum} 个工作日通知合规部门。`,
      `Only ${detail.leadWorkingDays} working days before the start; compliance must be told ${detail.minimum} working days ahead.`,
    );
  return undefined;
}

/** The sentence for any code; INVALID_INPUT carries what was wrong in `detail.reason`. */
export function describeCode(code: Code, detail?: ErrorDetail): Bilingual {
  if (code === "NOT_FOUND") return notFoundSentence(detail) ?? REASON_MESSAGES[code];
  if (isReasonCode(code)) return numberedSentence(code, detail) ?? REASON_MESSAGES[code];
  const base = APP_MESSAGES[code];
  if (code === "INVALID_INPUT" && isInputProblem(detail?.problem)) {
    const problem = INPUT_PROBLEMS[detail.problem];
    // A refused file states the limit it broke (the size, or the accepted types).
    const limit = typeof detail.limit === "string" ? detail.limit : "";
    const end = limit ? (p: string, dot: string) => `${p}${limit}${dot}` : (p: string) => p;
    return bi(base["zh-CN"] + end(problem["zh-CN"], "。"), base.en + end(problem.en, "."));
  }
  const reason = detail?.reason;
  return typeof reason === "string" ? bi(base["zh-CN"] + reason, base.en + reason) : base;
}
