// Replies go only to Bot Framework service URLs on the allow-list: an activity's serviceUrl is
// signed into its token, but a misconfigured or unauthenticated (development) bot must still never
// post cards — and its bearer token — to an arbitrary host.

/** Teams' public service hosts (all regions: /teams/, /amer/, /emea/, /apac/ …). */
export const DEFAULT_ALLOWED_SERVICE_URLS = ["https://smba.trafficmanager.net/"] as const;

function normalise(url: string): string {
  return url.trim().replace(/\/*$/, "/").toLowerCase();
}

export class ServiceUrlAllowList {
  private readonly prefixes: readonly string[];

  constructor(prefixes: readonly string[]) {
    this.prefixes = prefixes.map(normalise).filter((p) => p !== "/");
  }

  static parse(csv: string | undefined): ServiceUrlAllowList {
    const listed =
      csv
        ?.split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "") ?? [];
    return new ServiceUrlAllowList(listed.length > 0 ? listed : DEFAULT_ALLOWED_SERVICE_URLS);
  }

  allows(serviceUrl: string): boolean {
    let url: URL;
    try {
      url = new URL(serviceUrl);
    } catch {
      return false;
    }
    if (url.username !== "" || url.password !== "") return false;
    const candidate = normalise(`${url.protocol}//${url.host}${url.pathname}`);
    return this.prefixes.some((prefix) => candidate.startsWith(prefix));
  }
}
