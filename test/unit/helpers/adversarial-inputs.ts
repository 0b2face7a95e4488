/**
 * Inputs that make a backtracking engine try every way to split a repetition: long runs of
 * separators and class-edge characters after the prefixes that reach a pattern's hard part.
 * Shared by test/unit/redos.test.ts (step counts) and bench/redos.ts (timings).
 */
import type { SmithyModel } from "../../../tools/codegen.js";

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

export function* adversarialInputs(pattern: string): Generator<string> {
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

/** Every distinct `@pattern` of the model's shapes and members, in model order. */
export function patternsOf(model: SmithyModel): string[] {
  const patterns = new Set<string>();
  for (const shape of Object.values(model.shapes)) {
    for (const traits of [shape.traits, ...Object.values(shape.members ?? {}).map((m) => m.traits)]) {
      const pattern = traits?.["smithy.api#pattern"];
      if (typeof pattern === "string") patterns.add(pattern);
    }
  }
  return [...patterns];
}
