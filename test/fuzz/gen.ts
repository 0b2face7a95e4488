/**
 * Model-driven input generators for the fuzzer: a VALID input per operation built from the
 * generated constraint tables, and single-field MUTATIONS that each know the ValidationException
 * entry (lower-camel dotted FieldName + Code) the server must answer with.
 */
import {
  type Bounds,
  type MemberConstraint,
  SHAPE_CONSTRAINTS,
  type ShapeConstraint,
} from "../../src/model/generated/constraints.js";
import { OPERATIONS, type OperationName } from "../../src/model/generated/operations.js";

// ---------------------------------------------------------------------------------------------
// Seeded PRNG (mulberry32): every run with the same seed produces the same cases.

export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  bool(p = 0.5): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chars(alphabet: string, n: number): string {
    let s = "";
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of table) total += w;
    let r = this.next() * total;
    for (const [v, w] of table) {
      r -= w;
      if (r < 0) return v;
    }
    return table[table.length - 1]![0];
  }
}

const LOWER_ALNUM = "0123456789abcdefghijklmnopqrstuvwxyz";
const ALNUM = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS = "0123456789";
const HEX = "0123456789abcdef";
const TEXT_UNITS = [..."abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ0123456789-_.,", "é", "日", "ß", "😀"];

/** Ids the server has handed out (harvested from 200 responses), per pattern family. */
export const ID_POOL: Record<
  "opportunity" | "engagement" | "invitation" | "task" | "prospectingTask" | "job",
  string[]
> = {
  prospectingTask: [],
  opportunity: [],
  engagement: [],
  invitation: [],
  task: [],
  job: [],
};

export function harvestIds(value: unknown, depth = 0): void {
  if (depth > 4 || value === null || typeof value !== "object") return;
  for (const v of Array.isArray(value) ? value : Object.values(value)) {
    if (typeof v === "string") {
      const family = /^O\d{1,19}$/.test(v)
        ? "opportunity"
        : /^eng-[0-9a-z]{14}$/.test(v)
          ? "engagement"
          : /^engi-[0-9a-z]{13}$/.test(v)
            ? "invitation"
            : /^task-[0-9a-z]{13}$/.test(v)
              ? "task"
              : /^task-[0-9a-z]{14}$/.test(v)
                ? "prospectingTask"
                : /^job-[0-9a-z]{13}$/.test(v)
                  ? "job"
                  : undefined;
      if (family) {
        const pool = ID_POOL[family];
        if (pool.length < 200 && !pool.includes(v)) pool.push(v);
      }
    } else harvestIds(v, depth + 1);
  }
}

const fromPool = (rng: Rng, family: keyof typeof ID_POOL, fresh: () => string) => {
  const pool = ID_POOL[family];
  return pool.length > 0 && rng.bool(0.6) ? rng.pick(pool) : fresh();
};

/** Random text of `n` code points from TEXT_UNITS (no line terminators). */
function text(rng: Rng, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++)
    s += rng.next() < 0.9 ? rng.pick(TEXT_UNITS.slice(0, -4)) : rng.pick(TEXT_UNITS);
  return s;
}

export interface PatternInfo {
  /** A valid value; `len` is an optional wanted length inside the bounds. */
  valid(rng: Rng, bounds: { min: number; max: number }, catalog: string): string;
  /** A value within the length bounds that breaks the pattern, or null if only length can break it. */
  invalid: string | null;
}

const LENGTH_ONLY = /^\^(\(\?s\))?\.\{(\d+),(\d+)\}\$$/;
const LOOKAHEAD = /^\^\(\?=\.\{(\d+),(\d+)\}\$\)/;

const ymd = (rng: Rng) =>
  `${rng.int(2000, 2099)}-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`;

