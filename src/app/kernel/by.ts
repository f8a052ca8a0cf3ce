import type { Actor } from "../../domain/access/roles.ts";
import type { LogPlatform } from "../../ports/audit-log.ts";
import type { Who } from "./use-case.ts";

/** Who fires an event: a person (their actor and platform) or the system (actor null). */
export interface By {
  readonly actor: Actor | null;
  readonly actorId: string | null;
  readonly platform: LogPlatform;
}

export function byWho(who: Who): By {
  return { actor: who.actor, actorId: who.person.id, platform: who.platform };
}

export function bySystem(platform: LogPlatform = "system"): By {
  return { actor: null, actorId: null, platform };
}
