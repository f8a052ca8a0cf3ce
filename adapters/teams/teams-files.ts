// Files sent to the bot in the personal chat, as evidence ("attach <post code> <item>" typed with
// them). Teams hands each file over as an attachment of type
// `application/vnd.microsoft.teams.file.download.info` whose `content.downloadUrl` is a short-lived,
// pre-authenticated link to the file in the sender's OneDrive: it is fetched with no credential,
// read with a ceiling, and only from SharePoint hosts or an allowed service URL (a test's fake
// connector), never from another address an activity might name.
import { z } from "zod";
import type { IncomingFile } from "../../src/app/chat-commands/attach-reply.ts";
import { fetchBounded } from "../../src/infra/http/fetch-bounded.ts";

export const FILE_DOWNLOAD_INFO = "application/vnd.microsoft.teams.file.download.info";

const DownloadInfo = z.object({
  contentType: z.literal(FILE_DOWNLOAD_INFO),
  name: z.string().min(1).max(500),
  content: z.object({ downloadUrl: z.url(), fileType: z.string().max(20).optional() }).loose(),
});

/** SharePoint Online (worldwide and 21Vianet's China cloud) serves OneDrive files. */
const SHAREPOINT = /\.sharepoint\.(com|cn)$/;

export function mayDownloadFrom(url: string, allowedServiceUrl: (url: string) => boolean): boolean {
  const parsed = new URL(url);
  if (parsed.username !== "" || parsed.password !== "") return false;
  return (parsed.protocol === "https:" && SHAREPOINT.test(parsed.hostname)) || allowedServiceUrl(url);
}

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  txt: "text/plain",
  csv: "text/csv",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

/** The files attached to a message; other attachments (cards, inline images) are left alone. */
export function sentFiles(attachments: unknown, allowedServiceUrl: (url: string) => boolean): IncomingFile[] {
  if (!Array.isArray(attachments)) return [];
  const out: IncomingFile[] = [];
  for (const raw of attachments.slice(0, 10)) {
    const parsed = DownloadInfo.safeParse(raw);
    if (!parsed.success) continue;
    const { name, content } = parsed.data;
    const type = (content.fileType ?? name.split(".").pop() ?? "").toLowerCase();
    out.push({
      name,
      mediaType: MEDIA_TYPES[type] ?? "application/octet-stream",
      read: async (maxBytes) => {
        if (!mayDownloadFrom(content.downloadUrl, allowedServiceUrl)) throw new Error("file host not allowed");
        return fetchBounded(content.downloadUrl, maxBytes);
      },
    });
  }
  return out;
}
