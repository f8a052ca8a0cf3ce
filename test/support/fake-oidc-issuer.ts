// A fake OpenID Connect provider on loopback for the dashboard's sign-in tests: discovery, a JWKS
// with one RS256 key, an authorization endpoint that signs in whoever the test says (no login
// page) and a token endpoint that checks the client's secret, the code, the redirect URI and the
// PKCE verifier (S256) before it returns an ID token signed with its key (jose). The test can make
// it put another nonce in the token, or sign with a key it does not publish.
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from "jose";

export interface FakeIssuer {
  readonly url: string;
  /** The claims of whoever signs in next (email, oid, …). */
  signInAs: Record<string, string>;
  /** Put this nonce in the ID token instead of the one asked for. */
  wrongNonce: string | undefined;
  /** Sign the ID token with a key the JWKS does not hold. */
  foreignKey: boolean;
  /** Token requests refused, and why (for the test's own checks). */
  readonly refusals: string[];
  close(): Promise<void>;
}

const body = (req: IncomingMessage) =>
  new Promise<URLSearchParams>((resolve) => {
    let text = "";
    req.on("data", (c: Buffer) => (text += c.toString("utf8")));
    req.on("end", () => resolve(new URLSearchParams(text)));
  });

export async function startFakeIssuer(client: { id: string; secret: string }): Promise<FakeIssuer> {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const foreign = (await generateKeyPair("RS256")).privateKey;
  const jwk = { ...(await exportJWK(publicKey)), kid: "fake-1", alg: "RS256", use: "sig" };
  const codes = new Map<
    string,
    { nonce: string; challenge: string; redirectUri: string; claims: Record<string, string> }
  >();
  let base = "";
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", base);
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(value));
      };
      if (url.pathname === "/.well-known/openid-configuration")
        return json(200, {
          issuer: base,
          authorization_endpoint: `${base}/authorize`,
          token_endpoint: `${base}/token`,
          jwks_uri: `${base}/jwks`,
          response_types_supported: ["code"],
          subject_types_supported: ["public"],
          id_token_signing_alg_values_supported: ["RS256"],
          code_challenge_methods_supported: ["S256"],
          token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic"],
          scopes_supported: ["openid", "email", "profile"],
        });
      if (url.pathname === "/jwks") return json(200, { keys: [jwk] });
      if (url.pathname === "/authorize") {
        const p = url.searchParams;
        if (
          p.get("client_id") !== client.id ||
          p.get("response_type") !== "code" ||
          p.get("code_challenge_method") !== "S256"
        )
          return json(400, { error: "invalid_request" });
        const code = randomBytes(16).toString("base64url");
        codes.set(code, {
          nonce: p.get("nonce") ?? "",
          challenge: p.get("code_challenge") ?? "",
          redirectUri: p.get("redirect_uri") ?? "",
          claims: { ...issuer.signInAs },
        });
        const back = new URL(p.get("redirect_uri") ?? "");
        back.searchParams.set("code", code);
        back.searchParams.set("state", p.get("state") ?? "");
        res.writeHead(302, { location: back.href });
        return res.end();
      }
      if (url.pathname === "/token" && req.method === "POST") {
        const form = await body(req);
        const basic = req.headers.authorization?.startsWith("Basic ")
          ? Buffer.from(req.headers.authorization.slice(6), "base64")
              .toString("utf8")
              .split(":")
              .map(decodeURIComponent)
          : [form.get("client_id"), form.get("client_secret")];
        const grant = codes.get(form.get("code") ?? "");
        codes.delete(form.get("code") ?? "");
        const refuse = (why: string) => {
          issuer.refusals.push(why);
          return json(400, { error: "invalid_grant", error_description: why });
        };
        if (basic[0] !== client.id || basic[1] !== client.secret) return refuse("client");
        if (!grant) return refuse("code");
        if (form.get("redirect_uri") !== grant.redirectUri) return refuse("redirect_uri");
        const verifier = form.get("code_verifier") ?? "";
        if (createHash("sha256").update(verifier).digest("base64url") !== grant.challenge) return refuse("pkce");
        const now = Math.floor(Date.now() / 1000);
        const idToken = await new SignJWT({ ...grant.claims, nonce: issuer.wrongNonce ?? grant.nonce })
          .setProtectedHeader({ alg: "RS256", kid: "fake-1" })
          .setIssuer(base)
          .setAudience(client.id)
          .setSubject(grant.claims.sub ?? "subject-1")
          .setIssuedAt(now)
          .setExpirationTime(now + 300)
          .sign((issuer.foreignKey ? foreign : privateKey) as CryptoKey);
        return json(200, {
          access_token: randomBytes(16).toString("base64url"),
          token_type: "Bearer",
          expires_in: 300,
          id_token: idToken,
        });
      }
      json(404, { error: "not_found" });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer: FakeIssuer = {
    url: base,
    signInAs: {},
    wrongNonce: undefined,
    foreignKey: false,
    refusals: [],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return issuer;
}
