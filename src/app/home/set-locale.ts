// profile.set_locale: a person chooses the language Keypost speaks to them. A holder on leave can
// do nothing but acknowledge and answer their audit — settings included (issue #17): refused as
// SUSPENDED, which the kernel logs and tells compliance. A change is logged; choosing the language
// one already has changes (and logs) nothing.
import { z } from "zod";
import { DomainError } from "../../domain/errors.ts";
import { bi, LOCALES } from "../../ports/locale.ts";
import { useCase } from "../kernel/use-case.ts";

export const setLocale = useCase({
  name: "profile.set_locale",
  input: z.object({ locale: z.enum(LOCALES) }),
  async run(input, who, tx, env) {
    if (who.actor.onLeave) throw new DomainError("SUSPENDED");
    const message =
      input.locale === "en"
        ? bi("界面语言已设为 English。", "Keypost now speaks English to you.")
        : bi("Keypost 将使用简体中文与您交流。", "Your language is now Simplified Chinese (简体中文).");
    if (who.person.locale === input.locale) return { message };
    await tx.people.setLocale(who.person.id, input.locale);
    await tx.log.append({
      at: env.now,
      actorId: who.person.id,
      platform: who.platform,
      action: "profile.locale_set",
      subjectType: "employee",
      subjectId: who.person.id,
      data: { from: who.person.locale, to: input.locale },
    });
    return { message };
  },
});
