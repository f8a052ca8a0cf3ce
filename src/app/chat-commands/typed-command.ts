// How a person types a command on the platform they are on: `/keypost tasks` in Slack (a slash
// command), `tasks` in the Teams chat and the terminal. A hint on a card names the one that works
// where it is read.
import type { LogPlatform } from "../../ports/audit-log.ts";
import { bi, type Bilingual } from "../../ports/locale.ts";

export function typedCommand(platform: LogPlatform, command: string): string {
  return platform === "slack" ? `/keypost ${command}` : command;
}

/** "Type <command> to …" in both languages, with the command as typed on `platform`. */
export function typeHint(platform: LogPlatform, command: string, zhThen: string, enThen: string): Bilingual {
  const typed = typedCommand(platform, command);
  return bi(`输入 ${typed} ${zhThen}`, `Type ${typed} ${enThen}`);
}
