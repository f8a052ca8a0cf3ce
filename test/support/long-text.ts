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
