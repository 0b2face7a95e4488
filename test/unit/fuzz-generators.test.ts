/**
 * The fuzzer must be able to build a valid value for every pattern the model puts on an input
 * member, and its "invalid" example must really break the pattern: otherwise a new model's
 * pattern would make the fuzzer stop or report false violations.
 */
import { describe, expect, it } from "vitest";
import { type MemberConstraint, SHAPE_CONSTRAINTS } from "../../src/model/generated/constraints.js";
import { compileSafePattern } from "../../src/validation/patterns.js";
import { patternInfo, Rng, stringBounds } from "../fuzz/gen.js";

const lengthOf = (target: string) => {
  const shape = SHAPE_CONSTRAINTS[target];
  return shape && "length" in shape ? shape.length : undefined;
};

function inputPatterns(): Map<string, { min: number; max: number }> {
  const found = new Map<string, { min: number; max: number }>();
  const add = (pattern: string | undefined, length: MemberConstraint["length"]) => {
    if (pattern && !found.has(pattern)) found.set(pattern, stringBounds(pattern, length ?? { max: 255 }));
  };
  for (const shape of Object.values(SHAPE_CONSTRAINTS)) {
    if (shape.type === "string") add(shape.pattern, shape.length);
    if (shape.type === "structure" || shape.type === "union")
      for (const m of shape.members) add(m.pattern, m.length ?? lengthOf(m.target));
    if (shape.type === "list") add(shape.member.pattern, shape.member.length);
  }
  return found;
}

describe("fuzz generators", () => {
  const patterns = inputPatterns();

  it("know every pattern of the input shapes", () => {
    expect(patterns.size).toBeGreaterThan(30);
    const unknown = [...patterns.keys()].filter((p) => {
      try {
        patternInfo(p);
        return false;
      } catch {
        return true;
      }
    });
    expect(unknown).toEqual([]);
  });

  for (const [pattern, bounds] of patterns) {
    it(`build values that match ${pattern}`, () => {
      const info = patternInfo(pattern);
      const re = compileSafePattern(pattern);
      const rng = new Rng(7);
      for (let i = 0; i < 25; i++) {
        const value = info.valid(rng, bounds, i % 2 ? "AWS" : "Sandbox");
        expect(re.test(value), value).toBe(true);
      }
      if (info.invalid !== null) expect(re.test(info.invalid), info.invalid).toBe(false);
    });
  }
});
