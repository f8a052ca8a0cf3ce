// The leave area: its use cases, the buttons its cards carry, and its card builder.
import type { AreaCatalog } from "../catalog.ts";
import { bind } from "../kernel/press-action.ts";
import type { UseCase } from "../kernel/use-case.ts";
import { acknowledgeLeave } from "./acknowledge-leave.ts";
import { assignSubstitute } from "./assign-substitute.ts";
import { beginLeaveAudit } from "./begin-audit.ts";
import { cancelLeave } from "./cancel-leave.ts";
import { closeLeaveCase } from "./close-leave.ts";
import { extendLeave } from "./extend-leave.ts";
import { leaveCardBuilder } from "./leave.cards.ts";
import { planLeave } from "./plan-leave.ts";
import { recordComplianceNotice } from "./record-compliance-notice.ts";
import { returnLeave } from "./return-leave.ts";
import { startLeave } from "./start-leave.ts";

export const LEAVE_USE_CASES = [
  planLeave,
  assignSubstitute,
  recordComplianceNotice,
  acknowledgeLeave,
  startLeave,
  beginLeaveAudit,
  extendLeave,
  returnLeave,
  closeLeaveCase,
  cancelLeave,
] as unknown as readonly UseCase<unknown>[];

export const leaveCatalog: AreaCatalog = {
  useCases: LEAVE_USE_CASES,
  actions: {
    "leave.record_compliance_notice": bind(recordComplianceNotice, (token) => ({ leaveId: token.subjectId })),
    "leave.acknowledge": bind(acknowledgeLeave, (token) => ({ leaveId: token.subjectId })),
    "leave.assign_substitute": bind(assignSubstitute, (token, values) => ({
      leaveId: token.subjectId,
      substitute: values.substitute,
      expectedVersion: token.subjectVersion,
    })),
    "leave.start": bind(startLeave, (token) => ({ leaveId: token.subjectId, expectedVersion: token.subjectVersion })),
    "leave.extend": bind(extendLeave, (token, values) => ({
      leaveId: token.subjectId,
      endDate: values.endDate,
      reason: values.reason ?? "",
      expectedVersion: token.subjectVersion,
    })),
    "leave.return": bind(returnLeave, (token) => ({ leaveId: token.subjectId, expectedVersion: token.subjectVersion })),
    "leave.cancel": bind(cancelLeave, (token, values) => ({
      leaveId: token.subjectId,
      reason: values.reason ?? "",
      expectedVersion: token.subjectVersion,
    })),
  },
  cards: { leave: leaveCardBuilder },
};