/** Known-valid (and known-invalid) examples per model pattern that is not a plain length bound. */
const PATTERNS: Record<string, PatternInfo> = {
  "^[1-9][0-9]{3}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$": { valid: ymd, invalid: "2025-13-01" },
  "^O[0-9]{1,19}$": {
    valid: (r) => fromPool(r, "opportunity", () => `O${r.int(1, 9)}${r.chars(DIGITS, r.int(0, 12))}`),
    invalid: "X1234567",
  },
  "^job-[0-9a-z]{13}$": {
    valid: (r) => fromPool(r, "job", () => `job-${r.chars(LOWER_ALNUM, 13)}`),
    invalid: "job-ABC",
  },
  "^eng-[0-9a-z]{14}$": {
    valid: (r) => fromPool(r, "engagement", () => `eng-${r.chars(LOWER_ALNUM, 14)}`),
    invalid: "eng-short",
  },
  "^https://(calculator\\.aws|pricing\\.calculator\\.aws\\.eu)/#/estimate\\?id=[a-f0-9]{32,64}$": {
    valid: (r) =>
      `https://${r.pick(["calculator.aws", "pricing.calculator.aws.eu"])}/#/estimate?id=${r.chars(HEX, r.int(32, 64))}`,
    invalid: "https://example.com/#/estimate?id=abc",
  },
  "^\\+[1-9]\\d{1,14}$": {
    valid: (r) => `+${r.int(1, 9)}${r.chars(DIGITS, r.int(1, 14))}`,
    invalid: "555-0100",
  },
  "^[a-zA-Z]+$": { valid: (_r, _b, catalog) => catalog, invalid: "AWS1" },
  "^[a-zA-Z0-9]{3,80}$": { valid: (r) => r.chars(ALNUM, r.int(3, 20)), invalid: "ab-cd" },
  "^[\\u0020-\\u007E\\u00A0-\\uD7FF\\uE000-\\uFFFD]{1,80}$": {
    valid: (r) => r.chars(`${ALNUM} !#~é`, r.int(1, 30)),
    invalid: "bad\u0001char",
  },
  "^[1-9][0-9]*$": { valid: (r) => `${r.int(1, 9)}${r.chars(DIGITS, r.int(0, 6))}`, invalid: "0123" },
  "^[0-9]{9}$": { valid: (r) => r.chars(DIGITS, 9), invalid: "12345678a" },
  "^S-[0-9]{1,19}$": { valid: (r) => `S-${r.chars(DIGITS, r.int(1, 12))}`, invalid: "S-abc" },
  "^.{1,255}$": {
    valid: (r, b) => text(r, r.int(Math.max(1, b.min), Math.min(40, b.max))),
    invalid: "line\nbreak",
  },
  "^(arn:.*|task-[0-9a-z]{13})$": {
    valid: (r) => fromPool(r, "task", () => `task-${r.chars(LOWER_ALNUM, 13)}`),
    invalid: "tsk-123",
  },
  "^task-[0-9a-z]{14}$": {
    valid: (r) => fromPool(r, "prospectingTask", () => `task-${r.chars(LOWER_ALNUM, 14)}`),
    invalid: "task-0123456789abc",
  },
  "^arn:aws:partnercentral-selling:.*:.*:catalog/.*/prospecting-from-engagement-task/task-[0-9a-z]{14}$": {
    valid: (r, _b, c) =>
      `arn:aws:partnercentral-selling:us-east-1::catalog/${c}/prospecting-from-engagement-task/task-${r.chars(LOWER_ALNUM, 14)}`,
    invalid: "arn:aws:partnercentral:us-east-1::catalog/Sandbox/prospecting-from-engagement-task/task-1",
  },
  "^arn:.*": {
    valid: (r) =>
      `arn:aws:aws-marketplace:us-east-1:${r.chars(DIGITS, 12)}:AWSMarketplace/Solution/sol-${r.chars(LOWER_ALNUM, 13)}`,
    invalid: "solution-1",
  },
  "^ctx-[0-9a-z]{14}$": { valid: (r) => `ctx-${r.chars(LOWER_ALNUM, 14)}`, invalid: "ctx-1" },
  "^(arn:.*|eng-[0-9a-z]{14})$": {
    valid: (r, _b, c) =>
      fromPool(r, "engagement", () =>
        r.bool(0.8)
          ? `eng-${r.chars(LOWER_ALNUM, 14)}`
          : `arn:aws:partnercentral:us-east-1::catalog/${c}/engagement/eng-${r.chars(LOWER_ALNUM, 14)}`,
      ),
    invalid: "engagement-1",
  },
  "^([0-9]{12}|\\w{1,12})$": {
    valid: (r) => r.pick(["111122223333", "444455556666", "777788889999", "123456789012", "aws"]),
    invalid: "bad account!",
  },
  "^(?=.{4,255}$)((http|https)://)??(www[.])??([a-zA-Z0-9]|-)+?([.][a-zA-Z0-9(-|/|=|?)??]+?)+?$": {
    valid: (r) =>
      r.pick(["https://www.example.com", "http://example.org", "www.partner-a.example.com", "example.com"]),
    invalid: "!!not a url!!",
  },
  "^(?=.{1,80}$)[a-zA-Z0-9.!#$%&'*+/=?^_{|}~-]+@[a-zA-Z0-9-]+(?:.[a-zA-Z0-9-]+)*$": {
    valid: (r) => `${r.chars(ALNUM, r.int(1, 12))}@example.com`,
    invalid: "no-at-sign",
  },
  "^(?=.{1,255}$)(arn:.*|engi-[0-9a-z]{13})$": {
    valid: (r) => fromPool(r, "invitation", () => `engi-${r.chars(LOWER_ALNUM, 13)}`),
    invalid: "invitation-1",
  },
  "^(?=.{1,128}$)([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$": {
    valid: (r) => `${r.chars(ALNUM, r.int(1, 20))}_key`,
    invalid: "bad!key",
  },
  "^(?=.{1,1000}$)arn:[\\w+=/,.@-]+:partnercentral:[\\w+=/,.@-]*:[0-9]{12}:catalog/([a-zA-Z]+)/[\\w+=,.@-]+(/[\\w+=,.@-]+)*$":
    {
      valid: (r, _b, c) =>
        `arn:aws:partnercentral:us-east-1:${r.pick(["111122223333", "444455556666"])}:catalog/${c}/opportunity/O${r.chars(DIGITS, 8)}`,
      invalid: "arn:aws:s3:::bucket",
    },
  "^(?=.{0,80}$)[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$":
    { valid: (r) => `${r.chars(LOWER_ALNUM, r.int(1, 10))}.doe@example.com`, invalid: "Not An Email" },
  "^(?=.{0,256}$)([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$": {
    valid: (r) => `${r.chars(ALNUM, r.int(0, 20))} value`,
    invalid: "bad!value",
  },
  "^(?=.{0,2048}$)(arn:aws:iam::\\d{12}:role/([-+=,.@_a-zA-Z0-9]+/)*)?[-+=,.@_a-zA-Z0-9]{1,64}$": {
    valid: (r) =>
      r.pick([
        "arn:aws:iam::111122223333:role/PartnerRole",
        "arn:aws:iam::111122223333:role/a/b/Role",
        "Role_1",
      ]),
    invalid: "bad role!",
  },
  "^(0|([1-9][0-9]{0,30}))(\\.[0-9]{0,2})?$": {
    valid: (r) => r.pick(["0", "1000", "12345.67", "99.9", `${r.int(1, 999999)}.00`]),
    invalid: "01.5",
  },
  "^((0|([1-9][0-9]{0,30}))(\\.[0-9]{0,2})?)?$": {
    valid: (r) => r.pick(["0", "250", "1000.50", `${r.int(1, 999999)}`]),
    invalid: "-5",
  },
};

