// Every call Keypost makes out of the process — Slack's Web API and Socket Mode, a press's
// response_url, the Teams token endpoint and Bot Connector, directory look-ups — goes through one
// Outbound, built once from the configuration, so that a bank's forward proxy (HTTPS_PROXY,
// HTTP_PROXY, NO_PROXY) is honoured by all of them alike. With no proxy configured nothing changes:
// the global fetch and the keep-alive node:http client (http-client.ts) are used as before. With a
// proxy, undici's EnvHttpProxyAgent decides per origin: NO_PROXY hosts directly, the others
// through a CONNECT tunnel (also for http:// targets) — one dispatcher shared by fetch, the
// WebSocket of Socket Mode and the Bot Connector client. Why undici: it is the HTTP client inside
// Node's own fetch, kept by the Node.js project, and Slack's Socket Mode client takes its dispatcher.
// One library takes neither a fetch nor an agent: the Teams SDK fetches the Bot Framework's signing
// keys (jwks-rsa) through Node's global agents, so `serve` installs proxy-aware global agents
// (https-proxy-agent, routed per host by the same NO_PROXY rules) while it runs.
// The three libraries are loaded only when a proxy is configured (undici alone is ~9 MB resident).
import type * as AgentBase from "agent-base";
import type { AgentConnectOpts } from "agent-base";
import type * as HttpsProxy from "https-proxy-agent";
import { createRequire } from "node:module";
import http, { type ClientRequest } from "node:http";
import https from "node:https";
import type * as Undici from "undici";
import type { Dispatcher } from "undici";
import { httpText, type HttpAnswer, type HttpRequest } from "./http-client.ts";

export interface ProxySettings {
  readonly HTTPS_PROXY?: string | undefined;
  readonly HTTP_PROXY?: string | undefined;
  readonly NO_PROXY?: string | undefined;
}

export type Fetch = typeof globalThis.fetch;

export interface Outbound {
  /** fetch, through the proxy when one applies to the URL. */
  readonly fetch: Fetch;
  /** One request answered whole (the Bot Connector client's shape, see http-client.ts). */
  text(url: string, init: HttpRequest): Promise<HttpAnswer>;
  /** The undici dispatcher for libraries that take one (Socket Mode); undefined without a proxy. */
  readonly dispatcher: Dispatcher | undefined;
  /** Whether any proxy is configured (NO_PROXY hosts still go direct). */
  readonly proxied: boolean;
  /**
   * Makes Node's global http/https agents honour the same settings, for libraries that only use
   * those (the Teams SDK's key fetch); returns the undoing. A no-op without a proxy.
   */
  installGlobalAgents(): () => void;
  /** Closes the proxy's pooled connections. */
  close(): Promise<void>;
}

/** Calls made directly, as when no proxy is configured. */
export const directOutbound: Outbound = {
  fetch: (input, init) => globalThis.fetch(input, init),
  text: httpText,
  dispatcher: undefined,
  proxied: false,
  installGlobalAgents: () => () => undefined,
  close: async () => undefined,
};

interface NoProxyEntry {
  readonly host: string;
  readonly port: number;
}

/** NO_PROXY as undici reads it (so both paths agree): names, `.suffix` / `*.suffix`, `host:port`, `*`. */
function noProxyRule(value: string): (host: string, port: number) => boolean {
  if (value.trim() === "*") return () => true;
  const entries: NoProxyEntry[] = value
    .split(/[,\s]/)
    .filter((entry) => entry !== "")
    .map((entry) => {
      const parsed = /^(.+):(\d+)$/.exec(entry);
      return {
        host: (parsed ? parsed[1]! : entry).replace(/^\*?\./, "").toLowerCase(),
        port: parsed ? Number(parsed[2]) : 0,
      };
    });
  return (host, port) => {
    const name = host.toLowerCase();
    return entries.some((e) => (e.port === 0 || e.port === port) && (name === e.host || name.endsWith(`.${e.host}`)));
  };
}

const load = createRequire(import.meta.url);

/** A Node agent that sends each request directly or through the proxy's tunnel, host by host. */
function routingAgent(
  direct: http.Agent,
  tunnel: http.Agent | undefined,
  bypass: (host: string, port: number) => boolean,
  protocol: "http:" | "https:",
): http.Agent {
  const { Agent } = load("agent-base") as typeof AgentBase;
  class ProxyRoutingAgent extends Agent {
    connect(_req: ClientRequest, options: AgentConnectOpts): http.Agent {
      const port = options.port ?? (options.secureEndpoint ? 443 : 80);
      if (!tunnel || bypass(options.host ?? "localhost", port)) return direct;
      return tunnel;
    }
  }
  const agent = new ProxyRoutingAgent({ keepAlive: true });
  agent.protocol = protocol;
  return agent;
}

