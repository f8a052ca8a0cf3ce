// The send-latency figures a service logs after each drain (decision 17.s11r-1): per platform,
// quantiles of grant → departure and departure → answer, forgotten once read, bounded in memory.
import { describe, expect, it } from "vitest";
import { SendTimings } from "../../../src/app/delivery/send-timings.ts";

describe("send timings", () => {
  it("summarises each platform's calls and forgets them once read", () => {
    const timings = new SendTimings();
    for (let i = 1; i <= 100; i += 1) timings.record("teams", i / 10, i);
    timings.record("slack", 0.2, 40);
    const [teams, slack] = timings.take();
    expect(teams).toEqual({
      platform: "teams",
      sends: 100,
      departP50: 5.1,
      departP99: 10,
      departMax: 10,
      answerP50: 51,
      answerP90: 91,
      answerP99: 100,
      answerMax: 100,
    });
    expect(slack).toMatchObject({ platform: "slack", sends: 1, departMax: 0.2, answerP50: 40, answerMax: 40 });
    expect(timings.take()).toEqual([]);
  });

  it("keeps the latest 20 000 samples of a platform, while counting every call", () => {
    const timings = new SendTimings();
    for (let i = 0; i < 50_000; i += 1) timings.record("teams", 0, i < 30_000 ? 1_000 : 1);
    const [teams] = timings.take();
    expect(teams).toMatchObject({ sends: 50_000, answerMax: 1 });
  });
});
