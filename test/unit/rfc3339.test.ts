import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoTime } from "../../src/util/clock.js";
import {
  isCalendarDate,
  MAX_TIME_MS,
  MIN_TIME_MS,
  parseDateTime,
  wireTimestampMs,
} from "../../src/util/rfc3339.js";
import { normalizeInput, validateInput } from "../../src/validation/validate.js";
import { sdkReader } from "../fuzz/sdk-reader.js";

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** The instant the official SDK reads from a `date-time` member (GetOpportunity's LastModifiedDate). */
async function sdkInstant(read: ReturnType<typeof sdkReader>, text: string): Promise<number | string> {
  const body = JSON.stringify({ Catalog: "Sandbox", Id: "O1", LastModifiedDate: text });
  const { output, problem } = await read("GetOpportunity", 200, body);
  const instant = output?.LastModifiedDate;
  return problem ?? (instant instanceof Date ? instant.getTime() : `not a Date: ${String(instant)}`);
}

describe("calendar dates", () => {
  it("are the days that exist", () => {
    for (const good of ["2024-02-29", "2000-02-29", "2025-12-31", "1000-01-01", "9999-12-31"])
      expect(isCalendarDate(good), good).toBe(true);
    for (const bad of [
      "2025-02-29",
      "2100-02-29",
      "2025-04-31",
      "2025-13-01",
      "2025-00-10",
      "2025-01-00",
      "2025-1-01",
      "x",
    ])
      expect(isCalendarDate(bad), bad).toBe(false);
  });
});

describe("parseDateTime", () => {
  it("reads what isoTime writes, for every instant of the years 1000–9999", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: MIN_TIME_MS, max: MAX_TIME_MS }),
        (ms) => parseDateTime(isoTime(ms)) === ms,
      ),
      { numRuns: 2000 },
    );
  });

  it("takes offsets, lower case, long fractions (cut to the millisecond) and leap seconds as the SDK does", () => {
    expect(parseDateTime("2025-01-01T10:00:00+05:30")).toBe(Date.UTC(2025, 0, 1, 4, 30));
    expect(parseDateTime("2025-01-01T00:00:00-08:00")).toBe(Date.UTC(2025, 0, 1, 8));
    expect(parseDateTime("2025-01-01t10:00:00z")).toBe(Date.UTC(2025, 0, 1, 10));
    expect(parseDateTime("2025-01-01T10:00:00.123456789Z")).toBe(Date.UTC(2025, 0, 1, 10, 0, 0, 123));
    expect(parseDateTime("2025-01-01T10:00:00.9996Z")).toBe(Date.UTC(2025, 0, 1, 10, 0, 0, 999));
    expect(parseDateTime("2016-12-31T23:59:60Z")).toBe(Date.UTC(2017, 0, 1));
    expect(parseDateTime("0050-06-01T00:00:00Z")).toBe(new Date("0050-06-01T00:00:00Z").getTime());
  });

  it("refuses impossible days and times", () => {
    for (const bad of [
      "2025-02-29T00:00:00Z",
      "2025-04-31T00:00:00Z",
      "2025-06-30T24:00:00Z",
      "2025-06-30T23:60:00Z",
      "2025-06-30T23:59:61Z",
      "2025-01-01T00:00:00+24:00",
      "2025-01-01T00:00:00+05:60",
      "2025-01-01T00:00:00",
      "2025-01-01",
      "+275760-09-13T00:00:00.000Z",
      " 2025-01-01T00:00:00Z",
    ])
      expect(parseDateTime(bad), bad).toBeNaN();
  });

  it("agrees with the SDK on every date-time it accepts", async () => {
    const read = sdkReader();
    const texts = fc.sample(
      fc
        .record({
          year: fc.integer({ min: 1000, max: 9999 }),
          month: fc.integer({ min: 1, max: 12 }),
          day: fc.integer({ min: 1, max: 31 }),
          hour: fc.integer({ min: 0, max: 23 }),
          minute: fc.integer({ min: 0, max: 59 }),
          second: fc.integer({ min: 0, max: 60 }),
          fraction: fc.option(fc.stringMatching(/^[0-9]{1,9}$/), { nil: undefined }),
          offset: fc.option(
            fc.tuple(
              fc.constantFrom("+", "-"),
              fc.integer({ min: 0, max: 23 }),
              fc.integer({ min: 0, max: 59 }),
            ),
            {
              nil: undefined,
            },
          ),
          lower: fc.boolean(),
        })
        .map((t) => {
          const zone = t.offset ? `${t.offset[0]}${pad(t.offset[1])}:${pad(t.offset[2])}` : "Z";
          const text = `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}${t.fraction === undefined ? "" : `.${t.fraction}`}${zone}`;
          return t.lower ? text.toLowerCase() : text;
        }),
      { numRuns: 400, seed: 3339 },
    );
    let accepted = 0;
    for (const text of texts) {
      const ms = parseDateTime(text);
      if (Number.isNaN(ms) || ms < MIN_TIME_MS || ms > MAX_TIME_MS) continue;
      accepted++;
      // The SDK reads the text as this instant, and reads what the server stores as the same one.
      expect(await sdkInstant(read, text), text).toBe(ms);
      expect(await sdkInstant(read, isoTime(ms)), text).toBe(ms);
    }
    expect(accepted).toBeGreaterThan(200);
  });
});

describe("wireTimestampMs", () => {
  it("takes epoch seconds and date-times within 1000–9999 only", () => {
    expect(wireTimestampMs(1735689600.25)).toBe(1_735_689_600_250);
    expect(wireTimestampMs("2025-01-01T00:00:00Z")).toBe(1_735_689_600_000);
    for (const bad of [
      1e308,
      -1e20,
      1e15,
      253_402_300_800,
      -30_610_224_001,
      Number.POSITIVE_INFINITY,
      "0999-12-31T23:59:59Z",
      "",
      null,
      true,
      {},
    ])
      expect(wireTimestampMs(bad), String(bad)).toBeNaN();
  });
});

describe("requests with timestamps", () => {
  it("reach handlers in the ISO-8601 form every read answers", () => {
    const input = {
      Catalog: "Sandbox",
      ClientToken: "t",
      LifeCycle: {
        NextStepsHistory: [
          { Value: "a", Time: 1735689600 },
          { Value: "b", Time: "2025-01-01t05:30:00+05:30" },
          { Value: "c", Time: "2016-12-31T23:59:60Z" },
        ],
      },
    };
    expect(validateInput("CreateOpportunity", input)).toEqual([]);
    const out = normalizeInput("CreateOpportunity", input) as {
      LifeCycle: { NextStepsHistory: { Time: string }[] };
    };
    expect(out.LifeCycle.NextStepsHistory.map((s) => s.Time)).toEqual([
      "2025-01-01T00:00:00.000Z",
      "2025-01-01T00:00:00.000Z",
      "2017-01-01T00:00:00.000Z",
    ]);
  });
});
