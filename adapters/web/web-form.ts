// A posted HTML form (application/x-www-form-urlencoded), at most 4 KB: the dashboard's forms are
// a token, a language and a path.
import type { IncomingMessage } from "node:http";

const LIMIT = 4096;

export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > LIMIT) break;
  }
  return new URLSearchParams(body.length > LIMIT ? "" : body);
}
