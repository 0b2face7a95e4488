/**
 * What changed between two Smithy JSON AST models, shape by shape, in sentences a maintainer can
 * review: operations (traits, input, output, errors, pagination), shapes added, removed and
 * changed, members added and removed, required-ness, enum values, constraints (length, pattern,
 * range), member targets. Documentation traits are not compared.
 */
import { nameOf as idName, Model, type SmithyModel, type SmithyShape } from "../codegen.js";

type Traits = Record<string, unknown>;
type Member = { target: string; traits?: Traits };

/** Traits that hold prose, not facts: never compared. */
const PROSE = new Set([
  "smithy.api#documentation",
  "smithy.api#examples",
  "smithy.api#externalDocumentation",
]);

export interface ShapeChange {
  id: string;
  name: string;
  kind: "added" | "removed" | "changed";
  type: string;
  /** One sentence each, in markdown. */
  lines: string[];
}

export interface ModelDiff {
  operations: { before: number; after: number };
  changes: ShapeChange[];
  /** Operations whose input, output or errors reach each changed shape (the newer model's, else the older's). */
  usedBy: Map<string, string[]>;
}

const code = (s: string) => `\`${s}\``;
/** A shape's name as the diff shows it: prelude shapes without their namespace (`String`). */
const nameOf = (id: string) => idName(id).replace(/^smithy\.api#/, "");

/** The type of a target in a model (`enum`, `string`, …; prelude shapes by name). */
export type TypeOf = (target: string) => string;

const typeIn =
  (model: SmithyModel): TypeOf =>
  (target) =>
    model.shapes[target]?.type ?? nameOf(target).toLowerCase();
const stable = (v: unknown): string =>
  JSON.stringify(v, (_k, x) =>
    x && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );

function factTraits(traits: Traits | undefined): Traits {
  const out: Traits = {};
  for (const [k, v] of Object.entries(traits ?? {})) if (!PROSE.has(k)) out[k] = v;
  return out;
}

function bounds(v: unknown): string {
  const b = (v ?? {}) as { min?: number; max?: number };
  if (b.min !== undefined && b.max !== undefined) return `${b.min}–${b.max}`;
  if (b.min !== undefined) return `≥ ${b.min}`;
  if (b.max !== undefined) return `≤ ${b.max}`;
  return "unbounded";
}

const short = (t: string) => t.replace(/^smithy\.api#/, "@").replace(/^aws\./, "aws.");

/** Sentences for the trait differences of `subject` (a shape or `Shape.Member`). */
function traitChanges(subject: string, before: Traits | undefined, after: Traits | undefined): string[] {
  const a = factTraits(before);
  const b = factTraits(after);
  const out: string[] = [];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const key of keys) {
    const was = a[key];
    const now = b[key];
    if (stable(was) === stable(now)) continue;
    const had = key in a;
    const has = key in b;
    const s = code(subject);
    switch (key) {
      case "smithy.api#required":
        out.push(has ? `${s} is required.` : `${s} is optional.`);
        break;
      case "smithy.api#pattern":
        if (had && has) out.push(`${s}: pattern ${code(String(was))} → ${code(String(now))}.`);
        else if (has) out.push(`${s}: pattern ${code(String(now))} added.`);
        else out.push(`${s}: pattern ${code(String(was))} removed.`);
        break;
      case "smithy.api#length":
      case "smithy.api#range": {
        const what = key.endsWith("length") ? "length" : "range";
        if (had && has) out.push(`${s}: ${what} ${bounds(was)} → ${bounds(now)}.`);
        else if (has) out.push(`${s}: ${what} ${bounds(now)} added.`);
        else out.push(`${s}: ${what} ${bounds(was)} removed.`);
        break;
      }
      case "smithy.api#idempotent":
      case "smithy.api#readonly":
      case "smithy.api#sensitive":
      case "smithy.api#idempotencyToken": {
        const flag = code(short(key));
        out.push(has ? `${s} is now ${flag}.` : `${s} is no longer ${flag}.`);
        break;
      }
      case "smithy.api#enumValue":
        out.push(`${s}: value ${code(String(was))} → ${code(String(now))}.`);
        break;
      default: {
        const brief = (v: unknown) => (stable(v).length <= 80 ? code(stable(v)) : "…");
        if (had && has) out.push(`${s}: ${code(short(key))} ${brief(was)} → ${brief(now)}.`);
        else if (has) out.push(`${s}: ${code(short(key))} added (${brief(now)}).`);
        else out.push(`${s}: ${code(short(key))} removed.`);
      }
    }
  }
  return out;
}

const isRequired = (m: Member) => m.traits !== undefined && "smithy.api#required" in m.traits;
const enumValue = (m: Member) => m.traits?.["smithy.api#enumValue"];

function memberSummary(name: string, m: Member): string {
  return `${name}: ${nameOf(m.target)}${isRequired(m) ? " (required)" : ""}`;
}

/** Constraints of a shape or member, for "new …" sentences: `length 0–255, pattern …`. */
function constraints(traits: Traits | undefined): string {
  const t = factTraits(traits);
  const parts: string[] = [];
  if ("smithy.api#length" in t) parts.push(`length ${bounds(t["smithy.api#length"])}`);
  if ("smithy.api#range" in t) parts.push(`range ${bounds(t["smithy.api#range"])}`);
  if ("smithy.api#pattern" in t) parts.push(`pattern ${code(String(t["smithy.api#pattern"]))}`);
  if ("smithy.api#sensitive" in t) parts.push("sensitive");
  return parts.length > 0 ? ` (${parts.join(", ")})` : "";
}

/** One sentence that describes a whole shape: used for added and removed shapes. */
export function describeShape(name: string, s: SmithyShape): string {
  const members = Object.entries(s.members ?? {});
  switch (s.type) {
    case "structure":
      return `structure ${code(`${name} { ${members.map(([n, m]) => memberSummary(n, m)).join(", ")} }`)}`;
    case "union":
      return `union ${code(name)}, one of ${members.map(([n, m]) => code(`${n}: ${nameOf(m.target)}`)).join(", ")}`;
    case "enum":
    case "intEnum":
      return `${s.type} ${code(name)} = ${members.map(([n, m]) => `${code(String(enumValue(m)))} (member ${code(n)})`).join(", ")}`;
    case "list":
    case "set":
      return `${s.type} ${code(name)} of ${code(nameOf(s.member!.target))}${constraints(s.traits)}`;
    case "map":
      return `map ${code(name)} of ${code(nameOf(s.key!.target))} → ${code(nameOf(s.value!.target))}${constraints(s.traits)}`;
    case "operation": {
      const flags = ["readonly", "idempotent", "paginated"].filter(
        (t) => `smithy.api#${t}` in (s.traits ?? {}),
      );
      const marks = flags.length > 0 ? `; ${flags.map((f) => code(`@${f}`)).join(", ")}` : "";
      return `operation ${code(name)} (input ${code(nameOf(s.input?.target ?? "smithy.api#Unit"))}, output ${code(nameOf(s.output?.target ?? "smithy.api#Unit"))}${marks})`;
    }
    default:
      return `${s.type} ${code(name)}${constraints(s.traits)}`;
  }
}

function memberChanges(
  shape: string,
  kind: string,
  before: SmithyShape,
  after: SmithyShape,
  types: { before: TypeOf; after: TypeOf },
): string[] {
  const out: string[] = [];
  const a = before.members ?? {};
  const b = after.members ?? {};
  const isEnum = kind === "enum" || kind === "intEnum";
  for (const [name, m] of Object.entries(b)) {
    const old = a[name];
    if (!old) {
      if (isEnum) out.push(`${code(shape)} gains ${code(String(enumValue(m)))} (member ${code(name)}).`);
      else
        out.push(
          `${code(shape)} gains ${code(name)} → ${code(nameOf(m.target))}${isRequired(m) ? " (required)" : ""}${constraints(m.traits)}.`,
        );
      continue;
    }
    if (old.target !== m.target) {
      const was = types.before(old.target);
      const now = types.after(m.target);
      const typed = was === now ? ["", ""] : [` (${was})`, ` (${now})`];
      out.push(
        `${code(`${shape}.${name}`)}: ${code(nameOf(old.target))}${typed[0]} → ${code(nameOf(m.target))}${typed[1]}.`,
      );
    }
    out.push(...traitChanges(`${shape}.${name}`, old.traits, m.traits));
  }
  for (const [name, m] of Object.entries(a)) {
    if (name in b) continue;
    out.push(
      isEnum
        ? `${code(shape)} loses ${code(String(enumValue(m)))} (member ${code(name)}).`
        : `${code(shape)} loses ${code(name)}.`,
    );
  }
  return out;
}

function refChange(subject: string, what: string, before?: { target: string }, after?: { target: string }) {
  const was = nameOf(before?.target ?? "smithy.api#Unit");
  const now = nameOf(after?.target ?? "smithy.api#Unit");
  return was === now ? [] : [`${code(subject)}: ${what} ${code(was)} → ${code(now)}.`];
}

function listChange(
  subject: string,
  what: string,
  before?: { target: string }[],
  after?: { target: string }[],
) {
  const a = new Set((before ?? []).map((r) => nameOf(r.target)));
  const b = new Set((after ?? []).map((r) => nameOf(r.target)));
  const out: string[] = [];
  const added = [...b].filter((x) => !a.has(x)).sort();
  const removed = [...a].filter((x) => !b.has(x)).sort();
  if (added.length > 0) out.push(`${code(subject)}: ${what} gain ${added.map(code).join(", ")}.`);
  if (removed.length > 0) out.push(`${code(subject)}: ${what} lose ${removed.map(code).join(", ")}.`);
  return out;
}

/** Sentences for everything that differs between two versions of one shape. */
export function shapeChanges(
  name: string,
  before: SmithyShape,
  after: SmithyShape,
  types: { before: TypeOf; after: TypeOf } = { before: () => "", after: () => "" },
): string[] {
  if (before.type !== after.type)
    return [`${code(name)}: ${before.type} → ${after.type}, now ${describeShape(name, after)}.`];
  const out = traitChanges(name, before.traits, after.traits);
  switch (after.type) {
    case "structure":
    case "union":
    case "enum":
    case "intEnum":
      out.push(...memberChanges(name, after.type, before, after, types));
      break;
    case "list":
    case "set":
    case "map":
      for (const part of ["member", "key", "value"] as const) {
        const was = before[part];
        const now = after[part];
        if (!was || !now) continue;
        const subject = part === "member" ? `${name}` : `${name} (${part})`;
        if (was.target !== now.target) {
          const what = part === "member" ? "elements" : `${part}s`;
          out.push(`${code(subject)}: ${what} ${code(nameOf(was.target))} → ${code(nameOf(now.target))}.`);
        }
        out.push(...traitChanges(`${subject}`, was.traits, now.traits));
      }
      break;
    case "operation":
      out.push(...refChange(name, "input", before.input, after.input));
      out.push(...refChange(name, "output", before.output, after.output));
      out.push(...listChange(name, "errors", before.errors, after.errors));
      break;
    default:
      for (const key of [
        "identifiers",
        "create",
        "put",
        "read",
        "update",
        "delete",
        "list",
        "version",
      ] as const) {
        const was = (before as unknown as Record<string, unknown>)[key];
        const now = (after as unknown as Record<string, unknown>)[key];
        if (stable(was) !== stable(now))
          out.push(`${code(name)}: ${code(key)} ${code(stable(was))} → ${code(stable(now))}.`);
      }
      out.push(...listChange(name, "operations", before.operations, after.operations));
      out.push(
        ...listChange(name, "collection operations", before.collectionOperations, after.collectionOperations),
      );
      out.push(...listChange(name, "resources", before.resources, after.resources));
      out.push(...listChange(name, "errors", before.errors, after.errors));
  }
  return out;
}

/** Shape id → the operations (by name, sorted) whose input, output or errors reach it. */
function operationsReaching(model: SmithyModel): Map<string, string[]> {
  const m = new Model(model);
  const service = Object.entries(model.shapes).find(([, s]) => s.type === "service")?.[0];
  const out = new Map<string, string[]>();
  if (!service) return out;
  for (const op of m.operations(service)) {
    const s = m.shape(op);
    const roots = [s.input?.target, s.output?.target, ...(s.errors ?? []).map((e) => e.target)];
    for (const id of [op, ...m.closure(roots.filter((r): r is string => r !== undefined))]) {
      const list = out.get(id) ?? [];
      list.push(nameOf(op));
      out.set(id, list);
    }
  }
  for (const list of out.values()) list.sort();
  return out;
}

function operationCount(model: SmithyModel): number {
  return Object.values(model.shapes).filter((s) => s.type === "operation").length;
}

export function diffModels(before: SmithyModel, after: SmithyModel): ModelDiff {
  const changes: ShapeChange[] = [];
  const ids = [...new Set([...Object.keys(before.shapes), ...Object.keys(after.shapes)])];
  ids.sort((x, y) => (nameOf(x) < nameOf(y) ? -1 : nameOf(x) > nameOf(y) ? 1 : 0));
  for (const id of ids) {
    const a = before.shapes[id];
    const b = after.shapes[id];
    const name = nameOf(id);
    if (!a && b)
      changes.push({ id, name, kind: "added", type: b.type, lines: [`New ${describeShape(name, b)}.`] });
    else if (a && !b)
      changes.push({
        id,
        name,
        kind: "removed",
        type: a.type,
        lines: [`Removed ${describeShape(name, a)}.`],
      });
    else if (a && b) {
      const lines = shapeChanges(name, a, b, { before: typeIn(before), after: typeIn(after) });
      if (lines.length > 0) changes.push({ id, name, kind: "changed", type: b.type, lines });
    }
  }
  const usedBefore = operationsReaching(before);
  const usedAfter = operationsReaching(after);
  const usedBy = new Map<string, string[]>();
  for (const c of changes) usedBy.set(c.id, usedAfter.get(c.id) ?? usedBefore.get(c.id) ?? []);
  return { operations: { before: operationCount(before), after: operationCount(after) }, changes, usedBy };
}
