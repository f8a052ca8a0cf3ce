// profile.set_locale: a person chooses the language Keypost speaks to them. A personal preference,
// not an act of any role, so a holder on leave may change it too. A change is logged; choosing
// the language one already has changes (and logs) nothing.
import { z } from "zod";
import { bi, LOCALES } from "../i18n/locale.ts";
import { useCase } from "../kernel/use-case.ts";

export const setLocale = useCase({
  name: "profile.set_locale",
  input: z.object({ locale: z.enum(LOCALES) }),
  async run(input, who, tx, env) {
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
