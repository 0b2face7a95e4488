/**
 * Model-driven request validation (docs/design.md, "Decisions where AWS is silent":
 * Validation). Every shape of an operation input is compiled once into a closure; a request is
 * checked against its operation's input structure and ALL violations are returned, each with a
 * lower-camel dotted `FieldName` (`project.expectedCustomerSpend[0].amount`), a short `Message`
 * and a `Code`. Never throws on a JSON value; unknown members are ignored; `null` is absent.
 */

import type { ValidationErrorCode, ValidationIssue } from "../errors.js";
import {
  type Bounds,
  type MemberConstraint,
  SHAPE_CONSTRAINTS,
  type ShapeConstraint,
} from "../model/generated/constraints.js";
import { OPERATIONS, type OperationName } from "../model/generated/operations.js";
import { isoTime } from "../util/clock.js";
import {
  isCalendarDate,
  isRepresentableTime,
  parseDateTime,
  TIME_RANGE_TEXT,
  wireTimestampMs,
} from "../util/rfc3339.js";
import { compileSafePattern, describePattern, lengthWithin } from "./patterns.js";

/** At most this many issues per request: a hostile huge array cannot build a huge error. */
export const MAX_ISSUES = 100;

/** Enums with more values than this are not listed in full in messages. */
const MAX_LISTED_ENUM_VALUES = 20;

type Segment = string | number;

class Context {
  readonly issues: ValidationIssue[] = [];
  readonly path: Segment[] = [];
  full = false;

  report(Code: ValidationErrorCode, Message: string): void {
    if (this.full) return;
    const FieldName = fieldName(this.path);
    this.issues.push(FieldName === undefined ? { Message, Code } : { FieldName, Message, Code });
    if (this.issues.length >= MAX_ISSUES) this.full = true;
  }
}

function fieldName(path: readonly Segment[]): string | undefined {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? seg : `.${seg}`;
  }
  return out === "" ? undefined : out;
}

/** `ExpectedCustomerSpend` → `expectedCustomerSpend`. */
export const lowerCamel = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

/** Checks a present (non-null) value; the caller has pushed its path segment. */
type Check = (value: unknown, ctx: Context) => void;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

// ---------------------------------------------------------------------------------------------
// Scalars

function rangeText(b: Bounds): string {
  if (b.min !== undefined && b.max !== undefined) return `between ${b.min} and ${b.max}`;
  if (b.min !== undefined) return `at least ${b.min}`;
  return `at most ${b.max}`;
}

const outside = (n: number, b: Bounds | undefined) =>
  b !== undefined && ((b.min !== undefined && n < b.min) || (b.max !== undefined && n > b.max));