export function patternInfo(pattern: string): PatternInfo {
  const known = PATTERNS[pattern];
  if (known) return known;
  const m = LENGTH_ONLY.exec(pattern);
  if (m) {
    const dotAll = m[1] !== undefined;
    return {
      valid: (r, b) => {
        const hi = Math.min(b.max, r.bool(0.05) ? b.max : b.min + 30);
        const s = text(r, r.int(b.min, Math.max(b.min, hi)));
        return dotAll && s.length > 0 && r.bool(0.05) ? `${s.slice(0, -1)}\n` : s;
      },
      invalid: dotAll ? null : "line\nbreak",
    };
  }
  throw new Error(`fuzz generator: no example for pattern ${pattern}`);
}

/** The length bounds (in code points) a string member must respect: shape/member length ∩ pattern. */
export function stringBounds(
  pattern: string | undefined,
  length: Bounds | undefined,
): { min: number; max: number } {
  let min = length?.min ?? 0;
  let max = length?.max ?? Number.POSITIVE_INFINITY;
  if (pattern) {
    const m = LENGTH_ONLY.exec(pattern) ?? LOOKAHEAD.exec(pattern);
    if (m) {
      const lo = Number(m.length === 4 ? m[2] : m[1]);
      const hi = Number(m.length === 4 ? m[3] : m[2]);
      min = Math.max(min, lo);
      max = Math.min(max, hi);
    }
  }
  return { min, max };
}

