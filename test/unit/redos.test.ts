/**
 * Every model pattern answers adversarial inputs in milliseconds on the safe engine
 * (docs/design.md, "Validation": patterns must never hang the server). The only timed
 * assertion of the unit tests: a single match may not take more than 50 ms.
 */
import { expect, it } from "vitest";
import { compileSafePattern, toJsRegExp } from "../../src/validation/patterns.js";
import { describeWithModel, modelPatterns, patternOf } from "./helpers/model.js";

const LIMIT_MS = 50;

/** Repeated separators and class-edge characters. */
const REPEATED = [".", "-", "a", "Z", "0", "9", "@", "/", "=", ":", "_", " ", "+", ",", "?", "\n", "é", "😀"];

/** Prefixes that get past the fixed start of the patterns, so the repetition reaches the hard part. */
const PREFIXES = [
  "",
  "www.",
  "https://www.",
  "a@",
  "a.",
  "arn:",
  "arn:aws:iam::123456789012:role/",
  "arn:aws:partnercentral:us-east-1:123456789012:catalog/AWS/",
  "arn:aws:aws-marketplace:us-east-1:123456789012:AWSMarketplace/OfferSet/offerset-",
  "eng-",
  "engi-",
  "task-",
  "+1",
  "1.",
];

/** The pattern's length bound (lookahead or `.{m,n}`), else the longest string fields get. */
function lengthBound(pattern: string): number {
  const bounds = [...pattern.matchAll(/\{\d+,(\d+)\}/g)].map((m) => Number(m[1]));
  const lookahead =
    /^\^\(\?=\.\{\d+,(\d+)\}\$\)/.exec(pattern) ?? /^\^(?:\(\?s\))?\.\{\d+,(\d+)\}\$$/.exec(pattern);
  return lookahead ? Number(lookahead[1]) : Math.max(256, ...bounds);
}

function* adversarialInputs(pattern: string): Generator<string> {
  const bound = lengthBound(pattern);
  for (const prefix of PREFIXES) {
    for (const c of REPEATED) {
      for (const total of [bound, bound + 20]) {
        const n = Math.max(1, total - prefix.length - 1);
        yield `${prefix}${c.repeat(n)}!`;
        yield `${prefix}${`a${c}`.repeat(Math.ceil(n / 2))}!`;
        yield `${prefix}${c.repeat(n)}`;
      }
    }
  }
}

function time(test: () => void): number {
  const start = performance.now();
  test();
  return performance.now() - start;
}

describeWithModel("ReDoS: the safe engine on adversarial inputs", () => {
  const patterns = [...modelPatterns().keys()];

  it("answers every pattern's adversarial inputs within 50 ms each", () => {
    let slowest = { pattern: "", input: "", ms: 0 };
    let count = 0;
    const tooSlow: string[] = [];
    for (const pattern of patterns) {
      const safe = compileSafePattern(pattern);
      for (const input of adversarialInputs(pattern)) {
        count++;
        let ms = time(() => safe.test(input));
        // A GC pause is not a ReDoS: only a match that is slow three times in a row counts.
        for (let retry = 0; retry < 2 && ms > LIMIT_MS; retry++)
          ms = Math.min(
            ms,
            time(() => safe.test(input)),
          );
        if (ms > slowest.ms) slowest = { pattern, input, ms };
        if (ms > LIMIT_MS)
          tooSlow.push(`${pattern} on ${JSON.stringify(input.slice(0, 40))}…: ${ms.toFixed(1)} ms`);
      }
    }
    console.log(
      `ReDoS check: ${count} adversarial inputs over ${patterns.length} patterns; slowest ${slowest.ms.toFixed(2)} ms ` +
        `for ${slowest.pattern} on ${JSON.stringify(slowest.input.slice(0, 30))}… (${slowest.input.length} chars)`,
    );
    expect(tooSlow).toEqual([]);
  });

  it("answers the two pathological inputs of the design at their length bound", () => {
    const url = patternOf("CompanyWebsiteUrl");
    const email = patternOf("SenderContactEmail");
    const cases: [string, string][] = [
      [url, `www.${".".repeat(250)}!`],
      [email, `a@${"a".repeat(77)}!`],
    ];
    for (const [pattern, input] of cases) {
      let result = true;
      const ms = time(() => {
        result = compileSafePattern(pattern).test(input);
      });
      console.log(`safe engine: ${pattern.slice(0, 40)}… on ${input.length} chars: ${ms.toFixed(2)} ms`);
      expect(result).toBe(false);
    }
  });

  it("shows, for information, what the original RegExp costs (not asserted)", () => {
    const url = toJsRegExp(patternOf("CompanyWebsiteUrl"));
    const email = toJsRegExp(patternOf("SenderContactEmail"));
    for (const n of [24, 30]) {
      const input = `www.${".".repeat(n)}!`;
      console.log(
        `original RegExp, CompanyWebsiteUrl, "www." + "."x${n} + "!": ${time(() => url.test(input)).toFixed(1)} ms`,
      );
    }
    const input = `a@${"a".repeat(26)}!`;
    console.log(
      `original RegExp, SenderContactEmail, "a@" + "a"x26 + "!": ${time(() => email.test(input)).toFixed(1)} ms`,
    );
  });
});
