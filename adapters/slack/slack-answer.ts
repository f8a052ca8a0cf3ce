// Answering a press where it was pressed. A message in the conversation is replaced with
// chat.update; an ephemeral one (a `/keypost tasks` or `audit` answer) only through the press's
// response_url — chat.update answers `message_not_found` for it, also when the payload did not
// say it was ephemeral, and then the response_url is used too.
import type { SlackContext } from "./slack-context.ts";
import { webApiErrorCode } from "./slack-errors.ts";
import type { Outbound } from "../../src/infra/http/outbound.ts";

/** Posts a message to a response_url. */
export type Respond = (message: Record<string, unknown>) => Promise<unknown>;

const UNREACHABLE_MESSAGE = new Set(["message_not_found", "cant_update_message", "channel_not_found"]);

/**
 * A response_url as a Respond (Slack accepts up to 5 posts within 30 minutes), over the keep-alive
 * client like the press's other answers (slack-answer-call.ts): sent once more on a stale socket.
 */
export function responder(url: string | undefined, text: Outbound["text"]): Respond | undefined {
  if (!url) return undefined;
  return async (message) => {
    const res = await text(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(message),
      timeoutMs: 10_000,
      retryStaleSocket: true,
    });
    if (!res.ok) throw new Error(`response_url answered ${res.status}`);
  };
}

export interface Pressed {
  readonly channel: string;
  readonly ts: string | undefined;
  /** The button was on an ephemeral message: only its response_url reaches it. */
  readonly ephemeral: boolean;
  readonly respond: Respond | undefined;
}

/** Replaces the message pressed with `message`, wherever it is. */
export async function replacePressed(
  ctx: SlackContext,
  where: Pressed,
  message: { text: string; blocks: unknown[] },
): Promise<void> {
  if (where.respond && (where.ephemeral || !where.ts)) {
    await where.respond({ replace_original: true, ...message });
    return;
  }
  try {
    await ctx.answer("chat.update", { channel: where.channel, ts: where.ts!, ...message });
  } catch (error) {
    if (!where.respond || !UNREACHABLE_MESSAGE.has(webApiErrorCode(error))) throw error;
    await where.respond({ replace_original: true, ...message });
  }
}
