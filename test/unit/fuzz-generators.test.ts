/**
 * The fuzzer must be able to build a valid value for every pattern the model puts on an input
 * member, and its "invalid" example must really break the pattern: otherwise a new model's
 * pattern would make the fuzzer stop or report false violations.
 */
import { describe, expect, it } from "vitest";
import { type MemberConstraint, SHAPE_CONSTRAINTS } from "../../src/model/generated/constraints.js";
import { OPERATION_NAMES, OPERATIONS } from "../../src/model/generated/operations.js";
import { compileSafePattern } from "../../src/validation/patterns.js";
import { patternInfo, Rng, stringBounds } from "../fuzz/gen.js";

/** Every pattern on a shape or member reachable from an operation's input, with its length bounds. */
function inputPatterns(): Map<string, { min: number; max: number }> {
  const found = new Map<string, { min: number; max: number }>();
  const add = (pattern: string | undefined, length: MemberConstraint["length"]) => {
    if (pattern && !found.has(pattern)) found.set(pattern, stringBounds(pattern, length ?? { max: 255 }));
  };
  const seen = new Set<string>();
  const visit = (target: string, member?: MemberConstraint) => {
    const shape = SHAPE_CONSTRAINTS[target];
    if (!shape) return;
    if (shape.type === "string") add(member?.pattern ?? shape.pattern, member?.length ?? shape.length);
    if (seen.has(target)) return;
    seen.add(target);
    if (shape.type === "structure" || shape.type === "union")
      for (const m of shape.members) visit(m.target, m);
    if (shape.type === "list") visit(shape.member.target, shape.member);
    if (shape.type === "map") {
      visit(shape.key.target, shape.key);
      visit(shape.value.target, shape.value);
    }
  };
  for (const op of OPERATION_NAMES) visit(OPERATIONS[op].input);
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
