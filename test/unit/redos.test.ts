/**
 * Every model pattern answers adversarial inputs on a linear-time engine (docs/design.md,
 * "Validation": patterns must never hang the server). Asserted in steps, not milliseconds: a
 * match costs at most (program size + 1) × (input length + 1) steps on the safe engine. The
 * timings, and what the backtracking RegExp costs, are printed by `npm run bench:redos`.
 */
import { expect, it } from "vitest";
import { compileSafePattern } from "../../src/validation/patterns.js";
import { adversarialInputs } from "./helpers/adversarial-inputs.js";
import { describeWithModel, modelPatterns, patternOf } from "./helpers/model.js";

/** Far above what any model pattern needs (about 360,000 today), far below a backtracking blow-up. */
const MAX_STEPS = 1_000_000;

/** The most steps the safe engine can take on `input`: RE2 visits each (instruction, position) once. */
function stepBound(programSize: number, input: string): number {
  return (programSize + 1) * ([...input].length + 1);
}

describeWithModel("ReDoS: the safe engine on adversarial inputs", () => {
  const patterns = [...modelPatterns().keys()];

  it("answers every pattern's adversarial inputs on a linear-time engine, within a million steps each", () => {
    let largest = { pattern: "", input: "", steps: 0 };
    let count = 0;
    const tooCostly: string[] = [];
    for (const pattern of patterns) {
      const safe = compileSafePattern(pattern);
      expect(["length", "re2"], pattern).toContain(safe.engine);
      if (safe.engine === "length") expect(safe.programSize, pattern).toBe(0);
      for (const input of adversarialInputs(pattern)) {
        count++;
        safe.test(input); // runs the match the bound is about
        const steps = stepBound(safe.programSize, input);
        if (steps > largest.steps) largest = { pattern, input, steps };
        if (steps > MAX_STEPS)
          tooCostly.push(`${pattern} on ${JSON.stringify(input.slice(0, 40))}…: up to ${steps} steps`);
      }
    }
    console.log(
      `ReDoS check: ${count} adversarial inputs over ${patterns.length} patterns; at most ${largest.steps} steps ` +
        `for ${largest.pattern} on ${JSON.stringify(largest.input.slice(0, 30))}… (${largest.input.length} chars)`,
    );
    expect(tooCostly).toEqual([]);
  });

  it("answers the two pathological inputs of the design at their length bound", () => {
    const url = patternOf("CompanyWebsiteUrl");
    const email = patternOf("SenderContactEmail");
    const cases: [string, string][] = [
      [url, `www.${".".repeat(250)}!`],
      [email, `a@${"a".repeat(77)}!`],
    ];
    for (const [pattern, input] of cases) {
      const safe = compileSafePattern(pattern);
      expect(safe.engine).toBe("re2");
      expect(safe.test(input)).toBe(false);
    }
  });
});
