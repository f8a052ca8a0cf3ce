// The fuzz tests' oracle: what each generated request *is*, decided from the platforms' own rules
// and never from Keypost's code — so the server's answer can be judged against it. A request is
// either bad (one or more defects: the signature or token, the body's size, its content type, its
// JSON, its shape) and must be refused with a 4xx naming the reason, or well-formed (a kind Keypost
// uses, or one it does not: Slack requires those answered 200 too).
//
// Sources of the shapes: Slack's Events API envelope and event types (docs.slack.dev/apis/events-api,
// reference/events/message.im, app_home_opened), its interaction payloads (reference/interaction-payloads:
// block_actions, view_submission), slash commands (interactivity/implementing-slash-commands), request
// signing (authentication/verifying-requests-from-slack: v0 HMAC-SHA256, five minutes); the Bot
// Framework Activity schema (learn.microsoft.com azure/bot-service/rest-api/bot-framework-rest-connector-api-reference
// #activity-object) and its authentication (the token's serviceurl claim matches the activity's). Only
// the fields listed are typed; an unknown field is allowed (platforms add fields). Ids are taken to be
// what the platforms issue: printable ASCII, at most 64 characters on Slack (T0TEST, U0123ABC, Ev…)
// and 512 on Teams (29:…, a:…, GUIDs); a type name at most 64 characters. The body limits are
// Keypost's documented ones (1 MB Slack, 512 KB Teams) and so is the nesting bound (64).
import { createHmac, timingSafeEqual } from "node:crypto";

export type Defect = "signature" | "token" | "size" | "content-type" | "json" | "shape";

export type Verdict =
  | { readonly bad: true; readonly defects: readonly Defect[]; readonly detail: string }
  | { readonly bad: false; readonly kind: string; readonly known: boolean };

/** The statuses a defect may be answered with. */
export const STATUS_OF: Readonly<Record<Defect, readonly number[]>> = {
  signature: [401],
  token: [401],
  size: [413],
  "content-type": [400, 415],
  json: [400],
  shape: [400],
};

// --- a small typed-field checker --------------------------------------------------------------

type Spec =
  | "string"
  | "nonempty"
  | "id"
  | "teams-id"
  | "short"
  | "url"
  | "number"
  | "boolean"
  | "object"
  | "array"
  | "any"
  | { readonly nullable: Spec }
  | { readonly fields: Fields }
  | { readonly items: Spec; readonly min?: number }
  | { readonly values: Spec }
  | { readonly literal: string };
type Fields = Readonly<Record<string, readonly [Spec, "req" | "opt"]>>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The path of the first field that breaks `spec`, or undefined. */
function breaks(value: unknown, spec: Spec, path: string): string | undefined {
  if (typeof spec === "string") {
    switch (spec) {
      case "any":
        return undefined;
      case "string":
        return typeof value === "string" ? undefined : path;
      case "nonempty":
        return typeof value === "string" && value.length > 0 ? undefined : path;
      case "id":
        return typeof value === "string" && /^[\x21-\x7e]{1,64}$/.test(value) ? undefined : path;
      case "teams-id":
        return typeof value === "string" && /^[\x21-\x7e]{1,512}$/.test(value) ? undefined : path;
      case "short":
        // Characters (code points), not UTF-16 units.
        return typeof value === "string" && value.length > 0 && [...value].length <= 64 ? undefined : path;
      case "url":
        return typeof value === "string" && URL.canParse(value) && /^https?:/i.test(value) ? undefined : path;
      case "number":
        return typeof value === "number" ? undefined : path;
      case "boolean":
        return typeof value === "boolean" ? undefined : path;
      case "object":
        return isObject(value) ? undefined : path;
      case "array":
        return Array.isArray(value) ? undefined : path;
    }
  }
  if ("literal" in spec) return value === spec.literal ? undefined : path;
  if ("nullable" in spec) return value === null ? undefined : breaks(value, spec.nullable, path);
  if ("items" in spec) {
    if (!Array.isArray(value) || value.length < (spec.min ?? 0)) return path;
    for (const [i, item] of value.entries()) {
      const b = breaks(item, spec.items, `${path}[${i}]`);
      if (b) return b;
    }
    return undefined;
  }
  if ("values" in spec) {
    if (!isObject(value)) return path;
    for (const [k, v] of Object.entries(value)) {
      const b = breaks(v, spec.values, `${path}.${k}`);
      if (b) return b;
    }
    return undefined;
  }
  if (!isObject(value)) return path;
  for (const [key, [s, need]] of Object.entries(spec.fields)) {
    const has = Object.hasOwn(value, key);
    if (!has) {
      if (need === "req") return `${path}.${key}`;
      continue;
    }
    const b = breaks(value[key], s, `${path}.${key}`);
    if (b) return b;
  }
  return undefined;
}

