/**
 * JSON values the model does not expect, built from a valid input: explicit nulls on any member,
 * unknown members nested deep inside known structures, numbers at and past the limits of integer
 * and timestamp members, and impossible or unusual calendar dates. Each builder says what the
 * server must answer; those that must not change the meaning of the input also give its plain
 * twin (nulls removed, unknown members left out, the same instant written the usual way), which
 * the runner sends first so the two answers can be compared.
 */
import { SHAPE_CONSTRAINTS } from "../../src/model/generated/constraints.js";
import { OPERATION_NAMES, OPERATIONS, type OperationName } from "../../src/model/generated/operations.js";
import {
  applyAt,
  DROP,
  type ExpectedCode,
  type Generated,
  independent,
  type Rng,
  type Segment,
  type Site,
  validInput,
} from "./gen.js";

/** Unknown member names start with this; no answer may ever contain it. */
export const UNKNOWN_PREFIX = "ZzFuzz";

export interface HostileInput {
  /** The input to send, with `rawMarker(i)` strings standing for `raw[i]` in the body text. */
  input: Record<string, unknown>;
  raw: string[];
  /** The same input without what makes it hostile (null → absent etc.), when it must mean the same. */
  twin?: Record<string, unknown>;
  /** The ErrorList entry the server must report; undefined = the input is valid. */
  invalid?: { field: string; code: ExpectedCode };
  describe: string;
}

export const rawMarker = (i: number) => `__FUZZ_RAW_${i}__`;

/** The JSON text of a hostile input, its raw markers replaced. */
export function hostileJson(input: unknown, raw: readonly string[]): string {
  let text = JSON.stringify(input);
  raw.forEach((r, i) => {
    text = text.replace(`"${rawMarker(i)}"`, r);
  });
  return text;
}

const shapeType = (target: string) => SHAPE_CONSTRAINTS[target]?.type;
type Kind = "integer" | "timestamp" | "date" | "container";

/** The model's date-only pattern (`Date`, and members such as TargetCompletionDate that repeat it). */
const DATE_PATTERN = (SHAPE_CONSTRAINTS.Date as { pattern?: string } | undefined)?.pattern;

function kindOf(site: Site): Kind | undefined {
  const shape = SHAPE_CONSTRAINTS[site.target];
  if (shape?.type === "string" && (site.member?.pattern ?? shape.pattern) === DATE_PATTERN) return "date";
  const t = shape?.type;
  if (t === "integer" && !(SHAPE_CONSTRAINTS[site.target] as { values?: unknown }).values) return "integer";
  if (t === "timestamp") return "timestamp";
  if (t === "structure" || t === "union") return "container";
  return undefined;
}

/** The kinds of member each operation's input can hold (walking the model's shapes once). */
const REACHABLE: Record<Kind, OperationName[]> = (() => {
  const reach = (target: string, seen: Set<string>, out: Set<Kind>, pattern?: string) => {
    const s = SHAPE_CONSTRAINTS[target];
    if (!s) return;
    if (s.type === "string" && (pattern ?? s.pattern) === DATE_PATTERN) out.add("date");
    if (seen.has(target)) return;
    seen.add(target);
    if (s.type === "integer" && !s.values) out.add("integer");
    else if (s.type === "timestamp") out.add("timestamp");
    if (s.type === "structure" || s.type === "union") {
      out.add("container");
      for (const m of s.members) reach(m.target, seen, out, m.pattern);
    } else if (s.type === "list") reach(s.member.target, seen, out);
    else if (s.type === "map") reach(s.value.target, seen, out);
  };
  const table: Record<Kind, OperationName[]> = { integer: [], timestamp: [], date: [], container: [] };
  for (const op of OPERATION_NAMES) {
    const kinds = new Set<Kind>();
    reach(OPERATIONS[op].input, new Set(), kinds);
    for (const k of kinds) table[k].push(op);
  }
  return table;
})();

