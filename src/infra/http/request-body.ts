// Reading a request body with a ceiling, for the platform routes (/slack/events, /api/messages).
// An oversized body is refused with 413 without reading it whole: a declared Content-Length over
// the limit is refused before a byte is read; a body that grows past it (chunked, or lying about
// its length) stops being buffered at the limit. Either way the answer is written *before* the
// connection is closed (closing first is what left a 1.1 MB request without any status), and the
// connection is closed so the rest of the upload is not read. Also here: a cheap bound on JSON
// nesting, checked on the raw text before JSON.parse or a schema can recurse on it.
import type { IncomingMessage, ServerResponse } from "node:http";

export type BodyRead = { readonly ok: true; readonly body: Buffer } | { readonly ok: false; readonly status: 413 };

export function declaredTooLarge(req: IncomingMessage, maxBytes: number): boolean {
  const declared = req.headers["content-length"];
  if (declared === undefined || !/^\d+$/.test(declared)) return false;
  return Number(declared) > maxBytes;
}

/** The body, or 413 when it is (or says it is) larger than `maxBytes`; stops buffering at the limit. */
export function readLimitedBody(req: IncomingMessage, maxBytes: number): Promise<BodyRead> {
  if (declaredTooLarge(req, maxBytes)) return Promise.resolve({ ok: false, status: 413 });
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    let done = false;
    const onData = (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > maxBytes) {
        done = true;
        parts.length = 0;
        req.off("data", onData);
        req.pause();
        resolve({ ok: false, status: 413 });
      } else parts.push(chunk);
    };
    req.on("data", onData);
    req.on("end", () => {
      if (done) return;
      done = true;
      resolve({ ok: true, body: Buffer.concat(parts) });
    });
    req.on("error", (error) => {
      if (done) return;
      done = true;
      reject(error);
    });
  });
}

/** 413 with a JSON reason, then the connection is closed (the unread rest of the body is dropped). */
export function refuseTooLarge(req: IncomingMessage, res: ServerResponse, maxBytes: number): void {
  if (res.headersSent) {
    req.destroy();
    return;
  }
  const text = JSON.stringify({ error: "body too large", limitBytes: maxBytes });
  res.shouldKeepAlive = false;
  res.writeHead(413, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    connection: "close",
  });
  res.end(text, () => {
    // Give the client a moment to read the answer before the socket goes (it may still be uploading).
    setTimeout(() => req.destroy(), 50).unref();
  });
}

/**
 * Whether a JSON text nests arrays/objects deeper than `maxDepth`. One linear pass over the raw
 * text (strings skipped), so a body nested 10,000 deep costs no recursion anywhere.
 */
export function nestsDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return false;
}
