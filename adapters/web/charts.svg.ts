// Charts as server-rendered SVG: no script, no library to load, readable by a screen reader
// (role="img", a title, and the same numbers in the table next to it), and each mark carries its
// numbers in data-* attributes so a test can read exactly what is drawn (docs/decisions.md 20.2).
import type { Figure } from "../../src/app/reports/report-context.ts";
import { html, type Html } from "./html.ts";

export interface Bar {
  readonly key: string;
  readonly label: string;
  readonly figure: Figure;
}

const pct = (f: Figure): string => (f.ratio === null ? "—" : `${(f.ratio * 100).toFixed(1)}%`);

/** Horizontal bars, one per unit: the ratio as the bar's length, "n / d" beside it. */
export function barChart(id: string, title: string, bars: readonly Bar[], empty: string): Html {
  if (bars.length === 0) return html`<p class="muted" data-chart="${id}">${empty}</p>`;
  const row = 26;
  const labelW = 150;
  const barW = 260;
  const height = Math.max(1, bars.length) * row + 8;
  return html`<svg
    class="chart"
    id="${id}"
    data-chart="${id}"
    role="img"
    aria-labelledby="${id}-t"
    viewBox="0 0 ${labelW + barW + 110} ${height}"
    preserveAspectRatio="xMinYMin meet"
  >
    <title id="${id}-t">${title}</title>
    ${bars.map((b, i) => {
      const y = 4 + i * row;
      const w = b.figure.ratio === null ? 0 : Math.round(b.figure.ratio * barW);
      return html`<g
        class="bar"
        data-key="${b.key}"
        data-numerator="${b.figure.numerator}"
        data-denominator="${b.figure.denominator}"
        data-ratio="${b.figure.ratio === null ? "" : String(b.figure.ratio)}"
      >
        <text x="${labelW - 6}" y="${y + 16}" text-anchor="end">${b.label}</text>
        <rect x="${labelW}" y="${y + 3}" width="${barW}" height="18" class="track"></rect>
        <rect x="${labelW}" y="${y + 3}" width="${w}" height="18" class="fill"></rect>
        <text x="${labelW + barW + 6}" y="${y + 16}"
          >${pct(b.figure)} (${b.figure.numerator}/${b.figure.denominator})</text
        >
      </g>`;
    })}
  </svg>`;
}

export interface Point {
  readonly label: string;
  readonly figure: Figure;
}

/** A line over months, 0–100 %; a point without a denominator is left out of the line. */
export function lineChart(id: string, title: string, points: readonly Point[], empty: string): Html {
  if (points.every((p) => p.figure.ratio === null)) return html`<p class="muted" data-chart="${id}">${empty}</p>`;
  const w = 520;
  const h = 200;
  const left = 40;
  const top = 10;
  const plotW = w - left - 20;
  const plotH = h - top - 40;
  const x = (i: number) => left + (points.length <= 1 ? 0 : (i * plotW) / (points.length - 1));
  const y = (r: number) => top + plotH - r * plotH;
  const line = points
    .map((p, i) => (p.figure.ratio === null ? null : `${x(i).toFixed(1)},${y(p.figure.ratio).toFixed(1)}`))
    .filter((s) => s !== null)
    .join(" ");
  return html`<svg
    class="chart"
    id="${id}"
    data-chart="${id}"
    role="img"
    aria-labelledby="${id}-t"
    viewBox="0 0 ${w} ${h}"
    preserveAspectRatio="xMinYMin meet"
  >
    <title id="${id}-t">${title}</title>
    ${[0, 0.5, 1].map((r) => html`<line class="grid" x1="${left}" x2="${left + plotW}" y1="${y(r)}" y2="${y(r)}"></line><text class="axis" x="${left - 4}" y="${y(r) + 4}" text-anchor="end">${r * 100}%</text>`)}
    <polyline class="line" points="${line}"></polyline>
    ${points.map(
      (p, i) =>
        html`<g
          class="point"
          data-key="${p.label}"
          data-numerator="${p.figure.numerator}"
          data-denominator="${p.figure.denominator}"
          data-ratio="${p.figure.ratio === null ? "" : String(p.figure.ratio)}"
          >${p.figure.ratio === null ? "" : html`<circle cx="${x(i)}" cy="${y(p.figure.ratio)}" r="3"><title>${p.label}: ${pct(p.figure)} (${p.figure.numerator}/${p.figure.denominator})</title></circle>`}${i % 2 === (points.length - 1) % 2 ? html`<text class="axis" x="${x(i)}" y="${h - 18}" text-anchor="middle">${p.label}</text>` : ""}</g
        >`,
    )}
  </svg>`;
}

export { pct };
