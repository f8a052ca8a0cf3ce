// The rotation area: its use cases, the buttons its cards carry, and the cards of a rotation and of
// a yearly plan. The sweep (rotation.mark_due) is a scheduler job, not a use case: see src/app/jobs/rotations-due.job.ts.
import type { AreaCatalog } from "../catalog.ts";
import { bind } from "../kernel/press-action.ts";
import type { UseCase } from "../kernel/use-case.ts";
import { approveRotationPlan } from "./approve-plan.ts";
import { approveRotation } from "./approve-rotation.ts";
import { cancelRotation } from "./cancel-rotation.ts";
import { draftRotationPlan } from "./draft-plan.ts";
import { notifyRotation } from "./notify-rotation.ts";
import { planRotation } from "./plan-rotation.ts";
import { rotationPlanCard } from "./rotation-plan.card.ts";
import { rotationCard } from "./rotation.card.ts";

const optional = (value: string | undefined) => (value === undefined || value.trim() === "" ? undefined : value);

export const rotationCatalog: AreaCatalog = {
  useCases: [
    draftRotationPlan,
    approveRotationPlan,
    planRotation,
    approveRotation,
    notifyRotation,
    cancelRotation,
  ] as UseCase<unknown>[],
  actions: {
    "rotation.plan": bind(planRotation, (token, values) => ({
      rotationId: token.subjectId,
      expectedVersion: token.subjectVersion,
      incoming: optional(values.incoming),
      plannedDate: values.plannedDate,
      destinationPost: optional(values.destinationPost),
    })),
    "rotation.approve": bind(approveRotation, (token) => ({
      rotationId: token.subjectId,
      expectedVersion: token.subjectVersion,
    })),
    "rotation.notify": bind(notifyRotation, (token, values) => ({
      rotationId: token.subjectId,
      expectedVersion: token.subjectVersion,
      witness: optional(values.witness),
    })),
    "rotation.cancel": bind(cancelRotation, (token, values) => ({
      rotationId: token.subjectId,
      expectedVersion: token.subjectVersion,
      reason: values.reason ?? "",
    })),
    "rotation.approve_plan": bind(approveRotationPlan, (token) => ({
      planId: token.subjectId,
      expectedVersion: token.subjectVersion,
    })),
  },
  cards: { rotation: rotationCard, rotation_plan: rotationPlanCard },
};
