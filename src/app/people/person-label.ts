// The one way a person is named to a reader: "张伟（E005）" in Chinese, "Wei Zhang (E005)" in English.
// A person with no English name in the register is their code alone in English ("E005"): English
// text carries no Chinese (the language rule every surface is tested against). Every card, answer,
// report and notice names people through this, so a person reads the same everywhere.
import { bi, type Bilingual } from "../../ports/locale.ts";
import type { Person } from "../../ports/people-repository.ts";

export type Named = Pick<Person, "name" | "nameEn" | "code">;

export function personLabel(person: Named): Bilingual {
  return bi(`${person.name}（${person.code}）`, person.nameEn ? `${person.nameEn} (${person.code})` : person.code);
}
