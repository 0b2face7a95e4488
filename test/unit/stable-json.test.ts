import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stableStringify } from "../../src/util/stable-json.js";

describe("stableStringify", () => {
  it("sorts keys and drops undefined members", () => {
    expect(stableStringify({ b: 1, a: [{ d: null, c: "x" }], u: undefined })).toBe(
      '{"a":[{"c":"x","d":null}],"b":1}',
    );
  });

  it("agrees with a recursive reference on random JSON", () => {
    const reference = (v: unknown): string =>
      Array.isArray(v)
        ? `[${v.map(reference).join(",")}]`
        : v && typeof v === "object"
          ? `{${Object.keys(v)
              .sort()
              .map((k) => `${JSON.stringify(k)}:${reference((v as Record<string, unknown>)[k])}`)
              .join(",")}}`
          : JSON.stringify(v);
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(stableStringify(v)).toBe(reference(v));
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it("handles nesting far deeper than the call stack allows", () => {
    const depth = 200_000;
    const deep = JSON.parse(`${"[".repeat(depth)}${"]".repeat(depth)}`);
    expect(stableStringify({ z: deep }).length).toBe(depth * 2 + 6);
  });
});
