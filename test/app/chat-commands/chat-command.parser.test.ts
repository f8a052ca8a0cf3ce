import { describe, expect, it } from "vitest";
import { MAX_COMMAND_LENGTH, parseChatCommand } from "../../../src/app/chat-commands/chat-command.parser.ts";

describe("parseChatCommand", () => {
  it("reads English and Chinese verbs, with or without the bot's name", () => {
    expect(parseChatCommand("tasks 2")).toEqual({ kind: "verb", verb: "tasks", args: ["2"], rest: "2" });
    expect(parseChatCommand("/keypost Status")).toEqual({ kind: "verb", verb: "status", args: [], rest: "" });
    expect(parseChatCommand("keypost 待办")).toMatchObject({ kind: "verb", verb: "tasks" });
    expect(parseChatCommand("语言 en")).toMatchObject({ kind: "verb", verb: "lang", args: ["en"] });
    expect(parseChatCommand("report early-warnings 3")).toMatchObject({
      verb: "report",
      args: ["early-warnings", "3"],
    });
  });

  it("keeps the words after status as the question", () => {
    expect(parseChatCommand("status who is on leave in SB1?")).toEqual({
      kind: "verb",
      verb: "status",
      args: ["who", "is", "on", "leave", "in", "SB1?"],
      rest: "who is on leave in SB1?",
    });
  });

  it("answers help for nothing, free text for anything else, and refuses what is too long", () => {
    expect(parseChatCommand("   ")).toMatchObject({ kind: "verb", verb: "help" });
    expect(parseChatCommand(undefined)).toMatchObject({ kind: "verb", verb: "help" });
    expect(parseChatCommand("who took over the teller post?")).toEqual({
      kind: "free",
      text: "who took over the teller post?",
    });
    expect(parseChatCommand("x".repeat(MAX_COMMAND_LENGTH + 1))).toEqual({ kind: "too_long" });
  });

  it("reads Object's own names as free text, not as a verb (the fuzz test's 500)", () => {
    for (const word of ["__proto__", "constructor", "toString", "hasOwnProperty"])
      expect(parseChatCommand(word)).toEqual({ kind: "free", text: word });
  });
});
