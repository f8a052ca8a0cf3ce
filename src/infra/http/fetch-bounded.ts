// Downloads a file a chat platform points at, reading at most `maxBytes`: a declared
// Content-Length over it is refused before a byte is read, a body that grows past it stops being
// read. Used for evidence files (Slack's url_private_download, Teams' downloadUrl).

export class DownloadFailed extends Error {
  constructor(readonly status: number) {
    super(`download answered HTTP ${status}`);
  }
}

export async function fetchBounded(
  url: string,
  maxBytes: number,
  headers: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<Uint8Array | "too_large"> {
  const response = await fetch(url, { headers, redirect: "error", signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new DownloadFailed(response.status);
  }
  const declared = Number(response.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body.cancel();
    return "too_large";
  }
  const parts: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      return "too_large";
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
