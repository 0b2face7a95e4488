import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FuzzCase, makeCase } from "../fuzz/cases.js";
import { describeViolations, judge, runFuzz, summarize, type WireAnswer } from "../fuzz/runner.js";
import { type Harness, startHarness } from "./helpers/harness.js";

/**
 * Model-driven fuzzing of all 45 operations (generator and oracle in test/fuzz/): valid inputs,
 * one or several field mutations with the exact ErrorList entry each must produce, and protocol
 * abuse (broken JSON, invalid UTF-8, wrong content types, unknown targets, deep nesting, huge
 * arrays, bodies over 1 MiB). Fixed seed: a failure reproduces with the same case id
 * (`makeCase(SEED, id)`); `npx tsx bench/fuzz-long.ts` runs the same thing for longer.
 */
const COUNT = 20_000;
const SEED = 20220726;

const FAMILIES = [
  "valid",
  "valid-extra-headers",
  "empty-body",
  "mutation",
  "multi-mutation",
  "deep-unknown-member",
  "deep-known-member",
  "huge-array",
  "invalid-utf8",
  "truncated",
  "non-object-json",
  "wrong-content-type",
  "unknown-target",
  "oversized",
];

function firstCase(pred: (c: FuzzCase) => boolean): FuzzCase {
  for (let id = 0; id < 10_000; id++) {
    const c = makeCase(SEED, id);
    if (pred(c)) return c;
  }
  throw new Error("no such case");
}

const answer = (status: number, body: unknown, headers: Record<string, string> = {}): WireAnswer => ({
  status,
  headers: { "x-amzn-requestid": "r-1", ...headers },
  body: body === undefined ? "" : JSON.stringify(body),
});

describe("the fuzz oracle", () => {
  it("is deterministic for a seed", () => {
    expect(makeCase(SEED, 123).body.equals(makeCase(SEED, 123).body)).toBe(true);
  });

  it("flags 5xx, missing request ids, __type in a 200 and a missing ErrorList entry", () => {
    const valid = firstCase((c) => c.category === "valid");
    expect(judge(valid, answer(200, {}))).toEqual([]);
    expect(judge(valid, answer(500, { __type: "InternalServerException", message: "x" }))).not.toEqual([]);
    expect(judge(valid, { ...answer(200, {}), headers: {} })).not.toEqual([]);
    expect(judge(valid, answer(200, { __type: "ValidationException" }))).not.toEqual([]);

    const mutated = firstCase((c) => c.category.startsWith("mutation:") && c.expect.type === "invalid");
    if (mutated.expect.type !== "invalid") throw new Error("unreachable");
    const want = mutated.expect.entries[0]!;
    const vex = (entries: unknown[]) =>
      answer(
        400,
        {
          __type: "ValidationException",
          message: "m",
          Reason: "REQUEST_VALIDATION_FAILED",
          ErrorList: entries,
        },
        { "x-amzn-errortype": "ValidationException" },
      );
    expect(judge(mutated, vex([{ FieldName: want.field, Code: want.code, Message: "m" }]))).toEqual([]);
    expect(judge(mutated, vex([{ FieldName: `${want.field}x`, Code: want.code, Message: "m" }]))).not.toEqual(
      [],
    );
    expect(judge(mutated, vex([]))).not.toEqual([]);
    expect(judge(mutated, answer(200, {}))).not.toEqual([]);
  });
});

describe("model-driven fuzzing", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it(`answers ${COUNT} fuzzed requests within the oracle`, { timeout: 180_000 }, async () => {
    const stats = await runFuzz({
      url: h.url,
      count: COUNT,
      seed: SEED,
      concurrency: 16,
      oversizedEvery: 1000,
    });
    console.log(summarize(stats));
    expect(stats.total).toBe(COUNT);
    for (const family of FAMILIES) {
      const seen = Object.keys(stats.byCategory).some((k) => k === family || k.startsWith(`${family}:`));
      expect(seen, `category ${family} exercised`).toBe(true);
    }
    expect(stats.byStatus["200"] ?? 0, "some valid inputs succeed").toBeGreaterThan(0);
    expect(stats.byStatus["413"] ?? 0, "oversized bodies are refused").toBeGreaterThan(0);
    if (stats.violationCount > 0) {
      expect.fail(
        `${stats.violationCount} oracle violations (seed ${SEED}); first ones:\n${describeViolations(stats, 8)}`,
      );
    }
  });
});