// ---------------------------------------------------------------------------------------------
// Valid generation, recording every present value as a mutation site.

export type Segment = string | number;

export interface Site {
  /** Raw JSON path (member names as sent, list indices). */
  raw: Segment[];
  /** The lower-camel dotted FieldName the server reports (`project.expectedCustomerSpend[0].amount`). */
  field: string;
  target: string;
  member: MemberConstraint | undefined;
  /** A required member of a structure (can be dropped). */
  required: boolean;
}

const lowerCamel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

const shapeOf = (target: string): ShapeConstraint => {
  const s = SHAPE_CONSTRAINTS[target];
  if (!s) throw new Error(`unknown shape ${target}`);
  return s;
};

export function fieldName(raw: readonly Segment[]): string {
  let out = "";
  for (const seg of raw) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? lowerCamel(seg) : `.${lowerCamel(seg)}`;
  }
  return out;
}

class Generator {
  readonly sites: Site[] = [];
  constructor(
    readonly rng: Rng,
    readonly catalog: string,
  ) {}

  value(target: string, member: MemberConstraint | undefined, raw: Segment[], depth: number): unknown {
    const shape = shapeOf(target);
    const r = this.rng;
    switch (shape.type) {
      case "string": {
        const pattern = member?.pattern ?? shape.pattern;
        const bounds = stringBounds(pattern, member?.length ?? shape.length);
        if (!pattern)
          return text(r, r.int(bounds.min, Math.max(bounds.min, Math.min(bounds.max, bounds.min + 20))));
        return patternInfo(pattern).valid(r, bounds, this.catalog);
      }
      case "enum":
        return r.pick(shape.values);
      case "integer": {
        if (shape.values) return r.pick(shape.values);
        const range = member?.range ?? shape.range;
        const min = range?.min ?? 0;
        const max = range?.max ?? min + 1000;
        return r.int(min, Math.min(max, min + 1000));
      }
      case "number":
        return r.int(0, 1000) / 4;
      case "boolean":
        return r.bool();
      case "timestamp":
        return r.bool(0.8)
          ? `${ymd(r)}T${String(r.int(0, 23)).padStart(2, "0")}:15:30Z`
          : r.int(1_500_000_000, 1_900_000_000);
      case "blob":
        return Buffer.from(text(r, 8)).toString("base64");
      case "document":
        return { any: [1, "two", { three: true }] };
      case "list": {
        const len = member?.length ?? shape.length;
        const min = len?.min ?? 0;
        const max = Math.min(len?.max ?? 4, depth > 5 ? min : min + 3);
        const n = r.int(min, Math.max(min, max));
        const out: unknown[] = [];
        for (let i = 0; i < n; i++)
          out.push(this.visit(shape.member.target, shape.member, [...raw, i], depth + 1, false));
        return out;
      }
      case "map": {
        const out: Record<string, unknown> = {};
        const n = r.int(shape.length?.min ?? 0, Math.min(shape.length?.max ?? 3, 3));
        for (let i = 0; i < n; i++) {
          const k = String(this.value(shape.key.target, shape.key, [], depth + 1));
          out[k] = this.visit(shape.value.target, shape.value, [...raw, k], depth + 1, false);
        }
        return out;
      }
      case "structure": {
        const out: Record<string, unknown> = {};
        const p = depth === 0 ? 0.6 : depth > 5 ? 0 : 0.45;
        for (const m of shape.members) {
          // A random NextToken is refused by the handler (unknown token): send one now and then only.
          const pm = m.name === "NextToken" ? 0.1 : p;
          if (m.required || r.bool(pm))
            out[m.name] = this.visit(m.target, m, [...raw, m.name], depth + 1, m.required === true);
        }
        return out;
      }
      case "union": {
        const m = r.pick(shape.members);
        return { [m.name]: this.visit(m.target, m, [...raw, m.name], depth + 1, false) };
      }
    }
  }