const opt = (s: Spec) => [s, "opt"] as const;
const req = (s: Spec) => [s, "req"] as const;

// --- Slack ------------------------------------------------------------------------------------

const SLACK_MAX_BYTES = 1_000_000;
const MAX_DEPTH = 64;

const slackUser: Spec = {
  fields: { id: req("id"), username: opt("string"), name: opt("string"), team_id: opt("string") },
};
const slackTeam: Spec = { nullable: { fields: { id: req("id"), domain: opt("string") } } };
const interactive: Fields = {
  user: req(slackUser),
  team: opt(slackTeam),
  api_app_id: opt("string"),
  token: opt("string"),
  trigger_id: opt("string"),
  enterprise: opt({ nullable: "object" }),
  is_enterprise_install: opt("boolean"),
};

const BLOCK_ACTIONS: Spec = {
  fields: {
    ...interactive,
    type: req({ literal: "block_actions" }),
    response_url: opt("url"),
    container: opt({
      fields: {
        type: opt("string"),
        message_ts: opt("string"),
        channel_id: opt("string"),
        view_id: opt("string"),
        is_ephemeral: opt("boolean"),
      },
    }),
    channel: opt({ fields: { id: req("id"), name: opt("string") } }),
    message: opt({
      fields: {
        type: opt("string"),
        subtype: opt("string"),
        text: opt("string"),
        ts: opt("string"),
        bot_id: opt("string"),
        blocks: opt("array"),
      },
    }),
    state: opt({ fields: { values: opt("object") } }),
    actions: req({
      items: {
        fields: {
          action_id: req("nonempty"),
          block_id: opt("string"),
          text: opt("object"),
          value: opt("string"),
          type: opt("string"),
          action_ts: opt("string"),
        },
      },
      min: 1,
    }),
  },
};

const inputValue: Spec = {
  fields: {
    type: req("string"),
    value: opt({ nullable: "string" }),
    selected_date: opt({ nullable: "string" }),
    selected_option: opt({ nullable: { fields: { value: req("string") } } }),
    selected_options: opt({ nullable: { items: { fields: { value: req("string") } } } }),
  },
};

const VIEW_SUBMISSION: Spec = {
  fields: {
    ...interactive,
    type: req({ literal: "view_submission" }),
    response_urls: opt("array"),
    view: req({
      fields: {
        id: req("id"),
        team_id: opt("string"),
        type: opt("string"),
        blocks: opt("array"),
        private_metadata: opt("string"),
        callback_id: opt("string"),
        state: req({ fields: { values: req({ values: { values: inputValue } }) } }),
        hash: opt("string"),
        title: opt("object"),
        clear_on_close: opt("boolean"),
        notify_on_close: opt("boolean"),
        close: opt({ nullable: "object" }),
        submit: opt({ nullable: "object" }),
        previous_view_id: opt({ nullable: "string" }),
        root_view_id: opt({ nullable: "string" }),
        app_id: opt("string"),
        external_id: opt("string"),
        app_installed_team_id: opt("string"),
        bot_id: opt("string"),
      },
    }),
  },
};

const URL_VERIFICATION: Spec = {
  fields: { type: req({ literal: "url_verification" }), token: opt("string"), challenge: req("nonempty") },
};

const EVENT_CALLBACK: Spec = {
  fields: {
    type: req({ literal: "event_callback" }),
    token: opt("string"),
    team_id: req("id"),
    api_app_id: opt("string"),
    event: req({ fields: { type: req("short") } }),
    event_id: req("id"),
    event_time: opt("number"),
    authorizations: opt("array"),
    is_ext_shared_channel: opt("boolean"),
    event_context: opt("string"),
  },
};

