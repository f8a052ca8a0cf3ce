// The web dashboard (/app on the service's one HTTP server): sign-in by one-time link, then
// server-rendered pages built from the app layer's dashboard queries — the same report functions
// as `keypost export` and the bot, run as the signed-in person, so scope and secrecy are theirs.
// The adapter only parses the request, finds the session and turns pages and refusals into HTML.
import type { IncomingMessage, ServerResponse } from "node:http";
import { sharedReads } from "../../src/app/dashboard/shared-reads.ts";
import { checkSignInLink, redeemSignInLink, sessionPerson, signOut } from "../../src/app/dashboard/sign-in-link.ts";
import { isLocale, pick, type Locale } from "../../src/ports/locale.ts";
import { setLocale } from "../../src/app/home/set-locale.ts";
import { execute, identify, type Kernel } from "../../src/app/kernel/execute.ts";
import { AppError, describeCode } from "../../src/app/kernel/app-error.ts";
import type { Who } from "../../src/app/kernel/use-case.ts";
import { EVIDENCE_PATH, evidencePackAccess } from "../../src/app/records/evidence-pack-link.ts";
import { DomainError } from "../../src/domain/errors.ts";
import type { ReportDeps } from "../../src/app/reports/report-context.ts";
import { REPORT_ROLES } from "../../src/app/reports/report-scope.ts";
import type { Route } from "../../src/infra/http/server.ts";
import type { Logger } from "../../src/infra/logger.ts";
import { html, type Html } from "./html.ts";
import { page } from "./layout.ts";
import type { DashboardRecords } from "../../src/ports/dashboard-records.ts";
import { auditPage } from "./pages/audit.page.ts";
import { logPage } from "./pages/log.page.ts";
import { overviewPage } from "./pages/overview.page.ts";
import { postPage } from "./pages/post.page.ts";
import type { Page, PageContext } from "./pages/page-context.ts";
import { trendPage } from "./pages/trend.page.ts";
import { unitPage } from "./pages/unit.page.ts";
import { warningsPage } from "./pages/warnings.page.ts";
import { MSG } from "./web-messages.ts";
import { renderTable, tableCsv } from "./web-table.ts";
import { clearSessionCookie, sessionCookie, sessionFromCookie } from "./web-cookies.ts";
import { readForm } from "./web-form.ts";
import { OIDC_CALLBACK, OIDC_START, type OidcSignIn } from "./web-oidc.ts";
import { openOidcSession } from "../../src/app/dashboard/oidc-sign-in.ts";

export const WEB_BASE = "/app";

const PAGES: Readonly<Record<string, Page>> = {
  "/app": overviewPage,
  "/app/warnings": warningsPage,
  "/app/trend": trendPage,
  "/app/unit": unitPage,
  "/app/post": postPage,
  "/app/audit": auditPage,
  "/app/log": logPage,
};

export interface WebOptions {
  readonly kernel: Kernel;
  readonly reports: ReportDeps;
  /** Audit records, evidence packs and the audit log (src/infra/records/dashboard-records.ts). */
  readonly records: DashboardRecords;
  readonly log: Logger;
  /** Mark the session cookie Secure (the public URL is https). */
  readonly secureCookie: boolean;
  /** Builds an audit's evidence pack in a language (the composition root binds the database and the signing key). */
  readonly evidencePack?: (auditId: string, locale: Locale) => Promise<{ readonly zip: Uint8Array }>;
  /** OpenID Connect sign-in, when configured (web-oidc.ts). */
  readonly oidc?: OidcSignIn;
}

const HEADERS = {
  "content-security-policy":
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

function send(res: ServerResponse, status: number, body: string, type = "text/html; charset=utf-8", extra = {}): void {
  res.writeHead(status, { ...HEADERS, "content-type": type, "content-length": Buffer.byteLength(body), ...extra });
  res.end(body);
}

function redirect(res: ServerResponse, to: string, extra: Record<string, string | string[]> = {}): void {
  res.writeHead(303, { ...HEADERS, location: to, ...extra });
  res.end();
}

/** A page with one sentence (refusals, sign-in), in the person's language. */
function notice(res: ServerResponse, status: number, locale: Locale, title: string, body: Html): void {
  send(
    res,
    status,
    page(
      { locale, title, signedIn: false },
      html`<h1>${title}</h1>
        ${body}`,
    ),
  );
}

/** Only same-origin forms may post (SameSite=Lax already keeps the cookie off cross-site posts). */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  return origin === undefined || origin === "null" || new URL(origin).host === req.headers.host;
}

