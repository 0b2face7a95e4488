import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FuzzCase, makeCase } from "../fuzz/cases.js";
import { followUpOf } from "../fuzz/follow-ups.js";
import { describeViolations, judge, judgeTwin, runFuzz, summarize, type WireAnswer } from "../fuzz/runner.js";
import { sdkReader } from "../fuzz/sdk-reader.js";
import { type Harness, startHarness } from "./helpers/harness.js";

/**
 * Model-driven fuzzing of all 45 operations (generator and oracle in test/fuzz/): valid inputs,
 * one or several field mutations with the exact ErrorList entry each must produce, protocol
 * abuse (broken JSON, invalid UTF-8, wrong content types, unknown targets, deep nesting, huge
 * arrays, bodies over 1 MiB) and JSON values the model does not expect (explicit nulls, unknown
 * members nested deep inside known ones, numbers past the limits of integers and timestamps,
 * impossible and unusual dates; test/fuzz/hostile.ts), each compared with its plain twin where
 * it must mean the same. Every 200 is read through the SDK's deserializer, and every successful
 * write is followed by the read that shows what it stored. Fixed seed: a failure reproduces with
 * the same case id (`makeCase(SEED, id)`); `npx tsx bench/fuzz-long.ts` runs the same thing for
 * longer. COUNT is HTTP requests, twins and follow-up reads included.
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
  "explicit-null",
  "deep-unknown-inside",
  "numeric-extreme",
  "impossible-date",
  "time-forms",
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

  it("flags a hostile form that does not answer like its plain twin", () => {
    const vex = (field: string) =>
      answer(400, {
        __type: "ValidationException",
        message: "m",
        Reason: "REQUEST_VALIDATION_FAILED",
        ErrorList: [{ FieldName: field, Code: "INVALID_VALUE", Message: "m" }],
      });
    const conflict = answer(409, { __type: "ConflictException", message: "Conflicting client token" });
    expect(judgeTwin(answer(200, { Id: "O1" }), answer(200, { Id: "O1" }))).toEqual([]);
    expect(judgeTwin(answer(200, { Id: "O1" }), conflict)).not.toEqual([]);
    expect(judgeTwin(vex("catalog"), vex("catalog"))).toEqual([]);
    expect(judgeTwin(vex("catalog"), vex("maxResults"))).not.toEqual([]);
    expect(
      judgeTwin(answer(404, { __type: "ResourceNotFoundException", message: "m" }), vex("x")),
    ).not.toEqual([]);
  });

  it("reads answers through the SDK and follows writes with the read of what they stored", async () => {
    const read = sdkReader();
    const get = (Time: unknown) =>
      JSON.stringify({
        Catalog: "Sandbox",
        Id: "O1",
        LastModifiedDate: "2025-01-01T00:00:00.000Z",
        CreatedDate: "2025-01-01T00:00:00.000Z",
        LifeCycle: { NextStepsHistory: [{ Value: "v", Time }] },
      });
    expect((await read("GetOpportunity", 200, get("2025-01-01T00:00:00.000Z"))).problem).toBeUndefined();
    expect((await read("GetOpportunity", 200, get(1735689600))).problem).toMatch(/cannot read/);
    expect((await read("GetOpportunity", 200, get("+275760-09-13T00:00:00.000Z"))).problem).toMatch(
      /cannot read/,
    );
    expect((await read("GetOpportunity", 200, "{")).problem).toMatch(/cannot read/);
    expect(followUpOf("CreateOpportunity", { Catalog: "AWS" }, { Id: "O7" })).toEqual({
      operation: "GetOpportunity",
      input: { Catalog: "AWS", Identifier: "O7" },
    });
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
