/**
 * Fuzz cases: what to send (operation, body bytes, headers) and what the answer must look like.
 */
import { SHAPE_CONSTRAINTS } from "../../src/model/generated/constraints.js";
import { OPERATION_NAMES, OPERATIONS, type OperationName } from "../../src/model/generated/operations.js";
import {
  applyAt,
  DEEP_MARKER,
  deepArrayJson,
  type ExpectedCode,
  fieldName,
  independent,
  type Mutation,
  mutationsFor,
  Rng,
  validInput,
} from "./gen.js";
import {
  deepUnknownInside,
  explicitNulls,
  type HostileInput,
  hostileJson,
  impossibleDate,
  numericExtreme,
  repeatable,
  timeForms,
} from "./hostile.js";

export type Expectation =
  /** A valid input: anything but a shape rejection (200 or a domain error the operation declares). */
  | { type: "valid" }
  /** ValidationException REQUEST_VALIDATION_FAILED with these entries (possibly more). */
  | { type: "invalid"; entries: { field: string; code: ExpectedCode }[] }
  /** A framework error of this __type. */
  | { type: "error"; errorType: string; status: number }
  /** Any well-formed answer: 200, or an error in the closed set (outcome depends on decoding). */
  | { type: "any" };

export interface FuzzCase {
  id: number;
  category: string;
  operation: OperationName;
  /** X-Amz-Target to send (normally `AWSPartnerCentralSelling.<operation>`); null = no header. */
  target: string | null;
  /** Content-Type to send; null = none. */
  contentType: string | null;
  body: Buffer;
  /** Headers added after signing (never signed). */
  extraHeaders: Record<string, string>;
  /** Send without Content-Length (chunked). */
  chunked: boolean;
  account: 0 | 1;
  expect: Expectation;
  /**
   * The same input in its plain form (nulls left out, no unknown members, times written the
   * usual way), sent first: a 200 for it must stay a 200 for the hostile form, and a rejection
   * the same rejection (operations whose answer a repeat must reproduce only).
   */
  twin?: Buffer;
  /** Human summary of the input for failure reports. */
  describe: string;
}

export const JSON_TYPE = "application/x-amz-json-1.0";
export const TARGET_PREFIX = "AWSPartnerCentralSelling.";

const CATEGORY_WEIGHTS: readonly (readonly [string, number])[] = [
  ["valid", 24],
  ["valid-extra-headers", 4],
  ["valid-alt-content-type", 2],
  ["empty-body", 1],
  ["mutation", 36],
  ["multi-mutation", 8],
  ["deep-unknown-member", 0.5],
  ["deep-known-member", 0.5],
  ["huge-array", 0.5],
  // JSON values the model does not expect (test/fuzz/hostile.ts)
  ["explicit-null", 5],
  ["deep-unknown-inside", 1],
  ["numeric-extreme", 3],
  ["impossible-date", 2],
  ["time-forms", 2],
  ["invalid-utf8", 3],
  ["truncated", 4],
  ["non-object-json", 1.5],
  ["wrong-content-type", 3],
  ["unknown-target", 3],
];

const serialize = (input: unknown) =>
  JSON.stringify(input, (_k, v) => (typeof v === "bigint" ? String(v) : v));

function base(rng: Rng, id: number, category: string, operation: OperationName): FuzzCase {
  return {
    id,
    category,
    operation,
    target: TARGET_PREFIX + operation,
    contentType: JSON_TYPE,
    body: Buffer.alloc(0),
    extraHeaders: {},
    chunked: false,
    account: rng.bool() ? 0 : 1,
    expect: { type: "valid" },
    describe: "",
  };
}

const requiredTopLevel = (op: OperationName) => {
  return topLevelMembers(op)
    .filter((m) => m.required)
    .map((m) => ({ field: fieldName([m.name]), code: "REQUIRED_FIELD_MISSING" as const }));
};

function topLevelMembers(op: OperationName): readonly { name: string; required?: true }[] {
  const s = SHAPE_CONSTRAINTS[OPERATIONS[op].input];
  return s && s.type === "structure" ? s.members : [];
}

const RANDOM_HEADER_VALUES = [
  "1",
  "yes",
  "",
  "a b c",
  "☃",
  "x".repeat(2000),
  "\t padded \t",
  "=?utf-8?q?x?=",
];

function randomHeaders(rng: Rng): Record<string, string> {
  const out: Record<string, string> = {};
  const n = rng.int(1, 6);
  for (let i = 0; i < n; i++) {
    const name = rng.pick([
      `x-fuzz-${rng.int(0, 999)}`,
      "x-forwarded-for",
      "accept",
      "accept-encoding",
      "user-agent",
      "x-request-id",
      "cache-control",
      "x-amzn-trace-id",
      "origin",
      "cookie",
    ]);
    // Header values must be latin1 on the wire; keep them ASCII.
    out[name] = rng.pick(RANDOM_HEADER_VALUES).replace(/[^\t\x20-\x7e]/g, "?");
  }
  return out;
}

function truncate(s: string, n = 300): string {
  return s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s;
}

