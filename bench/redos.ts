/**
 * What the model's patterns cost in milliseconds: the safe engine (src/validation/patterns.ts) on
 * every adversarial input of test/unit/redos.test.ts (which asserts step bounds, not time), the
 * two pathological inputs of docs/design.md at their length bound, and, for comparison, the
 * backtracking RegExp on short versions of them. Best of three per input; printed, never asserted.
 *
 *   npm run bench:redos
 */
import { compileSafePattern, toJsRegExp } from "../src/validation/patterns.js";
import { adversarialInputs, patternsOf } from "../test/unit/helpers/adversarial-inputs.js";
import { loadModel } from "../tools/codegen.js";

function time(run: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

const model = loadModel();
const patterns = patternsOf(model);
const patternNamed = (name: string) => {
  const id = Object.keys(model.shapes).find((k) => k.endsWith(`#${name}`));
  const pattern = id ? model.shapes[id]!.traits?.["smithy.api#pattern"] : undefined;
  if (typeof pattern !== "string") throw new Error(`${name} has no pattern`);
  return pattern;
};

let slowest = { pattern: "", input: "", ms: 0 };
let count = 0;
let total = 0;
for (const pattern of patterns) {
  const safe = compileSafePattern(pattern);
  for (const input of adversarialInputs(pattern)) {
    count++;
    const ms = time(() => safe.test(input));
    total += ms;
    if (ms > slowest.ms) slowest = { pattern, input, ms };
  }
}
console.log(
  `safe engine: ${count} adversarial inputs over ${patterns.length} patterns, ${total.toFixed(0)} ms in all; ` +
    `slowest ${slowest.ms.toFixed(2)} ms for ${slowest.pattern.slice(0, 60)} on ` +
    `${JSON.stringify(slowest.input.slice(0, 30))}… (${slowest.input.length} chars)`,
);

const url = patternNamed("CompanyWebsiteUrl");
const email = patternNamed("SenderContactEmail");
for (const [pattern, input] of [
  [url, `www.${".".repeat(250)}!`],
  [email, `a@${"a".repeat(77)}!`],
] as const) {
  const safe = compileSafePattern(pattern);
  console.log(
    `safe engine: ${pattern.slice(0, 40)}… on ${input.length} chars: ${time(() => safe.test(input)).toFixed(2)} ms`,
  );
}

const urlRe = toJsRegExp(url);
const emailRe = toJsRegExp(email);
for (const n of [24, 30]) {
  const input = `www.${".".repeat(n)}!`;
  const ms = time(() => urlRe.test(input));
  console.log(`backtracking RegExp, CompanyWebsiteUrl, "www." + "."x${n} + "!": ${ms.toFixed(1)} ms`);
}
const input = `a@${"a".repeat(26)}!`;
const ms = time(() => emailRe.test(input));
console.log(`backtracking RegExp, SenderContactEmail, "a@" + "a"x26 + "!": ${ms.toFixed(1)} ms`);
