// The forms a chat command opens (`leave`, `event`) and where their values go. A form's values
// arrive as strings named by its inputs; the use case parses and checks everything again.
import { LEAVE_KINDS, LEAVE_TRIGGERS } from "../../domain/leave/leave.machine.ts";
import { MAJOR_EVENT_KINDS } from "../../domain/major-event/major-event.machine.ts";
import type { CardInput } from "../../ports/card.ts";
import { bi, type Bilingual } from "../../ports/locale.ts";
import { execute, type Kernel } from "../kernel/execute.ts";
import { refusal } from "../kernel/execute.ts";
import type { Outcome } from "../kernel/outcome.ts";
import type { Invocation, UseCase } from "../kernel/use-case.ts";
import { TRIGGER_LABEL } from "../leave/leave-card-parts.ts";
import { planLeave } from "../leave/plan-leave.ts";
import { KIND_LABEL } from "../major-event/major-event.card.ts";
import { fileMajorEvent } from "../major-event/file-major-event.ts";

export const CHAT_FORM_IDS = ["leave.plan", "major_event.file"] as const;
export type ChatFormId = (typeof CHAT_FORM_IDS)[number];

export function isChatFormId(value: unknown): value is ChatFormId {
  return typeof value === "string" && (CHAT_FORM_IDS as readonly string[]).includes(value);
}

type Values = Readonly<Record<string, string>>;

interface FormSpec {
  readonly title: Bilingual;
  readonly inputs: readonly CardInput[];
  readonly useCase: UseCase<unknown>;
  /** The use case's raw input from the values; `requestId` makes a repeated submission count once where the use case supports it. */
  toInput(values: Values, requestId: string | undefined): unknown;
}

const LEAVE_KIND_LABEL = {
  regular: bi("定期（例行）", "Regular"),
  triggered: bi("触发（专项）", "Triggered"),
} as const;

const optional = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === "" ? undefined : value.trim();

export const CHAT_FORMS: Readonly<Record<ChatFormId, FormSpec>> = {
  "leave.plan": {
    title: bi("安排强制休假", "Plan a mandatory leave"),
    inputs: [
      { name: "post", kind: "post", label: bi("岗位", "Post"), required: true, maxLength: 64 },
      { name: "startDate", kind: "date", label: bi("开始日期", "Start date"), required: true },
      { name: "endDate", kind: "date", label: bi("结束日期", "End date"), required: true },
      {
        name: "kind",
        kind: "select",
        label: bi("类型", "Kind"),
        required: true,
        options: LEAVE_KINDS.map((k) => ({ value: k, label: LEAVE_KIND_LABEL[k] })),
      },
      {
        name: "trigger",
        kind: "select",
        label: bi("原因类别", "Trigger"),
        required: false,
        options: LEAVE_TRIGGERS.map((t) => ({ value: t, label: TRIGGER_LABEL[t] })),
      },
      {
        name: "substitute",
        kind: "person",
        label: bi("代岗人", "Substitute"),
        required: false,
        maxLength: 64,
      },
      { name: "reason", kind: "textarea", label: bi("说明", "Reason"), required: false, maxLength: 2000 },
    ],
    useCase: planLeave as UseCase<unknown>,
    toInput: (v, requestId) => ({
      post: v.post,
      startDate: v.startDate,
      endDate: v.endDate,
      kind: v.kind,
      ...(optional(v.trigger) ? { trigger: optional(v.trigger) } : {}),
      ...(optional(v.substitute) ? { substitute: optional(v.substitute) } : {}),
      ...(optional(v.reason) ? { reason: optional(v.reason) } : {}),
      ...(requestId ? { requestId } : {}),
    }),
  },
  "major_event.file": {
    title: bi("报告重大事项", "Report a major personal event"),
    inputs: [
      {
        name: "kind",
        kind: "select",
        label: bi("事项类型", "Kind"),
        required: true,
        options: MAJOR_EVENT_KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] })),
      },
      { name: "occurredOn", kind: "date", label: bi("发生日期", "Date it happened"), required: true },
      {
        name: "description",
        kind: "textarea",
        label: bi("情况说明", "What happened"),
        required: true,
        maxLength: 2000,
      },
    ],
    useCase: fileMajorEvent as UseCase<unknown>,
    toInput: (v) => ({ kind: v.kind, occurredOn: v.occurredOn, description: v.description }),
  },
};

/** Runs the use case behind a submitted chat form as the person. */
export async function submitChatForm(
  kernel: Kernel,
  id: unknown,
  values: Values,
  invocation: Invocation,
  requestId?: string,
): Promise<Outcome> {
  if (!isChatFormId(id)) return refusal("UNKNOWN_ACTION");
  const spec = CHAT_FORMS[id];
  return execute(kernel, spec.useCase, spec.toInput(values, requestId), invocation);
}
