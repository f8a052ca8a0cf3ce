// A fetch for the plain calls: a string body (or none), plain headers, and redirects refused — the
// shape of every Slack Web API call (@slack/web-api posts form-encoded strings with
// `redirect: "error"`) — sent over the keep-alive node:http agents of http-client.ts, answered as a
// standard Response. The global fetch costs about three times the CPU per call (http-client.ts);
// in bench:slack each acted-on press makes one Web API call, and undici's fetch was about half of
// that call's CPU (decision 13.s10p-3). Anything else — a FormData or stream body, a Request
// object, redirects to follow — goes to the fetch it wraps, unchanged.
// Behaviour kept from fetch: a network failure rejects with TypeError("fetch failed") whose cause
// is the system error (its `code`); an abort rejects with the signal's reason (a TimeoutError for
// AbortSignal.timeout); a redirect answer rejects as with `redirect: "error"`.
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
import { keepAliveAgents } from "./http-client.ts";

type Fetch = typeof globalThis.fetch;

function plainHeaders(headers: RequestInit["headers"]): Record<string, string> | undefined {
  if (headers === undefined) return {};
  if (headers instanceof Headers || Array.isArray(headers) || typeof headers !== "object") return undefined;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
    if (typeof value !== "string") return undefined;
    out[name] = value;
  }
  return out;
}

function responseHeaders(headers: IncomingHttpHeaders): Headers {
  const out = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) out.append(name, v);
    else out.append(name, value);
  }
  return out;
}

function fetchFailed(cause: unknown): TypeError {
  return new TypeError("fetch failed", { cause });
}

/** `fallback` for every call this path does not take. */
export function plainFetch(fallback: Fetch): Fetch {
  return (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : undefined;
    const headers = plainHeaders(init?.headers);
    const body = init?.body;
    if (
      url === undefined ||
      init?.redirect !== "error" ||
      headers === undefined ||
      (body !== undefined && body !== null && typeof body !== "string")
    )
      return fallback(input, init);
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return fallback(input, init);
    }
    if (target.protocol !== "http:" && target.protocol !== "https:") return fallback(input, init);
    const signal = init.signal ?? undefined;
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    const protocol = target.protocol;
    const send = protocol === "https:" ? httpsRequest : httpRequest;
    if (typeof body === "string") headers["content-length"] = String(Buffer.byteLength(body));
    return new Promise<Response>((resolve, reject) => {
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener("abort", onAbort);
        outcome();
      };
      const request = send(
        target,
        { method: init.method ?? "GET", headers, agent: keepAliveAgents[protocol] },
        (response) => {
          const status = response.statusCode ?? 0;
          if (status >= 300 && status < 400 && response.headers.location !== undefined) {
            response.resume();
            settle(() => reject(fetchFailed(new Error("unexpected redirect"))));
            return;
          }
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () =>
            settle(() => {
              // A body is not allowed with these statuses (the Response constructor refuses one).
              const bytes = status === 204 || status === 205 || status === 304 ? null : Buffer.concat(chunks);
              resolve(
                new Response(bytes, {
                  status,
                  statusText: response.statusMessage ?? "",
                  headers: responseHeaders(response.headers),
                }),
              );
            }),
          );
          response.on("error", (error) => settle(() => reject(fetchFailed(error))));
          response.on("aborted", () => settle(() => reject(fetchFailed(new Error("the answer was cut off")))));
        },
      );
      const onAbort = () => {
        settle(() => reject(signal!.reason as Error));
        request.destroy();
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      request.on("error", (error) => settle(() => reject(fetchFailed(error))));
      request.end(typeof body === "string" ? body : undefined);
    });
  };
}