function globalAgentsFor(settings: ProxySettings): () => () => void {
  return () => {
    const { HttpsProxyAgent } = load("https-proxy-agent") as typeof HttpsProxy;
    const bypass = noProxyRule(settings.NO_PROXY ?? "");
    const tunnel = (url: string | undefined) => (url ? new HttpsProxyAgent(url, { keepAlive: true }) : undefined);
    const httpsTunnel = tunnel(settings.HTTPS_PROXY);
    const httpTunnel = tunnel(settings.HTTP_PROXY);
    const before = { http: http.globalAgent, https: https.globalAgent };
    http.globalAgent = routingAgent(before.http, httpTunnel, bypass, "http:");
    // agent-base's Agent is an http.Agent serving both protocols (it tells them apart per request).
    https.globalAgent = routingAgent(before.https, httpsTunnel, bypass, "https:") as https.Agent;
    return () => {
      http.globalAgent.destroy();
      https.globalAgent.destroy();
      httpsTunnel?.destroy();
      httpTunnel?.destroy();
      http.globalAgent = before.http;
      https.globalAgent = before.https;
    };
  };
}

function failure(message: string, code: string | undefined, name = "Error"): Error {
  const error = new Error(message, { cause: code === undefined ? undefined : { code } });
  error.name = name;
  return error;
}

/**
 * The proxy refused the tunnel (CONNECT answered other than 200): nothing reached the target, so
 * callers may treat it like a refused connection.
 */
export const PROXY_REFUSED = "EPROXYREFUSED";

/** undici's errors in http-client.ts's shape: a system code in `cause.code`, a deadline "TimeoutError". */
function asHttpFailure(error: unknown): Error {
  const e = error as { code?: unknown; message?: unknown; cause?: { code?: unknown } };
  const message = typeof e.message === "string" ? e.message : String(error);
  if (e.code === "UND_ERR_ABORTED" && /Proxy response \(\d+\)/.test(message)) return failure(message, PROXY_REFUSED);
  const code = typeof e.code === "string" ? e.code : typeof e.cause?.code === "string" ? e.cause.code : undefined;
  // undici names a dropped connection UND_ERR_SOCKET; the callers know it as ECONNRESET.
  return failure(message, code === "UND_ERR_SOCKET" ? "ECONNRESET" : code);
}

function proxiedText(dispatcher: Dispatcher, undiciRequest: typeof Undici.request): Outbound["text"] {
  return async (url, init) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      throw failure(`invalid URL: ${url}`, "ERR_INVALID_URL");
    }
    if (target.protocol !== "https:" && target.protocol !== "http:")
      throw failure(`unsupported protocol: ${target.protocol}`, "ERR_INVALID_URL");
    const abort = new AbortController();
    let timedOut = false;
    const deadline = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, init.timeoutMs);
    try {
      const response = await undiciRequest(target, {
        dispatcher,
        method: init.method as Dispatcher.HttpMethod,
        ...(init.headers ? { headers: init.headers } : {}),
        ...(init.body !== undefined ? { body: init.body } : {}),
        signal: abort.signal,
      });
      const text = await response.body.text();
      const status = response.statusCode;
      return {
        status,
        ok: status >= 200 && status < 300,
        text,
        header: (name: string) => {
          const value = response.headers[name.toLowerCase()];
          return (Array.isArray(value) ? value[0] : value) ?? null;
        },
      };
    } catch (error) {
      if (timedOut) throw failure(`no answer within ${init.timeoutMs} ms`, undefined, "TimeoutError");
      throw asHttpFailure(error);
    } finally {
      clearTimeout(deadline);
    }
  };
}

/** The Outbound for these settings: direct when no proxy is set, else one shared proxy dispatcher. */
export function outboundFor(settings: ProxySettings): Outbound {
  if (!settings.HTTPS_PROXY && !settings.HTTP_PROXY) return directOutbound;
  const { EnvHttpProxyAgent, fetch: undiciFetch, request: undiciRequest } = load("undici") as typeof Undici;
  // Empty strings, not undefined: undici would otherwise read process.env itself; the
  // configuration (config.ts, strict, both cases) is the one source.
  const dispatcher = new EnvHttpProxyAgent({
    httpsProxy: settings.HTTPS_PROXY ?? "",
    httpProxy: settings.HTTP_PROXY ?? "",
    noProxy: settings.NO_PROXY ?? "",
  });
  const fetch = ((input: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]) =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], {
      ...(init as Parameters<typeof undiciFetch>[1]),
      dispatcher,
    })) as unknown as Fetch;
  return {
    fetch,
    text: proxiedText(dispatcher, undiciRequest),
    dispatcher,
    proxied: true,
    installGlobalAgents: globalAgentsFor(settings),
    close: () => dispatcher.close(),
  };
}
