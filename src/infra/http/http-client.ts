// Outbound HTTP for the notifiers: node:http/https over keep-alive agents (one pool per protocol,
// shared by the process). The global fetch does the same job at about three times the CPU per
// request (web streams, an AbortSignal per request, undici's layers) — at thousands of notices a
// minute that was the dispatcher's largest cost. Errors keep fetch's shape, so callers tell
// "nothing was sent" from "outcome unknown" the same way: a network failure is an Error whose
// `cause.code` is the system code (ECONNREFUSED, ECONNRESET…), a deadline an Error named
// "TimeoutError".
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

export interface HttpAnswer {
  readonly status: number;
  readonly ok: boolean;
  /** A response header (the first, if repeated), or null. */
  header(name: string): string | null;
  readonly text: string;
}

export interface HttpRequest {
  readonly method: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** The whole exchange, connection to last byte. */
  readonly timeoutMs: number;
}

const agents = {
  "http:": new HttpAgent({ keepAlive: true, maxSockets: 128 }),
  "https:": new HttpsAgent({ keepAlive: true, maxSockets: 128 }),
};

function failure(message: string, code: string | undefined, name = "Error"): Error {
  const error = new Error(message, { cause: code === undefined ? undefined : { code } });
  error.name = name;
  return error;
}

function answerOf(response: IncomingMessage, text: string): HttpAnswer {
  const status = response.statusCode ?? 0;
  return {
    status,
    ok: status >= 200 && status < 300,
    text,
    header: (name) => {
      const value = response.headers[name.toLowerCase()];
      return (Array.isArray(value) ? value[0] : value) ?? null;
    },
  };
}

/** One request; resolves with the whole answer, rejects on a network failure or the deadline. */
export function httpText(url: string, init: HttpRequest): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      reject(failure(`invalid URL: ${url}`, "ERR_INVALID_URL"));
      return;
    }
    const protocol = target.protocol === "https:" ? "https:" : target.protocol === "http:" ? "http:" : undefined;
    if (!protocol) {
      reject(failure(`unsupported protocol: ${target.protocol}`, "ERR_INVALID_URL"));
      return;
    }
    const headers: Record<string, string | number> = { ...init.headers };
    if (init.body !== undefined) headers["content-length"] = Buffer.byteLength(init.body);
    const send = protocol === "https:" ? httpsRequest : httpRequest;
    let settled = false;
    const done = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      outcome();
    };
    const request = send(target, { method: init.method, headers, agent: agents[protocol] }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => done(() => resolve(answerOf(response, Buffer.concat(chunks).toString("utf8")))));
      response.on("error", (error: NodeJS.ErrnoException) =>
        done(() => reject(failure(error.message, error.code ?? "ECONNRESET"))),
      );
      response.on("aborted", () => done(() => reject(failure("the answer was cut off", "ECONNRESET"))));
    });
    const deadline = setTimeout(() => {
      done(() => reject(failure(`no answer within ${init.timeoutMs} ms`, undefined, "TimeoutError")));
      request.destroy();
    }, init.timeoutMs);
    request.on("error", (error: NodeJS.ErrnoException) => done(() => reject(failure(error.message, error.code))));
    request.end(init.body);
  });
}