  visit(
    target: string,
    member: MemberConstraint | undefined,
    raw: Segment[],
    depth: number,
    required: boolean,
  ): unknown {
    this.sites.push({ raw, field: fieldName(raw), target, member, required });
    return this.value(target, member, raw, depth);
  }
}

export interface Generated {
  input: Record<string, unknown>;
  sites: Site[];
  catalog: string;
}

export function validInput(rng: Rng, operation: OperationName): Generated {
  const catalog = rng.bool(0.7) ? "Sandbox" : "AWS";
  const g = new Generator(rng, catalog);
  const input = g.value(OPERATIONS[operation].input, undefined, [], 0) as Record<string, unknown>;
  return { input, sites: g.sites, catalog };
}

/** A fresh valid value for one site (used to grow lists past their maximum). */
export function validValue(
  rng: Rng,
  catalog: string,
  target: string,
  member: MemberConstraint | undefined,
): unknown {
  return new Generator(rng, catalog).value(target, member, [], 3);
}

// ---------------------------------------------------------------------------------------------
// Mutations

export type ExpectedCode =
  | "REQUIRED_FIELD_MISSING"
  | "INVALID_ENUM_VALUE"
  | "INVALID_STRING_FORMAT"
  | "INVALID_VALUE"
  | "TOO_MANY_VALUES"
  | "NOT_ENOUGH_VALUES"
  | "VALUE_OUT_OF_RANGE";

export interface Mutation {
  kind: string;
  /** The ErrorList entry the server must report; `field` null = only "some REQUEST_VALIDATION_FAILED". */
  expect: { field: string; code: ExpectedCode } | null;
  /** Replacement value; DROP deletes the member. */
  value: unknown;
}

export const DROP = Symbol("drop");

/** Nested arrays `depth` deep, built as text (JSON.stringify would recurse). */
export const deepArrayJson = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
/** A marker replaced by deepArrayJson in the serialized body. */
export const DEEP_MARKER = "__FUZZ_DEEP_ARRAY__";