const plural = (n: number | undefined, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * The pattern of the model's date-only `Date` shape (also on members such as a customer
 * project's `TargetCompletionDate`): it admits days such as 2025-02-30, which are checked apart.
 */
const DATE_PATTERN = (SHAPE_CONSTRAINTS.Date as { pattern?: string } | undefined)?.pattern;

function stringCheck(pattern: string | undefined, length: Bounds | undefined): Check {
  const calendarDate = pattern !== undefined && pattern === DATE_PATTERN;
  const matcher = pattern === undefined ? undefined : compileSafePattern(pattern);
  const patternMessage = pattern === undefined ? "" : describePattern(pattern);
  const min = length?.min ?? 0;
  const max = length?.max ?? Number.POSITIVE_INFINITY;
  const lengthMessage = length ? `Value must be ${rangeText(length)} characters long` : "";
  return (v, ctx) => {
    if (typeof v !== "string") return ctx.report("INVALID_VALUE", "Value must be a string");
    if (length && !lengthWithin(v, min, max, true)) ctx.report("INVALID_STRING_FORMAT", lengthMessage);
    if (matcher && !matcher.test(v)) ctx.report("INVALID_STRING_FORMAT", patternMessage);
    else if (calendarDate && !isCalendarDate(v))
      ctx.report("INVALID_STRING_FORMAT", "Value must be a calendar date (YYYY-MM-DD) that exists");
  };
}

function enumCheck(target: string, values: readonly string[]): Check {
  const allowed = new Set(values);
  const message =
    values.length <= MAX_LISTED_ENUM_VALUES
      ? `Value must be one of: ${values.join(", ")}`
      : `Value must be a valid ${target} (one of ${values.length} values)`;
  return (v, ctx) => {
    if (typeof v !== "string") return ctx.report("INVALID_VALUE", "Value must be a string");
    if (!allowed.has(v)) ctx.report("INVALID_ENUM_VALUE", message);
  };
}

function integerCheck(range: Bounds | undefined, values: readonly number[] | undefined): Check {
  const rangeMessage = range ? `Value must be ${rangeText(range)}` : "";
  const allowed = values ? new Set(values) : undefined;
  return (v, ctx) => {
    // 1e400 parses as Infinity: a number too large, not a wrong type.
    if (v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY)
      return ctx.report("VALUE_OUT_OF_RANGE", "Value is too large");
    if (typeof v !== "number" || !Number.isInteger(v))
      return ctx.report("INVALID_VALUE", "Value must be an integer");
    if (outside(v, range)) ctx.report("VALUE_OUT_OF_RANGE", rangeMessage);
    else if (!Number.isSafeInteger(v)) ctx.report("VALUE_OUT_OF_RANGE", "Value is too large");
    else if (allowed && !allowed.has(v))
      ctx.report("INVALID_ENUM_VALUE", `Value must be one of: ${values!.join(", ")}`);
  };
}

function numberCheck(range: Bounds | undefined): Check {
  const rangeMessage = range ? `Value must be ${rangeText(range)}` : "";
  return (v, ctx) => {
    if (v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY)
      return ctx.report("VALUE_OUT_OF_RANGE", "Value is too large");
    if (typeof v !== "number" || Number.isNaN(v))
      return ctx.report("INVALID_VALUE", "Value must be a number");
    if (outside(v, range)) ctx.report("VALUE_OUT_OF_RANGE", rangeMessage);
  };
}

const booleanCheck: Check = (v, ctx) => {
  if (typeof v !== "boolean") ctx.report("INVALID_VALUE", "Value must be a boolean");
};

const DATE_TIME_MESSAGE = "Value must be an ISO-8601 date-time such as 2023-05-01T20:37:46Z";
const TIME_RANGE_MESSAGE = `Value must be a time ${TIME_RANGE_TEXT}`;

/**
 * An RFC 3339 date-time, or epoch seconds as a JSON number (awsJson 1.0's default form, which
 * other clients than the SDKs send), within the years RFC 3339 can write.
 */
const timestampCheck: Check = (v, ctx) => {
  let ms: number;
  if (typeof v === "number") ms = v * 1000;
  else if (typeof v === "string") ms = parseDateTime(v);
  else return ctx.report("INVALID_VALUE", DATE_TIME_MESSAGE);
  if (Number.isNaN(ms)) ctx.report("INVALID_VALUE", DATE_TIME_MESSAGE);
  else if (!isRepresentableTime(ms)) ctx.report("VALUE_OUT_OF_RANGE", TIME_RANGE_MESSAGE);
};

const anyCheck: Check = () => {};

// ---------------------------------------------------------------------------------------------
// Aggregates

function listCheck(element: Check, length: Bounds | undefined): Check {
  const max = length?.max;
  const min = length?.min;
  const tooMany = `Must have at most ${plural(max, "item")}`;
  const notEnough = `Must have at least ${plural(min, "item")}`;
  return (v, ctx) => {
    if (!Array.isArray(v)) return ctx.report("INVALID_VALUE", "Value must be a list");
    const n = v.length;
    if (max !== undefined && n > max) ctx.report("TOO_MANY_VALUES", tooMany);
    else if (min !== undefined && n < min) ctx.report("NOT_ENOUGH_VALUES", notEnough);
    const path = ctx.path;
    for (let i = 0; i < n && !ctx.full; i++) {
      const e = v[i];
      path.push(i);
      if (e === null || e === undefined) ctx.report("INVALID_VALUE", "List entries must not be null");
      else element(e, ctx);
      path.pop();
    }
  };
}

function mapCheck(key: Check, value: Check, length: Bounds | undefined): Check {
  const max = length?.max;
  const min = length?.min;
  return (v, ctx) => {
    if (!isObject(v)) return ctx.report("INVALID_VALUE", "Value must be an object");
    const keys = Object.keys(v);
    if (max !== undefined && keys.length > max)
      ctx.report("TOO_MANY_VALUES", `Must have at most ${plural(max, "entry")}`);
    else if (min !== undefined && keys.length < min) {
      ctx.report("NOT_ENOUGH_VALUES", `Must have at least ${plural(min, "entry")}`);
    }
    const path = ctx.path;
    for (const k of keys) {
      if (ctx.full) return;
      path.push(k);
      key(k, ctx);
      const e = v[k];
      if (e === null || e === undefined) ctx.report("INVALID_VALUE", "Map values must not be null");
      else value(e, ctx);
      path.pop();
    }
  };
}

interface CompiledMember {
  name: string;
  segment: string;
  required: boolean;
  check: Check;
}

function compileMembers(members: readonly (MemberConstraint & { name: string })[]): CompiledMember[] {
  return members.map((m) => ({
    name: m.name,
    segment: lowerCamel(m.name),
    required: m.required === true,
    check: memberCheck(m),
  }));
}

function structureCheck(members: CompiledMember[]): Check {
  return (v, ctx) => {
    if (!isObject(v)) return ctx.report("INVALID_VALUE", "Value must be an object");
    const path = ctx.path;
    for (let i = 0; i < members.length; i++) {
      if (ctx.full) return;
      const m = members[i]!;
      const mv = v[m.name];
      if (mv === undefined || mv === null) {
        if (m.required) {
          path.push(m.segment);
          ctx.report("REQUIRED_FIELD_MISSING", "Field is required");
          path.pop();
        }
        continue;
      }
      path.push(m.segment);
      m.check(mv, ctx);
      path.pop();
    }
  };
}

function unionCheck(members: CompiledMember[]): Check {
  const names = members.map((m) => m.name).join(", ");
  return (v, ctx) => {
    if (!isObject(v)) return ctx.report("INVALID_VALUE", "Value must be an object");
    let set: CompiledMember | undefined;
    let count = 0;
    for (const m of members) {
      const mv = v[m.name];
      if (mv !== undefined && mv !== null) {
        count++;
        set = m;
      }
    }
    if (count !== 1 || !set) {
      return ctx.report("INVALID_VALUE", `Exactly one of ${names} must be set, found ${count}`);
    }
    ctx.path.push(set.segment);
    set.check(v[set.name], ctx);
    ctx.path.pop();
  };
}

// ---------------------------------------------------------------------------------------------
// Compilation (once per shape and per member override)

interface LazyCheck {
  readonly check: Check;
  readonly force: () => Check;
}

const shapeChecks = new Map<string, LazyCheck>();

function constraintOf(target: string): ShapeConstraint {
  const shape = SHAPE_CONSTRAINTS[target];
  if (!shape) throw new Error(`No constraints for shape ${target}`);
  return shape;
}

/** The check of a target shape, with the member's own traits overriding the target's. */
function memberCheck(member: MemberConstraint): Check {
  const { pattern, length, range } = member;
  if (pattern === undefined && length === undefined && range === undefined) return shapeCheck(member.target);
  return build(member.target, member);
}

/** The check of a shape without overrides, built on first use (the indirection allows recursion). */
function lazyCheck(target: string): LazyCheck {
  let lazy = shapeChecks.get(target);
  if (!lazy) {
    constraintOf(target); // fail fast on an unknown shape
    let impl: Check | undefined;
    const force = () => {
      impl ??= build(target, undefined);
      return impl;
    };
    lazy = { check: (v, ctx) => (impl ?? force())(v, ctx), force };
    shapeChecks.set(target, lazy);
  }
  return lazy;
}

const shapeCheck = (target: string): Check => lazyCheck(target).check;

function build(target: string, o: MemberConstraint | undefined): Check {
  const shape = constraintOf(target);
  switch (shape.type) {
    case "string":
      return stringCheck(o?.pattern ?? shape.pattern, o?.length ?? shape.length);
    case "enum":
      return enumCheck(target, shape.values);
    case "integer":
      return integerCheck(o?.range ?? shape.range, shape.values);
    case "number":
      return numberCheck(o?.range ?? shape.range);
    case "boolean":
      return booleanCheck;
    case "timestamp":
      return timestampCheck;
    case "blob":
      return stringCheck(undefined, o?.length);
    case "document":
      return anyCheck;
    case "list":
      return listCheck(memberCheck(shape.member), o?.length ?? shape.length);
    case "map":
      return mapCheck(memberCheck(shape.key), memberCheck(shape.value), o?.length ?? shape.length);
    case "structure":
      return structureCheck(compileMembers(shape.members));
    case "union":
      return unionCheck(compileMembers(shape.members));
  }
}

const operationChecks = new Map<OperationName, Check>();

function operationCheck(operation: OperationName): Check {
  let check = operationChecks.get(operation);
  if (!check) {
    const info = OPERATIONS[operation];
    if (!info) throw new Error(`Unknown operation ${operation}`);
    check = shapeCheck(info.input);
    operationChecks.set(operation, check);
  }
  return check;
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Every violation of the operation's input constraints in the parsed JSON body (empty = valid).
 * At most MAX_ISSUES are reported.
 */
export function validateInput(operation: OperationName, input: Record<string, unknown>): ValidationIssue[] {
  const ctx = new Context();
  operationCheck(operation)(input, ctx);
  return ctx.issues;
}

/**
 * Validates `value` against the named model shape (a key of SHAPE_CONSTRAINTS), FieldNames
 * prefixed with `path` (e.g. `payload`). An absent (`null`/`undefined`) value has no issues.
 */
export function validateShape(shape: string, value: unknown, path?: string): ValidationIssue[] {
  const check = shapeCheck(shape);
  const ctx = new Context();
  if (value === undefined || value === null) return ctx.issues;
  if (path) ctx.path.push(path);
  check(value, ctx);
  return ctx.issues;
}

/** Builds every shape's validator (and compiles every pattern) now instead of on first use. */
export function precompileValidators(): void {
  for (const target of Object.keys(SHAPE_CONSTRAINTS)) lazyCheck(target).force();
}

// ---------------------------------------------------------------------------------------------
// Normalization: what a handler receives

type Normalizer = (value: unknown) => unknown;

const normalizers = new Map<string, Normalizer | null>();

const copy = (v: unknown) => (typeof v === "object" && v !== null ? structuredClone(v) : v);

/**
 * A timestamp as every later read answers it: ISO-8601 UTC with milliseconds and `Z`, whether it
 * came as epoch seconds, with an offset, in lower case or with a leap second. Stored numbers
 * would break the SDKs' reads of `date-time` members.
 */
const canonicalTimestamp: Normalizer = (value) => {
  const ms = wireTimestampMs(value);
  return Number.isNaN(ms) ? value : isoTime(ms);
};

/**
 * The normalizer of a shape, or null when values of it pass unchanged (other scalars). It walks
 * only the model's members, so an unknown member — however deep — is dropped without being visited.
 */
function normalizerOf(target: string): Normalizer | null {
  const known = normalizers.get(target);
  if (known !== undefined) return known;
  const shape = SHAPE_CONSTRAINTS[target];
  if (!shape) return null;
  // While building, a recursive reference resolves to the finished normalizer when it runs.
  normalizers.set(target, (value) => (normalizers.get(target) ?? ((v) => v))(value));
  let result: Normalizer | null = null;
  if (shape.type === "timestamp") result = canonicalTimestamp;
  else if (shape.type === "structure" || shape.type === "union") {
    const members = shape.members.map((m) => ({
      name: m.name,
      apply: normalizerOf(m.target),
      default: shape.type === "structure" ? m.default : undefined,
    }));
    result = (value) => {
      if (!isObject(value)) return value;
      const out: Record<string, unknown> = {};
      for (const m of members) {
        const child = value[m.name];
        if (child === undefined || child === null) {
          if (m.default !== undefined) out[m.name] = copy(m.default);
        } else out[m.name] = m.apply ? m.apply(child) : child;
      }
      return out;
    };
  } else if (shape.type === "list") {
    const inner = normalizerOf(shape.member.target);
    result = (value) => {
      if (!Array.isArray(value)) return value;
      const items = value.filter((item) => item !== null);
      return inner ? items.map(inner) : items;
    };
  } else if (shape.type === "map") {
    const inner = normalizerOf(shape.value.target);
    result = (value) => {
      if (!isObject(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = inner ? inner(v) : v;
      return out;
    };
  }
  normalizers.set(target, result);
  return result;
}

/**
 * The members whose explicit `null` AWS documents as meaning something else than omitting them;
 * there the handler receives the `null`. UpdateOpportunity: `Project.ExpectedContractDuration`
 * omitted keeps the stored duration, `null` clears it (AWS Partner Central developer guide,
 * "Working with deal sizing insights").
 */
const MEANINGFUL_NULLS: Partial<Record<OperationName, readonly (readonly string[])[]>> = {
  UpdateOpportunity: [["Project", "ExpectedContractDuration"]],
};

function keepMeaningfulNulls(operation: OperationName, raw: unknown, out: unknown): void {
  for (const path of MEANINGFUL_NULLS[operation] ?? []) {
    let from = raw;
    let to = out;
    for (const key of path.slice(0, -1)) {
      from = isObject(from) ? from[key] : undefined;
      to = isObject(to) ? to[key] : undefined;
    }
    const last = path[path.length - 1]!;
    if (isObject(from) && isObject(to) && from[last] === null) to[last] = null;
  }
}

/**
 * A validated value of the named model shape with only the model's members (unknown ones dropped,
 * `null` treated as absent, defaults set), for values the control plane stores as given.
 */
export function normalizeShape(shape: string, value: unknown): unknown {
  const normalize = normalizerOf(shape);
  return normalize ? normalize(value) : value;
}

/**
 * The input a handler sees, built from a validated request: only the model's members (unknown
 * ones are dropped, never stored or echoed), `null` treated as absent (except at
 * MEANINGFUL_NULLS), and the model's defaults (`@default`, including `@addedDefault` members) set
 * on absent members of every structure.
 */
export function normalizeInput(
  operation: OperationName,
  input: Record<string, unknown>,
): Record<string, unknown> {
  const info = OPERATIONS[operation];
  if (!info) throw new Error(`Unknown operation ${operation}`);
  const normalize = normalizerOf(info.input);
  const out = (normalize ? normalize(input) : input) as Record<string, unknown>;
  keepMeaningfulNulls(operation, input, out);
  return out;
}