const MESSAGE_EVENT: Spec = {
  fields: {
    type: req({ literal: "message" }),
    channel: req("id"),
    user: opt("string"),
    text: opt("string"),
    ts: opt("string"),
    event_ts: opt("string"),
    channel_type: opt("string"),
    client_msg_id: opt("string"),
    team: opt("string"),
    blocks: opt("array"),
    subtype: opt("string"),
    bot_id: opt("string"),
    files: opt({ items: { fields: { id: req("nonempty") } } }),
  },
};

const APP_HOME_OPENED: Spec = {
  fields: {
    type: req({ literal: "app_home_opened" }),
    user: req("id"),
    channel: opt("string"),
    tab: opt("string"),
    event_ts: opt("string"),
  },
};

/** A slash command's form: every value is a string by construction; the ones a command needs must be there. */
const SLASH_COMMAND: Spec = { fields: { command: req("nonempty"), user_id: req("id") } };

/** How deep a JSON text nests (brackets outside strings). */
export function depthOf(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i += 1;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") max = Math.max(max, ++depth);
    else if (c === "}" || c === "]") depth -= 1;
  }
  return max;
}

function jsonObject(text: string): Record<string, unknown> | "not-json" | "too-deep" {
  if (depthOf(text) > MAX_DEPTH) return "too-deep";
  try {
    const v: unknown = JSON.parse(text);
    return isObject(v) ? v : "not-json";
  } catch {
    return "not-json";
  }
}

function slackShape(body: Record<string, unknown>, transport: "json" | "payload" | "form"): Verdict {
  const shapeBad = (path: string | undefined, kind: string): Verdict =>
    path ? { bad: true, defects: ["shape"], detail: `${kind} ${path}` } : { bad: false, kind, known: true };
  if (transport === "form") return shapeBad(breaks(body, SLASH_COMMAND, "$"), "command");
  if (typeof body.type !== "string" || body.type === "")
    return { bad: true, defects: ["shape"], detail: "$.type missing or not a string" };
  const type = body.type;
  if (transport === "json") {
    if (type === "url_verification") return shapeBad(breaks(body, URL_VERIFICATION, "$"), type);
    if (type === "event_callback") {
      const envelope = breaks(body, EVENT_CALLBACK, "$");
      if (envelope) return shapeBad(envelope, type);
      const event = body.event as Record<string, unknown>;
      if (event.type === "message") return shapeBad(breaks(event, MESSAGE_EVENT, "$.event"), "event message");
      if (event.type === "app_home_opened")
        return shapeBad(breaks(event, APP_HOME_OPENED, "$.event"), "event app_home_opened");
      return { bad: false, kind: `event ${String(event.type).slice(0, 20)}`, known: false };
    }
  } else {
    if (type === "block_actions") return shapeBad(breaks(body, BLOCK_ACTIONS, "$"), type);
    if (type === "view_submission") return shapeBad(breaks(body, VIEW_SUBMISSION, "$"), type);
  }
  return { bad: false, kind: `type ${type.slice(0, 20)}`, known: false };
}

