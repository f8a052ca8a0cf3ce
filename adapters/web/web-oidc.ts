// OpenID Connect sign-in to the dashboard (optional: KEYPOST_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET;
// docs/dashboard.md#openid-connect). The protocol is openid-client's (6.x, certified by the OpenID
// Foundation; jose under it checks the ID token's signature against the issuer's JWKS): discovery,
// the authorization code flow with PKCE (S256), and a fresh state and nonce per attempt, kept in a
// short-lived HTTP-only cookie scoped to /app/oidc, so a callback without the browser's own attempt
// (or with another state, or an ID token with another nonce) is refused. One claim of the verified
// ID token — `email` or `oid` — goes to the app layer, which finds the employee and opens the same
// session a chat link opens. Plain http is accepted only for an issuer on loopback (tests).
import * as oidc from "openid-client";

export const OIDC_START = "/app/oidc/start";
export const OIDC_CALLBACK = "/app/oidc/callback";
const FLOW_COOKIE = "keypost_oidc";
/** How long a sign-in attempt may take at the identity provider. */
const FLOW_TTL_S = 600;

export interface OidcSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly claim: "email" | "oid";
  /** Where people reach the service (the redirect URI is built on it). */
  readonly publicUrl: () => string;
  readonly secureCookie: boolean;
}

interface Flow {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
}

export type OidcOutcome =
  | { readonly ok: true; readonly claim: string }
  /** The attempt failed: no flow cookie, state or nonce mismatch, a bad token, the issuer refused. */
  | { readonly ok: false; readonly code: string };

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

export class OidcSignIn {
  #config: Promise<oidc.Configuration> | undefined;

  constructor(private readonly settings: OidcSettings) {}

  /** Which claim names the employee. */
  get claim(): "email" | "oid" {
    return this.settings.claim;
  }

  /** Discovery once, again after a failure (the issuer may have been unreachable). */
  #configuration(): Promise<oidc.Configuration> {
    if (!this.#config) {
      const issuer = new URL(this.settings.issuer);
      const insecure = issuer.protocol === "http:" && LOOPBACK.has(issuer.hostname);
      this.#config = oidc
        .discovery(issuer, this.settings.clientId, this.settings.clientSecret, undefined, {
          // The ID token's signature is checked against the issuer's JWKS too, not only TLS to its token endpoint.
          execute: insecure
            ? [oidc.allowInsecureRequests, oidc.enableNonRepudiationChecks]
            : [oidc.enableNonRepudiationChecks],
        })
        .catch((error: unknown) => {
          this.#config = undefined;
          throw error;
        });
    }
    return this.#config;
  }

  #redirectUri(): string {
    return new URL(OIDC_CALLBACK, this.settings.publicUrl()).href;
  }

  #cookie(value: string, maxAge: number): string {
    return `${FLOW_COOKIE}=${value}; Path=/app/oidc; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${this.settings.secureCookie ? "; Secure" : ""}`;
  }

  /** Where to send the browser, and the cookie that remembers this attempt. */
  async start(): Promise<{ readonly location: string; readonly cookie: string }> {
    const config = await this.#configuration();
    const flow: Flow = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier: oidc.randomPKCECodeVerifier(),
    };
    const scope = this.settings.claim === "email" ? "openid email" : "openid profile";
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.#redirectUri(),
      scope,
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: "S256",
      state: flow.state,
      nonce: flow.nonce,
    });
    const value = Buffer.from(JSON.stringify(flow)).toString("base64url");
    return { location: url.href, cookie: this.#cookie(value, FLOW_TTL_S) };
  }

  /** The cookie that forgets the attempt (set on every callback, whatever its outcome). */
  clearCookie(): string {
    return this.#cookie("", 0);
  }

  /** The callback: the code traded for tokens and the ID token checked; its claim when all holds. */
  async finish(requestUrl: string, cookieHeader: string | undefined): Promise<OidcOutcome> {
    const flow = flowFromCookie(cookieHeader);
    if (!flow) return { ok: false, code: "NO_FLOW" };
    try {
      const config = await this.#configuration();
      const current = new URL(requestUrl, this.#redirectUri());
      const tokens = await oidc.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      const value = claims?.[this.settings.claim];
      if (typeof value !== "string" || value === "") return { ok: false, code: "NO_CLAIM" };
      return { ok: true, claim: value };
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      return { ok: false, code: typeof code === "string" ? code : "OIDC_ERROR" };
    }
  }
}

function flowFromCookie(header: string | undefined): Flow | undefined {
  for (const part of (header ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name !== FLOW_COOKIE) continue;
    try {
      const flow = JSON.parse(Buffer.from(rest.join("="), "base64url").toString("utf8")) as Partial<Flow>;
      if (typeof flow.state === "string" && typeof flow.nonce === "string" && typeof flow.verifier === "string")
        return { state: flow.state, nonce: flow.nonce, verifier: flow.verifier };
    } catch {
      return undefined;
    }
  }
  return undefined;
}
