// The page shell: language, skip link, navigation, the language switch and sign-out (plain forms,
// no script), and one small stylesheet written for contrast (WCAG AA), visible keyboard focus and
// a narrow phone screen (tables scroll sideways inside their own box).
import { pick, type Locale } from "../../src/ports/locale.ts";
import { html, raw, type Html } from "./html.ts";
import { MSG } from "./web-messages.ts";

const CSS = raw(`
:root{--fg:#1a1a1a;--muted:#4a4a4a;--bg:#fff;--line:#c8c8c8;--accent:#0b5cad;--fill:#0b5cad;--track:#e6eef7;--warn:#a4000f}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}
a:focus,button:focus,select:focus,input:focus{outline:3px solid #f0a000;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:2}
header{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;padding:8px 16px;border-bottom:1px solid var(--line)}
header .brand{font-weight:700;margin-right:auto}
nav ul{display:flex;flex-wrap:wrap;gap:4px 16px;list-style:none;margin:0;padding:0}
nav a[aria-current=page]{font-weight:700;text-decoration:none;color:var(--fg)}
header form{display:inline;margin:0}
button{font:inherit;padding:4px 12px;border:1px solid var(--accent);background:#fff;color:var(--accent);border-radius:4px;cursor:pointer}
button.primary{background:var(--accent);color:#fff}
a.button{display:inline-block;padding:4px 12px;border:1px solid var(--accent);border-radius:4px;text-decoration:none}
a.button.primary{background:var(--accent);color:#fff}
main{padding:16px;max-width:1100px;margin:0 auto}
h1{font-size:1.5rem;margin:0 0 4px}h2{font-size:1.2rem;margin:24px 0 8px}
.asof{color:var(--muted);margin:0 0 16px}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:12px}
.tile{border:1px solid var(--line);border-radius:6px;padding:12px}
.tile .value{font-size:1.8rem;font-weight:700}
.tile .hint{color:var(--muted);font-size:.875rem}
.scroll{overflow-x:auto;border:1px solid var(--line);border-radius:6px}
table{border-collapse:collapse;width:100%;font-size:.95rem}
caption{text-align:left;padding:6px 8px;font-weight:600}
th,td{padding:6px 8px;border-top:1px solid var(--line);text-align:left;white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.csv{display:inline-block;margin:6px 0 0}
.pager{display:flex;flex-wrap:wrap;gap:12px;align-items:center;margin:6px 0}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:16px}
figure{margin:0;border:1px solid var(--line);border-radius:6px;padding:8px}
figcaption{font-weight:600;margin-bottom:4px}
svg.chart{width:100%;height:auto;font-size:12px}svg.bars{font-size:14px}
svg .fill{fill:var(--fill)}svg .track{fill:var(--track)}svg text{fill:var(--fg)}
svg .line{fill:none;stroke:var(--fill);stroke-width:2}svg circle{fill:var(--fill)}
svg .grid{stroke:var(--line)}svg .axis{fill:var(--muted);font-size:11px}
.notice{border-left:4px solid var(--warn);padding:8px 12px;background:#fff4f4}
.muted{color:var(--muted)}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0 0 12px}dl.facts dt{font-weight:600}dl.facts dd{margin:0}
.verdict.ok{border-left:4px solid #1b6e20;padding:8px 12px;background:#f0f8f0}
p.text{white-space:pre-wrap;max-width:70ch}code{word-break:break-all}
`);

export interface Shell {
  readonly locale: Locale;
  readonly title: string;
  /** The nav entry of this page, when it is one. */
  readonly current?: "overview" | "warnings" | "trend";
  /** Shown signed in: nav, language switch, sign-out. */
  readonly signedIn: boolean;
  /** Where the language switch comes back to. */
  readonly back?: string;
}

export function page(shell: Shell, body: Html): string {
  const t = (b: Parameters<typeof pick>[0]) => pick(b, shell.locale);
  const cur = (k: Shell["current"]) => (shell.current === k ? raw(' aria-current="page"') : "");
  const other = shell.locale === "en" ? "zh-CN" : "en";
  const chrome = shell.signedIn
    ? html`<nav aria-label="${t(MSG.product)}">
          <ul>
            <li><a href="/app" ${cur("overview")}>${t(MSG.navOverview)}</a></li>
            <li><a href="/app/warnings" ${cur("warnings")}>${t(MSG.navWarnings)}</a></li>
            <li><a href="/app/trend" ${cur("trend")}>${t(MSG.navTrend)}</a></li>
          </ul>
        </nav>
        <form method="post" action="/app/lang">
          <input type="hidden" name="locale" value="${other}" /><input
            type="hidden"
            name="back"
            value="${shell.back ?? "/app"}"
          /><button type="submit" lang="${other}" aria-label="${t(MSG.language)}: ${t(MSG.switchTo)}">
            ${t(MSG.switchTo)}
          </button>
        </form>
        <form method="post" action="/app/sign-out"><button type="submit">${t(MSG.signOut)}</button></form>`
    : "";
  return html`<!doctype html>
    <html lang="${shell.locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${shell.title} · ${t(MSG.product)}</title>
        <style>
          ${CSS}
        </style>
      </head>
      <body>
        <a class="skip" href="#main">${t(MSG.skip)}</a>
        <header><span class="brand">${t(MSG.product)}</span>${chrome}</header>
        <main id="main">${body}</main>
      </body>
    </html>`.text;
}