/** The `i`-th case of the run seeded with `seed` (deterministic). */
export function makeCase(seed: number, id: number, oversizedEvery = 2000): FuzzCase {
  const rng = new Rng((seed * 2654435761 + id * 40503) >>> 0);
  const operation = rng.pick(OPERATION_NAMES);
  const category =
    oversizedEvery > 0 && id % oversizedEvery === oversizedEvery - 1
      ? "oversized"
      : rng.weighted(CATEGORY_WEIGHTS);
  const c = base(rng, id, category, operation);
  const gen = validInput(rng, operation);
  let input: Record<string, unknown> = gen.input;
  let text = serialize(input);
  const setBody = (s: string) => {
    text = s;
    c.body = Buffer.from(s, "utf8");
  };
  setBody(text);
  c.describe = `${operation} ${truncate(text)}`;

  const useHostile = (op: OperationName, h: HostileInput) => {
    c.operation = op;
    c.target = TARGET_PREFIX + op;
    setBody(hostileJson(h.input, h.raw));
    if (h.twin && repeatable(op)) c.twin = Buffer.from(serialize(h.twin), "utf8");
    c.expect = h.invalid ? { type: "invalid", entries: [h.invalid] } : { type: "valid" };
    c.describe = `${op} ${h.describe}${c.twin ? " (twin first)" : ""} ${truncate(text, 200)}`;
  };

  switch (category) {
    case "valid":
      break;
    case "explicit-null":
      useHostile(operation, explicitNulls(rng, operation, gen));
      break;
    case "deep-unknown-inside":
      useHostile(operation, deepUnknownInside(rng, operation, gen));
      break;
    case "numeric-extreme":
    case "impossible-date":
    case "time-forms": {
      const build = {
        "numeric-extreme": numericExtreme,
        "impossible-date": impossibleDate,
        "time-forms": timeForms,
      }[category];
      const found = build(rng);
      if (found) useHostile(found.op, found.hostile);
      else c.category = "valid";
      break;
    }
    case "valid-extra-headers":
      c.extraHeaders = randomHeaders(rng);
      c.describe += ` headers=${truncate(JSON.stringify(c.extraHeaders), 200)}`;
      break;
    case "valid-alt-content-type":
      c.contentType = rng.pick([
        "application/x-amz-json-1.1",
        "application/json",
        "application/x-amz-json-1.0; charset=utf-8",
        "APPLICATION/JSON",
      ]);
      c.describe += ` content-type=${c.contentType}`;
      break;
    case "empty-body":
      setBody(rng.pick(["", "{}", " { } ", '{"Unknown":1}']));
      c.expect = { type: "invalid", entries: requiredTopLevel(operation) };
      if (c.expect.entries.length === 0) c.expect = { type: "valid" };
      c.describe = `${operation} body=${JSON.stringify(text)}`;
      break;
    case "mutation":
    case "multi-mutation": {
      const want = category === "mutation" ? 1 : rng.int(2, 5);
      const chosen: { path: (string | number)[]; m: Mutation }[] = [];
      for (let attempt = 0; attempt < 40 && chosen.length < want; attempt++) {
        const site = rng.pick(gen.sites);
        if (!site) break;
        if (!chosen.every((ch) => independent(ch.path, site.raw))) continue;
        const options = mutationsFor(rng, site, gen.catalog);
        if (options.length === 0) continue;
        chosen.push({ path: site.raw, m: rng.pick(options) });
      }
      if (chosen.length === 0) {
        // No site at all (cannot happen: Catalog is everywhere) — send Catalog as a number.
        chosen.push({
          path: ["Catalog"],
          m: { kind: "type-number", expect: { field: "catalog", code: "INVALID_VALUE" }, value: 1 },
        });
      }
      // Apply deepest paths first so list removals do not shift other paths (paths are independent).
      for (const ch of chosen) input = applyAt(input, ch.path, ch.m.value);
      setBody(serialize(input));
      const entries = chosen.flatMap((ch) => (ch.m.expect ? [ch.m.expect] : []));
      c.expect = { type: "invalid", entries };
      c.category = `${category}:${chosen.length === 1 ? chosen[0]!.m.kind : "multi"}`;
      c.describe = `${operation} [${chosen.map((ch) => `${ch.m.kind}@${fieldName(ch.path)}`).join(", ")}] ${truncate(text)}`;
      break;
    }
    case "deep-unknown-member": {
      const depth = rng.pick([10_000, 50_000]);
      input = { ...input, ZzFuzzUnknown: DEEP_MARKER };
      setBody(serialize(input).replace(`"${DEEP_MARKER}"`, deepArrayJson(depth)));
      c.describe = `${operation} valid + unknown member nested ${depth} arrays deep`;
      break;
    }
    case "deep-known-member": {
      const depth = rng.pick([10_000, 50_000]);
      const site = rng.pick(gen.sites);
      if (!site) break;
      input = applyAt(input, site.raw, DEEP_MARKER);
      setBody(serialize(input).replace(`"${DEEP_MARKER}"`, deepArrayJson(depth)));
      const shape = SHAPE_CONSTRAINTS[site.target]!;
      c.expect =
        shape.type === "document"
          ? { type: "valid" }
          : shape.type === "list"
            ? SHAPE_CONSTRAINTS[shape.member.target]?.type === "list" ||
              SHAPE_CONSTRAINTS[shape.member.target]?.type === "document"
              ? { type: "invalid", entries: [] }
              : { type: "invalid", entries: [{ field: `${site.field}[0]`, code: "INVALID_VALUE" }] }
            : { type: "invalid", entries: [{ field: site.field, code: "INVALID_VALUE" }] };
      c.describe = `${operation} ${site.field} := ${depth} nested arrays`;
      break;
    }
    case "huge-array": {
      const n = rng.pick([10_001, 100_000]);
      const listSites = gen.sites.filter((s) => SHAPE_CONSTRAINTS[s.target]?.type === "list");
      const site = listSites.length > 0 ? rng.pick(listSites) : undefined;
      if (!site) {
        // No list in this input: a huge array in an unknown member is ignored.
        setBody(serialize({ ...input, ZzHuge: new Array(n).fill(0) }));
        c.describe = `${operation} valid + unknown member with ${n} zeros`;
        break;
      }
      const shape = SHAPE_CONSTRAINTS[site.target] as { type: "list"; length?: { max?: number } };
      const max = site.member?.length?.max ?? shape.length?.max;
      input = applyAt(input, site.raw, new Array(n).fill(0));
      setBody(serialize(input));
      c.expect = {
        type: "invalid",
        entries: max !== undefined ? [{ field: site.field, code: "TOO_MANY_VALUES" }] : [],
      };
      c.describe = `${operation} ${site.field} := ${n} zeros (max ${max})`;
      break;
    }
    case "invalid-utf8": {
      const bad = rng.pick([
        [0xff],
        [0xfe, 0xff],
        [0xc3],
        [0xed, 0xa0, 0x80],
        [0xf8, 0x88, 0x80, 0x80, 0x80],
        [0x80],
      ]);
      const inString = rng.bool();
      const bytes = c.body;
      let at: number;
      if (inString) {
        const q = bytes.indexOf(0x22, 2); // somewhere inside the first key or value
        at = q > 0 ? q : 1;
      } else at = rng.bool() ? 0 : bytes.length;
      c.body = Buffer.concat([bytes.subarray(0, at), Buffer.from(bad), bytes.subarray(at)]);
      c.expect = inString
        ? { type: "any" }
        : { type: "error", errorType: "SerializationException", status: 400 };
      c.describe = `${operation} bytes ${bad.map((b) => b.toString(16)).join(" ")} inserted at ${at} of ${truncate(text, 150)}`;
      break;
    }
    case "truncated": {
      const cut = rng.int(1, Math.max(1, c.body.length - 1));
      c.body = c.body.subarray(0, cut);
      c.expect = { type: "error", errorType: "SerializationException", status: 400 };
      c.describe = `${operation} truncated at ${cut}: ${truncate(c.body.toString("latin1"), 150)}`;
      break;
    }
    case "non-object-json": {
      setBody(
        rng.pick([
          "[]",
          "null",
          "1",
          '"str"',
          "true",
          "[{}]",
          "{",
          "}",
          '{"a":}',
          "{'a':1}",
          "NaN",
          '{"a":1,}',
        ]),
      );
      c.expect = { type: "error", errorType: "SerializationException", status: 400 };
      c.describe = `${operation} body=${text}`;
      break;
    }
    case "wrong-content-type": {
      c.contentType = rng.pick([
        "text/plain",
        "application/xml",
        "",
        null,
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/jsonx",
        "json",
      ]);
      c.expect = { type: "error", errorType: "SerializationException", status: 400 };
      c.describe = `${operation} content-type=${JSON.stringify(c.contentType)}`;
      break;
    }
    case "unknown-target": {
      c.target = rng.pick([
        `${TARGET_PREFIX}NoSuchOperation`,
        `${TARGET_PREFIX}${operation.toLowerCase()}`,
        `${TARGET_PREFIX}`,
        `AWSPartnerCentral.${operation}`,
        operation,
        "",
        `${TARGET_PREFIX}${operation}X`,
        `${TARGET_PREFIX}__proto__`,
        `${TARGET_PREFIX}constructor`,
        null,
      ]);
      c.expect = { type: "error", errorType: "UnknownOperationException", status: 400 };
      c.describe = `target=${JSON.stringify(c.target)}`;
      break;
    }
    case "oversized": {
      const size = 1024 * 1024 + rng.int(1, 4096);
      const pad = "x".repeat(size);
      setBody(serialize({ ...input, Pad: pad }));
      c.chunked = rng.bool();
      c.expect = { type: "error", errorType: "RequestEntityTooLargeException", status: 413 };
      c.describe = `${operation} body of ${c.body.length} bytes (${c.chunked ? "chunked" : "content-length"})`;
      break;
    }
  }
  return c;
}
