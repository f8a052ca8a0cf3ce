// People as an answer names them, in the reader's language: "杨超 E026" in Chinese, "Chao Yang
// (E026)" in English — the register's English name, or the code alone when it has none, so no
// Chinese shows in an English answer. One read of the English names per answer (by code).
import { bi, type Bilingual } from "../../ports/locale.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { personLabel } from "../people/person-label.ts";

export interface Named {
  readonly code: string;
  readonly name: string;
}

export class EnglishNames {
  readonly #known = new Map<string, string | null>();

  constructor(private readonly tx: TxPorts) {}

  /** Reads the English names of these people (codes) not read yet. */
  async load(codes: Iterable<string>): Promise<this> {
    const missing = [...new Set(codes)].filter((c) => !this.#known.has(c));
    if (missing.length === 0) return this;
    const found = await this.tx.questions.englishNames(missing);
    for (const code of missing) this.#known.set(code, found.get(code) ?? null);
    return this;
  }

  /** "杨超（E026）" / "Chao Yang (E026)": the one person label (people/person-label.ts). */
  label(p: Named): Bilingual {
    const nameEn = this.#known.get(p.code) ?? null;
    return p.name
      ? personLabel({ name: p.name, nameEn, code: p.code })
      : bi(p.code, nameEn ? `${nameEn} (${p.code})` : p.code);
  }

  /** Several people in one cell. */
  labels(people: readonly Named[]): Bilingual {
    if (people.length === 0) return bi("—", "—");
    const each = people.map((p) => this.label(p));
    return bi(each.map((l) => l["zh-CN"]).join("，"), each.map((l) => l.en).join(", "));
  }
}
