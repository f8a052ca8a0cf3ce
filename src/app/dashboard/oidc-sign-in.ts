// Signing in to the dashboard through the bank's identity provider (OpenID Connect), for banks that
// want their single sign-on rather than chat links. The protocol (discovery, PKCE, state, nonce, the
// ID token's signature) is the web adapter's (adapters/web/web-oidc.ts, with openid-client); what
// reaches here is one verified claim. It names an employee by the register's e-mail (`email`) or by
// their Microsoft Entra object id (`oid`, the id their Teams identity is stored under). A claim
// naming nobody, or someone who has left, opens nothing. The session is the one a link opens.
import type { Locale } from "../../ports/locale.ts";
import type { Kernel } from "../kernel/execute.ts";
import { startSession } from "./sign-in-link.ts";

export type OidcClaimKind = "email" | "oid";

export type OidcSignIn =
  | { readonly ok: true; readonly sessionToken: string; readonly personId: string }
  | { readonly ok: false; readonly refusal: "unknown_person"; readonly locale: Locale };

export async function openOidcSession(kernel: Kernel, kind: OidcClaimKind, value: string): Promise<OidcSignIn> {
  const now = kernel.clock.now();
  return kernel.uow.run(async (tx) => {
    const person =
      value === ""
        ? undefined
        : kind === "email"
          ? await tx.people.byEmail(value)
          : await tx.people.byChatIdentity("teams", value);
    if (!person || person.status === "left")
      return { ok: false, refusal: "unknown_person", locale: kernel.orgLocale } as const;
    const sessionToken = await startSession(tx, person.id, now, { via: "oidc" });
    return { ok: true, sessionToken, personId: person.id } as const;
  });
}
