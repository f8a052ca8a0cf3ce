// Outbound HTTP for the Teams notifier and a Slack press's answer (slack-answer-call.ts):
// node:http/https over keep-alive agents (one pool per protocol, shared by the process). The global
// fetch does the same job at about three times the CPU per request (web streams, an AbortSignal per
// request, undici's layers) — at thousands of notices a minute that was the dispatcher's largest cost.
// Errors keep fetch's shape, so callers tell "nothing was sent" from "outcome unknown" the same way:
// a network failure is an Error whose `cause.code` is the system code (ECONNREFUSED, ECONNRESET…), a
// deadline an Error named "TimeoutError".
// A request may meet a kept-alive socket the server closed while it was idle (its keep-alive timeout
// ran out as the request was being written). Such a request never reached the server; node:http
// does not send it again by itself (its documentation shows the retry to write: `reusedSocket` and
// ECONNRESET). With `retryStaleSocket`, a request that failed so — on a reused socket, before any
// byte of an answer — is sent once more on a fresh socket, within the same deadline (decision 13.s11p-1).
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
  /**
   * Send once more when a kept-alive socket turns out closed by the server before it answered
   * (ECONNRESET or EPIPE on a reused socket). Only for calls whose repetition does no harm if the
   * server did read the request after all (replacing a message with the same content).
   */
  readonly retryStaleSocket?: boolean;
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
    let current: ReturnType<typeof send> | undefined;
    const done = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      outcome();
    };
    const deadline = setTimeout(() => {
      done(() => reject(failure(`no answer within ${init.timeoutMs} ms`, undefined, "TimeoutError")));
      current?.destroy();
    }, init.timeoutMs);
    const attempt = (retriesLeft: number) => {
      let answered = false;
      const request = send(target, { method: init.method, headers, agent: agents[protocol] }, (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => done(() => resolve(answerOf(response, Buffer.concat(chunks).toString("utf8")))));
        response.on("error", (error: NodeJS.ErrnoException) =>
          done(() => reject(failure(error.message, error.code ?? "ECONNRESET"))),
        );
        response.on("aborted", () => done(() => reject(failure("the answer was cut off", "ECONNRESET"))));
      });
      current = request;
      request.on("error", (error: NodeJS.ErrnoException) => {
        const stale = !answered && request.reusedSocket && (error.code === "ECONNRESET" || error.code === "EPIPE");
        if (stale && retriesLeft > 0 && !settled) return attempt(retriesLeft - 1);
        done(() => reject(failure(error.message, error.code)));
      });
      request.end(init.body);
    };
    attempt(init.retryStaleSocket ? 1 : 0);
  });
}
