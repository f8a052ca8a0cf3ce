// Long texts for tests of cards that must show the start of a text and keep the whole reachable:
// lines of prose, then one long line (no line end to split at), ending with a marker.
/** About `size` characters of prose in lines, then one long line, ending with a marker. */
export function longText(tag: string, size: number): string {
  const words = (n: number) =>
    Array.from({ length: n }, (_, i) => `${tag}-${i} counted the cash and checked voucher ${i * 7}.`).join(" ");
  let text = "";
  while (text.length < size / 2) text += `${words(6)}\n`;
  text += words(1000);
  const end = ` END-${tag}`;
  return text.slice(0, size - end.length).trimEnd() + end;
}

/** The same in Chinese (three bytes a character in UTF-8: what fills a Teams message fastest). */
export function longChinese(tag: string, size: number): string {
  const sentences = (n: number) =>
    Array.from({ length: n }, (_, i) => `${tag}第${i}条：清点库存现金，核对重要空白凭证${i * 7}张。`).join("");
  let text = "";
  while (text.length < size / 2) text += `${sentences(6)}\n`;
  text += sentences(1000);
  const end = ` END-${tag}`;
  return text.slice(0, size - end.length).trimEnd() + end;
}
