import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OPERATION_NAMES } from "../../src/model/generated/operations.js";
import { HANDLERS } from "../../src/operations/registry.js";

describe("README operation table", () => {
  it("lists all 45 operations with the status the registry has", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const rows = new Map(
      [...readme.matchAll(/^\| `(\w+)` \| (implemented|not yet) \|$/gm)].map((m) => [m[1]!, m[2]!]),
    );
    expect(OPERATION_NAMES).toHaveLength(45);
    expect([...rows.keys()].sort()).toEqual([...OPERATION_NAMES].sort());
    for (const op of OPERATION_NAMES) {
      expect(`${op}: ${rows.get(op)}`).toBe(`${op}: ${HANDLERS[op] ? "implemented" : "not yet"}`);
    }
  });
});
