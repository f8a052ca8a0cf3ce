// profile.set_platform: a person with both a Slack and a Teams account chooses where Keypost's
// notices reach them (`platform teams`, `平台 slack`); each notice then goes there once, not to both
// (kernel/notify.ts `platformsOf`). A platform they have no account on is refused, naming the field,
// and nothing changes. Like the language, a holder on leave cannot change it (SUSPENDED). A change
// is logged; choosing the platform one already has changes (and logs) nothing.
import { z } from "zod";
import { DomainError } from "../../domain/errors.ts";
import { AppError } from "../kernel/app-error.ts";
import { inputDetail } from "../kernel/input-problem.ts";
import { bi } from "../../ports/locale.ts";
import { useCase } from "../kernel/use-case.ts";

export const CHAT_PLATFORMS = ["slack", "teams"] as const;
const NAME = { slack: "Slack", teams: "Microsoft Teams" } as const;

export const setPlatform = useCase({
  name: "profile.set_platform",
  input: z.object({ platform: z.enum(CHAT_PLATFORMS) }),
  async run(input, who, tx, env) {
    if (who.actor.onLeave) throw new DomainError("SUSPENDED");
    const accounts = new Set((await tx.people.identitiesOf(who.person.id)).map((i) => i.platform));
    if (!accounts.has(input.platform)) throw new AppError("INVALID_INPUT", inputDetail("platform", "no_account"));
    const name = NAME[input.platform];
    const message = bi(`Keypost 的通知将只发到 ${name}。`, `Keypost's notices now reach you on ${name} only.`);
    const { chosen } = await tx.people.platformPreference(who.person.id);
    if (chosen === input.platform) return { message };
    await tx.people.setPreferredPlatform(who.person.id, input.platform);
    await tx.log.append({
      at: env.now,
      actorId: who.person.id,
      platform: who.platform,
      action: "profile.platform_set",
      subjectType: "employee",
      subjectId: who.person.id,
      data: { from: chosen, to: input.platform },
    });
    return { message };
  },
});
