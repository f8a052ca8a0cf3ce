import { describe, expect, it } from "vitest";
import { timeOrderedId } from "../../../src/infra/db/register/time-ordered-id.ts";

describe("timeOrderedId", () => {
  it("makes version-7 UUIDs that sort by creation time and do not repeat", async () => {
    const first = Array.from({ length: 3000 }, timeOrderedId);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const later = timeOrderedId();
    for (const id of [...first, later])
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(first).size).toBe(first.length);
    expect(first.every((id) => id < later)).toBe(true);
    const ms = parseInt(later.replace(/-/g, "").slice(0, 12), 16);
    expect(Math.abs(ms - Date.now())).toBeLessThan(5_000);
  });
});