export interface SlackRequest {
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Slack's v0 signature of `body` at `timestamp`, computed here (not by Keypost's helper). */
export function slackV0(secret: string, timestamp: string, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export function slackVerdict(request: SlackRequest, secret: string, nowSeconds: number): Verdict {
  const defects: Defect[] = [];
  const details: string[] = [];
  const bad = (d: Defect, why: string) => {
    defects.push(d);
    details.push(why);
  };
  if (Buffer.byteLength(request.body) > SLACK_MAX_BYTES) bad("size", "body over 1 MB");
  const ts = request.headers["x-slack-request-timestamp"];
  const sig = request.headers["x-slack-signature"];
  if (ts === undefined || sig === undefined) bad("signature", "unsigned");
  else if (!/^\d+$/.test(ts) || Math.abs(nowSeconds - Number(ts)) > 300) bad("signature", "timestamp outside 5 min");
  else {
    const expected = Buffer.from(slackV0(secret, ts, request.body));
    const got = Buffer.from(sig);
    if (expected.length !== got.length || !timingSafeEqual(expected, got)) bad("signature", "signature mismatch");
  }
  const type = request.headers["content-type"] ?? "";
  let body: Record<string, unknown> | undefined;
  let transport: "json" | "payload" | "form" = "form";
  if (type === "application/json") {
    transport = "json";
    const o = jsonObject(request.body);
    if (typeof o === "string") bad("json", `JSON body ${o}`);
    else body = o;
  } else if (type === "application/x-www-form-urlencoded") {
    const form = new URLSearchParams(request.body);
    const payload = form.get("payload");
    if (payload !== null) {
      transport = "payload";
      const o = jsonObject(payload);
      if (typeof o === "string") bad("json", `payload ${o}`);
      else body = o;
    } else body = Object.fromEntries(form.entries());
  } else bad("content-type", `content type "${type}"`);
  if (body) {
    const v = slackShape(body, transport);
    if (v.bad) bad("shape", v.detail);
    else if (defects.length === 0) return v;
  }
  return { bad: true, defects, detail: details.join("; ") };
}

// --- Teams (Bot Framework) ------------------------------------------------------------------

const TEAMS_MAX_BYTES = 512 * 1024;

const account: Spec = {
  fields: { id: req("teams-id"), name: opt("string"), aadObjectId: opt("teams-id"), role: opt("string") },
};

const ACTIVITY: Spec = {
  fields: {
    type: req("nonempty"),
    id: opt("string"),
    timestamp: opt("string"),
    localTimestamp: opt("string"),
    localTimezone: opt("string"),
    channelId: req("nonempty"),
    serviceUrl: req("url"),
    from: req(account),
    recipient: req(account),
    conversation: req({
      fields: {
        id: req("teams-id"),
        conversationType: opt("string"),
        tenantId: opt("teams-id"),
        isGroup: opt("boolean"),
        name: opt("string"),
      },
    }),
    channelData: opt("object"),
    entities: opt({ items: "object" }),
    membersAdded: opt({ items: account }),
    membersRemoved: opt({ items: account }),
    locale: opt("string"),
    text: opt("string"),
    textFormat: opt("string"),
    action: opt("string"),
    name: opt("string"),
    replyToId: opt("string"),
    value: opt("any"),
  },
};

/** An Adaptive Card's Action.Execute invoke (learn.microsoft.com … universal-actions-model, "adaptiveCard/action"). */
const CARD_ACTION_VALUE: Spec = {
  fields: {
    action: req({
      fields: {
        type: req({ literal: "Action.Execute" }),
        verb: opt("string"),
        title: opt("string"),
        data: opt("object"),
      },
    }),
    trigger: opt("string"),
  },
};

export interface TeamsRequest {
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  /** What the test put in Authorization: a token the connector signed for this bot (and for which service URL), or anything else. */
  readonly token: { readonly valid: true; readonly serviceUrl: string } | { readonly valid: false };
}

const norm = (u: string) => u.replace(/\/$/, "").toLowerCase();

export function teamsVerdict(request: TeamsRequest): Verdict {
  const defects: Defect[] = [];
  const details: string[] = [];
  const bad = (d: Defect, why: string) => {
    defects.push(d);
    details.push(why);
  };
  if (!request.token.valid) bad("token", "no valid bearer token");
  if (Buffer.byteLength(request.body) > TEAMS_MAX_BYTES) bad("size", "body over 512 KB");
  const o = jsonObject(request.body);
  if (typeof o === "string") bad("json", `body ${o}`);
  else {
    // The token's serviceurl claim must match the activity's serviceUrl (Bot Framework authentication, step 5).
    if (request.token.valid && o.serviceUrl !== undefined && o.serviceUrl !== null && o.serviceUrl !== "") {
      if (typeof o.serviceUrl !== "string" || norm(o.serviceUrl) !== norm(request.token.serviceUrl))
        bad("token", "serviceUrl differs from the token's claim");
    }
    const path = breaks(o, ACTIVITY, "$");
    if (path) bad("shape", `activity ${path}`);
    else if (o.type === "invoke" && o.name === "adaptiveCard/action") {
      const p = breaks(o.value, CARD_ACTION_VALUE, "$.value");
      if (p) bad("shape", `card action ${p}`);
    }
    if (defects.length === 0) {
      const kind = `${String(o.type)}${o.type === "invoke" ? ` ${String(o.name)}` : ""}`.slice(0, 40);
      const known =
        ["message", "installationUpdate", "conversationUpdate"].includes(String(o.type)) ||
        (o.type === "invoke" && o.name === "adaptiveCard/action");
      return { bad: false, kind, known };
    }
  }
  return { bad: true, defects, detail: details.join("; ") };
}
