// What a person is told when the gate refuses them (in their Teams client's language, since
// Keypost may not know them).
import { describeCode } from "../../../src/app/kernel/app-error.ts";
import { pick, type Locale } from "../../../src/ports/locale.ts";
import type { IncomingActivity } from "../activity.schema.ts";
import { clientLocale } from "../teams-errors.ts";
import type { GateRefusal } from "../teams-gate.ts";
import { MSG } from "../teams-messages.ts";

export function gateSentence(refusal: GateRefusal, activity: IncomingActivity, orgLocale: Locale): string {
  const locale = clientLocale(activity.locale, orgLocale);
  if (refusal === "tenant_not_allowed") return pick(MSG.tenantRefused, locale);
  return pick(describeCode("UNKNOWN_USER"), locale);
}
