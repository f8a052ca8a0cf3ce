// Files shared in the DM with the bot, as evidence ("attach <post code> <item>" typed with them):
// each file is looked up with files.info (the message event may carry only its id), checked by
// name and declared size before download, and downloaded from url_private_download with the bot
// token. The token is sent only to Slack's file host or to the configured API's own origin (a
// test's fake Slack), never to another address a payload might name.
import type { webApi } from "@slack/bolt";
import { z } from "zod";
import type { IncomingFile } from "../../src/app/chat-commands/attach-reply.ts";
import { fetchBounded } from "../../src/infra/http/fetch-bounded.ts";

const FileInfo = z.object({
  name: z.string().min(1).max(500),
  mimetype: z.string().max(200).default("application/octet-stream"),
  size: z.number().int().nonnegative(),
  url_private_download: z.url(),
});

const SLACK_FILE_HOST = "https://files.slack.com";

export function tokenMayGoTo(url: string, apiUrl: string | undefined): boolean {
  const origin = new URL(url).origin;
  return origin === SLACK_FILE_HOST || (apiUrl !== undefined && origin === new URL(apiUrl).origin);
}

/** The files of a `file_share` message as Keypost reads them; a file Slack will not describe is left out. */
export async function sharedFiles(
  web: webApi.WebClient,
  token: string,
  apiUrl: string | undefined,
  files: readonly { id: string }[],
): Promise<IncomingFile[]> {
  const out: IncomingFile[] = [];
  for (const { id } of files.slice(0, 10)) {
    const answer = await web.files.info({ file: id });
    const info = FileInfo.safeParse(answer.file);
    if (!info.success) continue;
    const file = info.data;
    out.push({
      name: file.name,
      mediaType: file.mimetype,
      declaredBytes: file.size,
      read: async (maxBytes) => {
        if (!tokenMayGoTo(file.url_private_download, apiUrl)) throw new Error("file host not trusted");
        return fetchBounded(file.url_private_download, maxBytes, { authorization: `Bearer ${token}` });
      },
    });
  }
  return out;
}
