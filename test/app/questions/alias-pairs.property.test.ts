// The unit finder's pre-filter (alias-pairs.ts): for any list of aliases and any text, every alias
// that stands in the text is among those picked, and the picked keep the list's order — so the
// finder, which takes the first alias of the list that stands in the text, finds the same one.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aliasesIn } from "../../../src/app/questions/alias-pairs.ts";

// Few letters, Chinese and Latin, so that generated aliases often stand in generated texts.
const letter = fc.constantFrom("a", "b", "c", "-", " ", "浦", "东", "支", "行", "𠀀");
const word = (min: number, max: number) =>
  fc.array(letter, { minLength: min, maxLength: max }).map((cs) => cs.join(""));
const lists = fc.array(word(1, 5), { maxLength: 40 }).map((texts) => texts.map((text, code) => ({ text, code })));

describe("aliasesIn", () => {
  it("picks every alias standing in the text, in the list's order", () => {
    fc.assert(
      fc.property(lists, word(0, 24), (aliases, text) => {
        const picked = aliasesIn(text, aliases);
        const positions = picked.map((a) => aliases.indexOf(a));
        expect(positions).toEqual([...positions].sort((x, y) => x - y));
        expect(new Set(positions).size).toBe(positions.length);
        for (const alias of aliases) if (text.includes(alias.text)) expect(picked).toContain(alias);
      }),
      { numRuns: 2000 },
    );
  });

  it("leaves out the aliases whose first two characters are not in the text", () => {
    const aliases = [{ text: "pudong" }, { text: "浦东支行" }, { text: "xuhui" }, { text: "p" }];
    expect(aliasesIn("who is on leave at pudong", aliases).map((a) => a.text)).toEqual(["pudong", "p"]);
    expect(aliasesIn("浦东支行谁在休假", aliases).map((a) => a.text)).toEqual(["浦东支行", "p"]);
  });

  it("answers from the same index for the same list, and a new list gets its own", () => {
    const first = [{ text: "ab" }, { text: "cd" }];
    expect(aliasesIn("xcdx", first)).toEqual([{ text: "cd" }]);
    const second = [{ text: "cd" }, { text: "ab" }];
    expect(aliasesIn("ab", second)).toEqual([{ text: "ab" }]);
    expect(aliasesIn("ab", first)).toEqual([{ text: "ab" }]);
  });
});