/** Every mutation that applies to a site, with the entry it must produce. */
export function mutationsFor(rng: Rng, site: Site, catalog: string): Mutation[] {
  const shape = shapeOf(site.target);
  const f = site.field;
  const out: Mutation[] = [];
  const add = (kind: string, code: ExpectedCode | null, value: unknown, field = f) =>
    out.push({ kind, expect: code ? { field, code } : null, value });
  if (site.required) {
    add("drop-required", "REQUIRED_FIELD_MISSING", DROP);
    add("null-required", "REQUIRED_FIELD_MISSING", null);
  }
  switch (shape.type) {
    case "string": {
      const pattern = site.member?.pattern ?? shape.pattern;
      const b = stringBounds(pattern, site.member?.length ?? shape.length);
      if (f === "catalog")
        add("enum-catalog", "INVALID_ENUM_VALUE", rng.pick(["Foo", "aws", "SANDBOX", "Prod"]));
      if (Number.isFinite(b.max)) add("length-over", "INVALID_STRING_FORMAT", "a".repeat(b.max + 1));
      if (b.min > 0) add("length-under", "INVALID_STRING_FORMAT", "a".repeat(b.min - 1));
      if (pattern) {
        const inv = patternInfo(pattern).invalid;
        if (inv !== null) add("pattern", "INVALID_STRING_FORMAT", inv);
      }
      add("type-number", "INVALID_VALUE", rng.pick([42, 0, -1.5]));
      add("type-other", "INVALID_VALUE", rng.pick([true, {}, ["x"]]));
      break;
    }
    case "enum":
      add("enum", "INVALID_ENUM_VALUE", rng.pick(["NOT_A_VALUE", "", "x".repeat(300)]));
      {
        const v = rng.pick(shape.values);
        const changed = v === v.toLowerCase() ? v.toUpperCase() : v.toLowerCase();
        if (!shape.values.includes(changed)) add("enum-case", "INVALID_ENUM_VALUE", changed);
      }
      add("type-number", "INVALID_VALUE", 7);
      add("type-other", "INVALID_VALUE", rng.pick([false, { v: 1 }, [shape.values[0]]]));
      break;
    case "integer": {
      const range = site.member?.range ?? shape.range;
      if (range?.max !== undefined) add("range-over", "VALUE_OUT_OF_RANGE", range.max + 1);
      if (range?.min !== undefined) add("range-under", "VALUE_OUT_OF_RANGE", range.min - 1);
      add("range-huge", "VALUE_OUT_OF_RANGE", rng.pick([2 ** 60, 1e21, -(2 ** 60)]));
      add("type-string", "INVALID_VALUE", rng.pick(["12", "one", ""]));
      add("type-float", "INVALID_VALUE", rng.pick([1.5, 10.25]));
      add("type-other", "INVALID_VALUE", rng.pick([true, [], {}]));
      break;
    }
    case "number":
      add("type-string", "INVALID_VALUE", "1.5");
      break;
    case "boolean":
      add("type-string", "INVALID_VALUE", rng.pick(["true", "false", 1, 0]));
      break;
    case "timestamp":
      add(
        "type-bad-date",
        "INVALID_VALUE",
        rng.pick(["2025-02-30T00:00:00Z", "yesterday", "2025-01-01", true, {}]),
      );
      break;
    case "blob":
      add("type-number", "INVALID_VALUE", 5);
      break;
    case "document":
      break;
    case "list": {
      const len = site.member?.length ?? shape.length;
      if (len?.max !== undefined) {
        const items: unknown[] = [];
        for (let i = 0; i <= len.max; i++)
          items.push(validValue(rng, catalog, shape.member.target, shape.member));
        add("list-too-many", "TOO_MANY_VALUES", items);
      }
      if (len?.min !== undefined && len.min > 0) {
        const items: unknown[] = [];
        for (let i = 0; i < len.min - 1; i++)
          items.push(validValue(rng, catalog, shape.member.target, shape.member));
        add("list-not-enough", "NOT_ENOUGH_VALUES", items);
      }
      add("type-object", "INVALID_VALUE", rng.pick([{}, { 0: "a" }, "list", 3]));
      const elementShape = shapeOf(shape.member.target);
      if (elementShape.type !== "document" && elementShape.type !== "list")
        add("list-null-entry", "INVALID_VALUE", [null], `${f}[0]`);
      break;
    }
    case "map":
      add("type-array", "INVALID_VALUE", []);
      break;
    case "structure":
      add("type-array", "INVALID_VALUE", rng.pick([[], [{}], "struct", 1]));
      break;
    case "union": {
      add("union-empty", "INVALID_VALUE", {});
      if (shape.members.length > 1) {
        const [a, b] = [shape.members[0]!, shape.members[1]!];
        add("union-two", "INVALID_VALUE", {
          [a.name]: validValue(rng, catalog, a.target, a),
          [b.name]: validValue(rng, catalog, b.target, b),
        });
      }
      add("type-array", "INVALID_VALUE", rng.pick([[], "u", 9]));
      break;
    }
  }
  return out;
}

/** Sets (or deletes) the value at `raw` in a structured clone of `input`. */
export function applyAt(
  input: Record<string, unknown>,
  raw: readonly Segment[],
  value: unknown,
): Record<string, unknown> {
  const copy = structuredClone(input);
  let node: any = copy;
  for (let i = 0; i < raw.length - 1; i++) node = node[raw[i]!];
  const last = raw[raw.length - 1]!;
  if (value === DROP) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
}

/** True when neither path is a prefix of the other (mutating both keeps both reports). */
export function independent(a: readonly Segment[], b: readonly Segment[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return true;
  return false;
}
