// Posts a file into a Slack conversation the way Slack asks for since files.upload's retirement:
// files.getUploadURLExternal (name and length) gives an upload URL and a file id; the bytes are
// POSTed to that URL; files.completeUploadExternal shares the file into the channel. Used for the
// evidence pack, and only into the pressing person's DM (a "D…" channel) — the pack is a secret.
import type { FileOffer } from "../../src/app/kernel/outcome.ts";
import { pick, type Bilingual, type Locale } from "../../src/ports/locale.ts";
import type { SlackContext } from "./slack-context.ts";

const PACK_COMMENT: Bilingual = {
  "zh-CN": "离岗审计证据包（请勿转发）。",
  en: "The off-post audit's evidence pack (do not forward it).",
};

export async function uploadFile(
  ctx: SlackContext,
  channel: string,
  file: { readonly name: string; readonly bytes: Uint8Array; readonly comment: string },
): Promise<string> {
  const slot = await ctx.web.files.getUploadURLExternal({ filename: file.name, length: file.bytes.length });
  if (!slot.upload_url || !slot.file_id) throw new Error("files.getUploadURLExternal gave no upload URL");
  const sent = await ctx.fetch(slot.upload_url, {
    method: "POST",
    headers: { "content-type": "application/octet-stream" },
    body: file.bytes,
  });
  if (!sent.ok) throw new Error(`the file upload answered HTTP ${sent.status}`);
  await ctx.web.files.completeUploadExternal({
    files: [{ id: slot.file_id, title: file.name }],
    channel_id: channel,
    initial_comment: file.comment,
  });
  return slot.file_id;
}

/** Hands an offered file over in the person's DM when this service can build it; false when it did not. */
export async function handOver(ctx: SlackContext, channel: string, offer: FileOffer, locale: Locale): Promise<boolean> {
  if (!ctx.evidencePack || !channel.startsWith("D")) return false;
  try {
    const { zip } = await ctx.evidencePack(offer.auditId, locale);
    await uploadFile(ctx, channel, {
      name: `evidence-pack-${offer.auditId}.zip`,
      bytes: zip,
      comment: pick(PACK_COMMENT, locale),
    });
    return true;
  } catch (error) {
    // The link already answered the press: the person still gets the pack through it.
    ctx.log.warn("slack evidence pack upload failed", {
      auditId: offer.auditId,
      error: error instanceof Error ? error.message : String(error),
    });
    return false;
  }
}