export function createWebAdapter(options: WebOptions): Route[] {
  const { kernel, reports, log } = options;

  async function signInPage(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const token = url.searchParams.get("token") ?? "";
    const next = url.searchParams.get("next") ?? "";
    const check = await checkSignInLink(kernel, token);
    const t = (b: Parameters<typeof pick>[0]) => pick(b, check.locale);
    if (check.state !== "valid") return refuseLink(res, check.state, check.locale);
    // Opening the link shows a button; only pressing it uses the link, so a link preview
    // (a chat client fetching the URL) cannot spend it.
    notice(
      res,
      200,
      check.locale,
      t(MSG.signInTitle),
      html`<p>${t(MSG.signInNote)}</p>
        <form method="post" action="/app/sign-in">
          <input type="hidden" name="token" value="${token}" /><input
            type="hidden"
            name="next"
            value="${EVIDENCE_PATH.test(next) ? next : ""}"
          /><button class="primary" type="submit" autofocus>${t(MSG.signInButton)}</button>
        </form>`,
    );
  }

  function refuseLink(res: ServerResponse, state: "unknown" | "expired" | "used", locale: Locale): void {
    const text = state === "expired" ? MSG.linkExpired : state === "used" ? MSG.linkUsed : MSG.linkUnknown;
    notice(
      res,
      410,
      locale,
      pick(MSG.signInTitle, locale),
      html`<p class="notice" role="alert" data-refusal="${state}">${pick(text, locale)}</p>`,
    );
  }

  async function signIn(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = await readForm(req);
    const redeemed = await redeemSignInLink(kernel, form.get("token") ?? "");
    if (!redeemed.ok) {
      log.info("dashboard: sign-in refused", { refusal: redeemed.refusal });
      return refuseLink(res, redeemed.refusal, redeemed.locale);
    }
    log.info("dashboard: signed in", { personId: redeemed.personId });
    // A link to an evidence pack lands on its download; anything else on the dashboard.
    const next = form.get("next") ?? "";
    redirect(res, EVIDENCE_PATH.test(next) ? next : WEB_BASE, {
      "set-cookie": sessionCookie(redeemed.sessionToken, options.secureCookie),
    });
  }

  /** OpenID Connect: off to the identity provider, and back with a verified claim (web-oidc.ts). */
  async function oidcStart(res: ServerResponse, oidc: OidcSignIn): Promise<void> {
    const { location, cookie } = await oidc.start();
    redirect(res, location, { "set-cookie": cookie });
  }

  async function oidcCallback(req: IncomingMessage, res: ServerResponse, oidc: OidcSignIn): Promise<void> {
    const locale = kernel.orgLocale;
    res.setHeader("set-cookie", oidc.clearCookie());
    const outcome = await oidc.finish(req.url ?? OIDC_CALLBACK, req.headers.cookie);
    if (!outcome.ok) {
      log.info("dashboard: oidc sign-in refused", { code: outcome.code });
      return notice(
        res,
        400,
        locale,
        pick(MSG.signInTitle, locale),
        html`<p class="notice" role="alert" data-refusal="oidc">${pick(MSG.oidcFailed, locale)}</p>`,
      );
    }
    const opened = await openOidcSession(kernel, oidc.claim, outcome.claim);
    if (!opened.ok) {
      log.info("dashboard: oidc sign-in refused", { code: "UNKNOWN_PERSON" });
      return notice(
        res,
        403,
        opened.locale,
        pick(MSG.signInTitle, opened.locale),
        html`<p class="notice" role="alert" data-refusal="unknown_person">
          ${pick(MSG.oidcUnknownPerson, opened.locale)}
        </p>`,
      );
    }
    log.info("dashboard: signed in", { personId: opened.personId, via: "oidc" });
    redirect(res, WEB_BASE, {
      "set-cookie": [oidc.clearCookie(), sessionCookie(opened.sessionToken, options.secureCookie)],
    });
  }

  async function signedIn(req: IncomingMessage): Promise<{ personId: string; token: string } | undefined> {
    const token = sessionFromCookie(req.headers.cookie);
    if (token === undefined) return undefined;
    const personId = await sessionPerson(kernel, token);
    return personId === undefined ? undefined : { personId, token };
  }

  /** The evidence pack of one audit, checked again as the signed-in person (compliance over its unit, its team). */
  async function evidenceDownload(res: ServerResponse, who: Who, auditId: string): Promise<void> {
    const locale = who.locale;
    if (!options.evidencePack) return notice(res, 404, locale, pick(MSG.notFound, locale), html``);
    try {
      await kernel.uow.read((tx) => evidencePackAccess(tx, who, auditId, kernel.clock.now()));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      log.info("dashboard: evidence pack refused", { code: error.code, personId: who.person.id });
      const status = error.code === "NOT_FOUND" ? 404 : 403;
      return notice(res, status, locale, pick(describeCode(error.code, error.detail), locale), html``);
    }
    const built = await options.evidencePack(auditId, locale);
    log.info("dashboard: evidence pack downloaded", { auditId, personId: who.person.id });
    res.writeHead(200, {
      ...HEADERS,
      "content-type": "application/zip",
      "content-length": built.zip.length,
      "content-disposition": `attachment; filename="evidence-audit-${auditId}.zip"`,
    });
    res.end(Buffer.from(built.zip));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://dashboard.invalid");
    const path = url.pathname.replace(/\/+$/, "") || WEB_BASE;
    if (req.method === "POST" && !sameOrigin(req)) return send(res, 403, "forbidden", "text/plain; charset=utf-8");
    if (path === "/app/sign-in") return req.method === "POST" ? signIn(req, res) : signInPage(req, res, url);
    if (req.method === "GET" && (path === OIDC_START || path === OIDC_CALLBACK)) {
      if (!options.oidc) return notice(res, 404, kernel.orgLocale, pick(MSG.notFound, kernel.orgLocale), html``);
      return path === OIDC_START ? oidcStart(res, options.oidc) : oidcCallback(req, res, options.oidc);
    }

    const session = await signedIn(req);
    if (!session) {
      const locale = kernel.orgLocale;
      return notice(
        res,
        401,
        locale,
        pick(MSG.signInTitle, locale),
        html`<p class="notice" role="alert">${pick(MSG.sessionNeeded, locale)}</p>
          ${options.oidc ? html`<p><a class="button primary" href="${OIDC_START}">${pick(MSG.oidcButton, locale)}</a></p>` : ""}`,
      );
    }
    let who;
    try {
      who = await kernel.uow.read((tx) => identify(tx, session.personId, kernel.orgLocale, "web"));
    } catch (error) {
      if (error instanceof AppError)
        return notice(res, 403, kernel.orgLocale, pick(MSG.notAuthorised, kernel.orgLocale), html``);
      throw error;
    }
    const locale = who.locale;
    if (req.method === "POST" && path === "/app/sign-out") {
      await signOut(kernel, session.token);
      res.setHeader("set-cookie", clearSessionCookie(options.secureCookie));
      return notice(res, 200, locale, pick(MSG.signOut, locale), html`<p>${pick(MSG.signedOut, locale)}</p>`);
    }
    if (req.method === "POST" && path === "/app/lang") {
      const form = await readForm(req);
      const to = form.get("locale");
      if (isLocale(to)) await execute(kernel, setLocale, { locale: to }, { personId: who.person.id, platform: "web" });
      const back = form.get("back") ?? WEB_BASE;
      return redirect(res, back.startsWith("/app") && !back.startsWith("//") ? back : WEB_BASE);
    }
    const pack = EVIDENCE_PATH.exec(path);
    if (req.method === "GET" && pack) return evidenceDownload(res, who, pack[1]!);
    if (!who.actor.grants.some((g) => REPORT_ROLES.includes(g.role)))
      return notice(res, 403, locale, pick(MSG.notAuthorised, locale), html``);
    const view = req.method === "GET" ? PAGES[path] : undefined;
    if (!view) return notice(res, 404, locale, pick(MSG.notFound, locale), html``);

    // One page's reports share their reads (src/app/dashboard/shared-reads.ts).
    const shared = sharedReads(reports);
    const units = await shared.queries.units();
    const home = units.find((u) => u.path === who.actor.unitPath);
    const ctx: PageContext = {
      kernel,
      reports: shared,
      records: options.records,
      who,
      locale,
      now: kernel.clock.now(),
      timeZone: home?.timeZone ?? "UTC",
      url,
    };
    const result = await view(ctx);
    const csv = url.searchParams.get("csv");
    if (csv !== null) {
      const table = result.tables.find((t) => t.id === csv);
      if (!table) return notice(res, 404, locale, pick(MSG.notFound, locale), html``);
      return send(res, 200, "\ufeff" + tableCsv(table), "text/csv; charset=utf-8", {
        "content-disposition": `attachment; filename="${table.id}.csv"`,
      });
    }
    const here = url.pathname + url.search;
    const tables = (id: string) => {
      const table = result.tables.find((t) => t.id === id);
      return table ? renderTable(table, locale, here) : html``;
    };
    send(
      res,
      result.status ?? 200,
      page(
        {
          locale,
          title: pick(result.title, locale),
          signedIn: true,
          back: here,
          ...(result.current ? { current: result.current } : {}),
        },
        result.body(tables),
      ),
    );
  }

  return [
    { method: "GET", path: WEB_BASE, prefix: true, handler: handle },
    { method: "POST", path: WEB_BASE, prefix: true, handler: handle },
  ];
}