/** An operation whose input can hold `kinds`, and a valid input of it with such a site. */
function withSite(
  rng: Rng,
  kinds: readonly Kind[],
): { op: OperationName; gen: Generated; site: Site } | undefined {
  const ops = [...new Set(kinds.flatMap((k) => REACHABLE[k]))];
  for (let attempt = 0; attempt < 12; attempt++) {
    const op = rng.pick(ops);
    const gen = validInput(rng, op);
    const sites = gen.sites.filter((s) => {
      const k = kindOf(s);
      return k !== undefined && kinds.includes(k);
    });
    if (sites.length > 0) return { op, gen, site: rng.pick(sites) };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Explicit nulls

/** Members whose `null` AWS documents as meaning something (src/validation/validate.ts). */
const MEANINGFUL_NULLS: Partial<Record<OperationName, string>> = {
  UpdateOpportunity: "Project.ExpectedContractDuration",
};

/** The shape holding the member at `raw`. */
function parentOf(op: OperationName, gen: Generated, raw: readonly Segment[]): string {
  if (raw.length === 1) return OPERATIONS[op].input;
  const parent = gen.sites.find(
    (s) => s.raw.length === raw.length - 1 && s.raw.every((p, i) => p === raw[i]),
  );
  return parent?.target ?? "";
}

/**
 * `null` on optional members, present ones (the twin leaves them out) and absent ones alike, at
 * any depth; never on a union's chosen member (that is a missing value, not an absent one).
 */
export function explicitNulls(rng: Rng, op: OperationName, gen: Generated): HostileInput {
  const candidates: { path: Segment[]; present: boolean }[] = [];
  const meaningful = MEANINGFUL_NULLS[op];
  const allowed = (path: Segment[]) => path.filter((p) => typeof p === "string").join(".") !== meaningful;
  for (const site of gen.sites) {
    const last = site.raw[site.raw.length - 1];
    if (typeof last !== "string" || site.required) continue;
    if (shapeType(parentOf(op, gen, site.raw)) !== "structure") continue;
    if (allowed(site.raw)) candidates.push({ path: site.raw, present: true });
  }
  const containers: { raw: Segment[]; target: string }[] = [
    { raw: [], target: OPERATIONS[op].input },
    ...gen.sites.filter((s) => kindOf(s) === "container").map((s) => ({ raw: s.raw, target: s.target })),
  ];
  for (const c of containers) {
    const shape = SHAPE_CONSTRAINTS[c.target];
    if (!shape || (shape.type !== "structure" && shape.type !== "union")) continue;
    const value = valueAt(gen.input, c.raw);
    if (typeof value !== "object" || value === null) continue;
    for (const m of shape.members) {
      if (m.name in value || (shape.type === "structure" && m.required)) continue;
      const path = [...c.raw, m.name];
      if (allowed(path)) candidates.push({ path, present: false });
    }
  }
  const chosen: { path: Segment[]; present: boolean }[] = [];
  const want = rng.int(1, 6);
  for (let i = 0; i < 30 && chosen.length < want && candidates.length > 0; i++) {
    const pick = rng.pick(candidates);
    if (chosen.every((ch) => independent(ch.path, pick.path))) chosen.push(pick);
  }
  let input = gen.input;
  let twin = gen.input;
  for (const ch of chosen) {
    input = applyAt(input, ch.path, null);
    if (ch.present) twin = applyAt(twin, ch.path, DROP);
  }
  return {
    input,
    raw: [],
    twin,
    describe: `null at ${chosen.map((c) => `${c.path.join(".")}${c.present ? "" : " (absent)"}`).join(", ") || "nothing"}`,
  };
}

function valueAt(input: unknown, raw: readonly Segment[]): unknown {
  let node: unknown = input;
  for (const seg of raw) node = (node as Record<string | number, unknown> | undefined)?.[seg];
  return node;
}

// ---------------------------------------------------------------------------------------------
// Deep nesting inside known members

/** About `bytes` of nesting (arrays, objects or both), as text (JSON.stringify would recurse). */
function deepText(rng: Rng, bytes: number): { text: string; depth: number } {
  const [open, leaf, close] = rng.pick([
    ["[", "", "]"],
    ['{"a":', "null", "}"],
    ['[{"b":', "1", "}]"],
  ] as const);
  const depth = Math.ceil(bytes / (open.length + close.length));
  return { text: `${open.repeat(depth)}${leaf}${close.repeat(depth)}`, depth };
}

/** An unknown member holding 10–25 KB of nesting, inside the input or one of its structures. */
export function deepUnknownInside(rng: Rng, op: OperationName, gen: Generated): HostileInput {
  const containers = [[], ...gen.sites.filter((s) => kindOf(s) === "container").map((s) => s.raw)];
  const at = rng.pick(containers);
  const deep = deepText(rng, rng.pick([10_240, 25_600]));
  const member = `${UNKNOWN_PREFIX}Deep`;
  const input = applyAt(gen.input, [...at, member], rawMarker(0));
  return {
    input,
    raw: [deep.text],
    twin: gen.input,
    describe: `${op} unknown member ${deep.depth} levels deep at ${at.join(".") || "(top)"}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Numbers at and past the limits

const isoOf = (ms: number) => new Date(ms).toISOString();

/** Integer members: what a JSON number past the limits must answer. */
function integerExtreme(rng: Rng, site: Site): HostileInput {
  const s = SHAPE_CONSTRAINTS[site.target] as { range?: { min?: number; max?: number } };
  const range = site.member?.range ?? s.range;
  const text = rng.pick([
    "1e308",
    "-1e20",
    "1e400",
    "-1e400",
    "9007199254740993",
    "-9007199254740993",
    "1e21",
    "-0",
    "0.5",
    "1.0",
    "1E2",
    `${range?.max ?? 2 ** 31}`,
    `${range?.min ?? -(2 ** 31)}`,
    `${(range?.max ?? 100) + 1}`,
    `${(range?.min ?? 0) - 1}`,
  ]);
  const v = JSON.parse(text) as number;
  let code: ExpectedCode | undefined;
  if (!Number.isFinite(v)) code = "VALUE_OUT_OF_RANGE";
  else if (!Number.isInteger(v)) code = "INVALID_VALUE";
  else if ((range?.min !== undefined && v < range.min) || (range?.max !== undefined && v > range.max))
    code = "VALUE_OUT_OF_RANGE";
  else if (!Number.isSafeInteger(v)) code = "VALUE_OUT_OF_RANGE";
  return { input: {}, raw: [text], invalid: code ? { field: site.field, code } : undefined, describe: text };
}

const MAX_SECONDS = 253_402_300_799; // 9999-12-31T23:59:59Z
const MIN_SECONDS = -30_610_224_000; // 1000-01-01T00:00:00Z

/** Timestamp members: epoch seconds at and past the years 1000–9999 every SDK reads back. */
function timestampExtreme(rng: Rng, site: Site): HostileInput {
  const over: [string, undefined][] = [
    ["1e308", undefined],
    ["-1e20", undefined],
    ["1e15", undefined],
    ["1e400", undefined],
    [String(MAX_SECONDS + 1), undefined],
    [String(MIN_SECONDS - 1), undefined],
    ['"1000-01-01T00:00:00+00:01"', undefined],
    ['"0099-06-01T00:00:00Z"', undefined],
    ['"9999-12-31T23:59:59-00:01"', undefined],
  ];
  const within: [string, string][] = [
    [String(MAX_SECONDS), isoOf(MAX_SECONDS * 1000)],
    [String(MIN_SECONDS), isoOf(MIN_SECONDS * 1000)],
    ["0", isoOf(0)],
    ["-1.5", isoOf(-1500)],
    ["1735689600.25", isoOf(1_735_689_600_250)],
    ['"9999-12-31T23:59:59.999Z"', "9999-12-31T23:59:59.999Z"],
  ];
  if (rng.bool(0.55)) {
    const [text] = rng.pick(over);
    return {
      input: {},
      raw: [text],
      invalid: { field: site.field, code: "VALUE_OUT_OF_RANGE" },
      describe: text,
    };
  }
  const [text, iso] = rng.pick(within);
  return { input: {}, raw: [text], twin: { iso }, describe: `${text} (= ${iso})` };
}

/** A number past (or at) the limits in an integer or timestamp member. */
export function numericExtreme(rng: Rng): { op: OperationName; hostile: HostileInput } | undefined {
  const found = withSite(rng, ["integer", "timestamp"]);
  if (!found) return undefined;
  const { op, gen, site } = found;
  const h = kindOf(site) === "integer" ? integerExtreme(rng, site) : timestampExtreme(rng, site);
  return { op, hostile: place(gen, site, h) };
}

// ---------------------------------------------------------------------------------------------
// Calendar dates

const IMPOSSIBLE_DATE_TIMES = [
  "2025-02-29T00:00:00Z",
  "2100-02-29T12:00:00Z",
  "2025-04-31T00:00:00Z",
  "2025-13-01T00:00:00Z",
  "2025-00-10T00:00:00Z",
  "2025-06-30T24:00:00Z",
  "2025-06-30T23:60:00Z",
  "2025-06-30T23:59:61Z",
  "2025-01-01T00:00:00+24:00",
  "2025-01-01T00:00:00+05:60",
  "2025-01-01 00:00:00Z",
  "2025-01-01T00:00:00",
  "2025-01-01",
  "+275760-09-13T00:00:00Z",
  "20250101T000000Z",
  "1735689600",
];
const IMPOSSIBLE_DATES = [
  "2025-02-29",
  "2100-02-29",
  "2025-04-31",
  "2025-06-31",
  "2025-11-31",
  "2025-13-01",
  "2025-02-00",
];

/** An impossible day or time in a `Date` or timestamp member. */
export function impossibleDate(rng: Rng): { op: OperationName; hostile: HostileInput } | undefined {
  const found = withSite(rng, ["timestamp", "date"]);
  if (!found) return undefined;
  const { op, gen, site } = found;
  const date = kindOf(site) === "date";
  const value = rng.pick(date ? IMPOSSIBLE_DATES : IMPOSSIBLE_DATE_TIMES);
  const code: ExpectedCode = date ? "INVALID_STRING_FORMAT" : "INVALID_VALUE";
  return {
    op,
    hostile: place(gen, site, {
      input: {},
      raw: [JSON.stringify(value)],
      invalid: { field: site.field, code },
      describe: value,
    }),
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** Ways of writing one instant that all mean it: the server must store them alike. */
function timeForm(rng: Rng): [string, string] {
  const ms = rng.int(0, 4_102_444_800) * 1000 + rng.int(0, 999); // 1970–2100
  const iso = isoOf(ms);
  const d = new Date(ms);
  switch (rng.int(0, 5)) {
    case 0:
      return [JSON.stringify(iso.replace("T", "t").replace("Z", "z")), iso];
    case 1: {
      const offsetMin = rng.pick([330, -480, 60, -150, 840]);
      const local = new Date(ms + offsetMin * 60_000);
      const sign = offsetMin < 0 ? "-" : "+";
      const abs = Math.abs(offsetMin);
      const text = `${local.toISOString().slice(0, 23)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
      return [JSON.stringify(text), iso];
    }
    case 2:
      return [JSON.stringify(`${iso.slice(0, 23)}000000Z`), iso];
    case 3: {
      // A leap second reads as the first instant of the next day, as the SDKs read it.
      const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
      const next = isoOf(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1));
      return [JSON.stringify(`${day}T23:59:60Z`), next];
    }
    case 4:
      return [String(ms / 1000), iso];
    default:
      return [JSON.stringify(`${iso.slice(0, 19)}Z`), isoOf(Math.floor(ms / 1000) * 1000)];
  }
}

/** An unusual but valid way to write a time, or a real leap day in a `Date` member. */
export function timeForms(rng: Rng): { op: OperationName; hostile: HostileInput } | undefined {
  const found = withSite(rng, ["timestamp", "date"]);
  if (!found) return undefined;
  const { op, gen, site } = found;
  if (kindOf(site) === "date") {
    const value = rng.pick(["2024-02-29", "2000-02-29", "2028-02-29", "2025-12-31", "2025-01-31"]);
    return { op, hostile: place(gen, site, { input: {}, raw: [JSON.stringify(value)], describe: value }) };
  }
  const [text, iso] = timeForm(rng);
  return {
    op,
    hostile: place(gen, site, { input: {}, raw: [text], twin: { iso }, describe: `${text} (= ${iso})` }),
  };
}

/** Puts a site's hostile value (raw text) into the valid input; the twin holds its ISO form. */
function place(gen: Generated, site: Site, h: HostileInput): HostileInput {
  const input = applyAt(gen.input, site.raw, rawMarker(0));
  const iso = (h.twin as { iso?: string } | undefined)?.iso;
  return {
    input,
    raw: h.raw,
    twin: iso === undefined ? undefined : applyAt(gen.input, site.raw, iso),
    invalid: h.invalid,
    describe: `${site.field} := ${h.describe}`,
  };
}

/**
 * Operations whose answer a second identical request must repeat: reads (except of resources
 * that can be deleted meanwhile) and writes with a ClientToken (the second is a replay).
 */
export function repeatable(op: OperationName): boolean {
  const spec = OPERATIONS[op];
  return (spec.readonly && op !== "GetResourceSnapshotJob") || spec.idempotencyToken !== undefined;
}
