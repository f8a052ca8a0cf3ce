// Codes the application adds to the domain's reason codes: input that does not parse, a chat user
// Keypost does not know. Every code has its sentence in both languages.
import { isReasonCode, type ErrorDetail, type ReasonCode } from "../../domain/errors.ts";
import { REASON_MESSAGES } from "../i18n/reason-messages.ts";
import { bi, type Bilingual } from "../i18n/locale.ts";

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

/** The sentence for any code; INVALID_INPUT carries what was wrong in `detail.reason`. */
export function describeCode(code: Code, detail?: ErrorDetail): Bilingual {
  if (isReasonCode(code)) return REASON_MESSAGES[code];
  const base = APP_MESSAGES[code];
  const reason = detail?.reason;
  return typeof reason === "string" ? bi(base["zh-CN"] + reason, base.en + reason) : base;
}
