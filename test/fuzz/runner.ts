/**
 * Sends fuzz cases (SigV4-signed as Partner A or B) to a running server with bounded
 * concurrency over keep-alive connections, and checks every answer against the oracle.
 */
import { createHash, createHmac } from "node:crypto";
import { Agent, request } from "node:http";
import { HttpRequest } from "@smithy/protocol-http";
import { DEMO_ACCOUNTS } from "../../src/auth/accounts.js";
import { ERROR_NAMES, OPERATIONS, type OperationName } from "../../src/model/generated/operations.js";
import { sdkSigner } from "../helpers/sign.js";
import { type FuzzCase, JSON_TYPE, makeCase, TARGET_PREFIX } from "./cases.js";
import { type FollowUp, followUpOf } from "./follow-ups.js";
import { harvestIds } from "./gen.js";
import { UNKNOWN_PREFIX } from "./hostile.js";
import { sdkReader } from "./sdk-reader.js";

type SourceData = string | ArrayBuffer | ArrayBufferView;

const toBuffer = (d: SourceData): Buffer =>
  typeof d === "string"
    ? Buffer.from(d, "utf8")
    : ArrayBuffer.isView(d)
      ? Buffer.from(d.buffer, d.byteOffset, d.byteLength)
      : Buffer.from(d);

/** SHA-256 / HMAC on node:crypto for `@smithy/signature-v4` (the pure-JS one is slow on big bodies). */
class NodeSha256 {
  private hash: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;
  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh();
  }
  private fresh() {
    return this.secret === undefined ? createHash("sha256") : createHmac("sha256", toBuffer(this.secret));
  }
  update(data: Uint8Array): void {
    this.hash.update(data);
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset(): void {
    this.hash = this.fresh();
  }
}

const SIGNERS = DEMO_ACCOUNTS.slice(0, 2).map((a) => sdkSigner(a, { sha256: NodeSha256 }));

export interface WireAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

async function send(base: URL, c: FuzzCase, agent: Agent, timeoutMs: number): Promise<WireAnswer> {
  const headers: Record<string, string> = { host: base.host };
  if (c.contentType !== null) headers["content-type"] = c.contentType;
  if (c.target !== null) headers["x-amz-target"] = c.target;
  const signed = await SIGNERS[c.account]!.sign(
    new HttpRequest({
      method: "POST",
      protocol: "http:",
      hostname: base.hostname,
      port: Number(base.port),
      path: "/",
      headers,
      body: c.body,
    }),
  );
  const outHeaders: Record<string, string> = {
    ...c.extraHeaders,
    ...(signed.headers as Record<string, string>),
  };
  if (c.chunked) outHeaders["transfer-encoding"] = "chunked";
  else outHeaders["content-length"] = String(c.body.length);
  return new Promise<WireAnswer>((resolve, reject) => {
    let answered = false;
    const req = request(
      { host: base.hostname, port: Number(base.port), method: "POST", path: "/", headers: outHeaders, agent },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on("data", (d: Buffer) => chunks.push(d));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    req.on("error", (err) => {
      if (!answered) reject(err);
    });
    if (c.chunked) {
      const step = 64 * 1024;
      for (let i = 0; i < c.body.length; i += step) req.write(c.body.subarray(i, i + step));
      req.end();
    } else req.end(c.body);
  });
}

// ---------------------------------------------------------------------------------------------
// Oracle

const FRAMEWORK_ERRORS: Record<string, number> = {
  SerializationException: 400,
  UnknownOperationException: 400,
  RequestEntityTooLargeException: 413,
};
const SERVICE_STATUS: Record<string, number> = {
  ValidationException: 400,
  ServiceQuotaExceededException: 402,
  AccessDeniedException: 403,
  ResourceNotFoundException: 404,
  ConflictException: 409,
  ThrottlingException: 429,
  InternalServerException: 500,
};
const CODES = new Set([
  "REQUIRED_FIELD_MISSING",
  "INVALID_ENUM_VALUE",
  "INVALID_STRING_FORMAT",
  "INVALID_VALUE",
  "NOT_ENOUGH_VALUES",
  "TOO_MANY_VALUES",
  "INVALID_RESOURCE_STATE",
  "DUPLICATE_KEY_VALUE",
  "VALUE_OUT_OF_RANGE",
  "ACTION_NOT_PERMITTED",
]);

/**
 * Rules the handlers (not the model) enforce and answer with REQUEST_VALIDATION_FAILED, as AWS
 * documents them beyond the on-disk model: an unknown or expired NextToken, the prospecting
 * task's 1–100 Identifiers, TaskName 1–128 and `task-` + 14 ids, the snapshot template names, a
 * snapshot job's state, an invitation to oneself. A model-valid input may meet these; any other
 * REQUEST_VALIDATION_FAILED of a valid input is a violation. Counted apart in the summary.
 */
export const HANDLER_REQUEST_RULES: ReadonlySet<string> = new Set([
  "*|nextToken|INVALID_VALUE",
  "StartProspectingFromEngagementTask|identifiers|NOT_ENOUGH_VALUES",
  "StartProspectingFromEngagementTask|identifiers|TOO_MANY_VALUES",
  "StartProspectingFromEngagementTask|taskName|INVALID_STRING_FORMAT",
  "ListProspectingFromEngagementTasks|taskIdentifier[]|INVALID_STRING_FORMAT",
  "ListProspectingFromEngagementTasks|taskIdentifier[]|INVALID_VALUE",
  "*|resourceSnapshotTemplateIdentifier|INVALID_VALUE",
  "*|resourceSnapshotJobIdentifier|INVALID_RESOURCE_STATE",
  "CreateEngagementInvitation|invitation.receiver.account.awsAccountId|INVALID_VALUE",
]);

/** The handler rule a REQUEST_VALIDATION_FAILED of a model-valid input came from, or undefined. */
export function handlerRule(operation: string, list: unknown): string | undefined {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const keys = list.map((e: { FieldName?: string; Code?: string }) => {
    const field = (e.FieldName ?? "").replace(/\[\d+\]/g, "[]");
    return [`${operation}|${field}|${e.Code}`, `*|${field}|${e.Code}`];
  });
  if (!keys.every(([a, b]) => HANDLER_REQUEST_RULES.has(a!) || HANDLER_REQUEST_RULES.has(b!)))
    return undefined;
  return keys.map(([a, b]) => (HANDLER_REQUEST_RULES.has(a!) ? a! : b!)).join(" + ");
}

/** The violations of one answer (empty = the answer is acceptable). */
export function judge(c: FuzzCase, a: WireAnswer, notes?: (rule: string) => void): string[] {
  const problems: string[] = [];
  const fail = (m: string) => problems.push(m);
  if (typeof a.headers["x-amzn-requestid"] !== "string" || a.headers["x-amzn-requestid"] === "")
    fail("missing x-amzn-RequestId");
  if (a.status >= 500) fail(`status ${a.status}`);
  let json: any;
  if (a.body !== "") {
    try {
      json = JSON.parse(a.body);
    } catch {
      fail(`body is not JSON: ${a.body.slice(0, 200)}`);
    }
  }
  if (a.status === 200) {
    if (json && typeof json === "object" && "__type" in json) fail("__type in a 200 body");
    if (c.expect.type !== "valid" && c.expect.type !== "any")
      fail(`expected a rejection (${JSON.stringify(c.expect).slice(0, 300)}), got 200`);
    if (json) harvestIds(json);
    return problems;
  }
  const type: unknown = json?.__type;
  if (typeof type !== "string") {
    fail(`error without __type: ${a.status} ${a.body.slice(0, 200)}`);
    return problems;
  }
  if (a.headers["x-amzn-errortype"] !== type)
    fail(`x-amzn-ErrorType ${String(a.headers["x-amzn-errortype"])} ≠ ${type}`);
  const isService = (ERROR_NAMES as readonly string[]).includes(type);
  const expectedStatus = FRAMEWORK_ERRORS[type] ?? SERVICE_STATUS[type];
  if (expectedStatus === undefined) fail(`__type ${type} outside the closed set`);
  else if (expectedStatus !== a.status) fail(`${type} with status ${a.status} (expected ${expectedStatus})`);
  if (
    isService &&
    c.target === `AWSPartnerCentralSelling.${c.operation}` &&
    !OPERATIONS[c.operation].errors.includes(type as never)
  )
    fail(`${type} is not declared by ${c.operation}`);
  if (typeof json.message !== "string") fail("error without message");

  let reason: unknown;
  if (type === "ValidationException") {
    reason = json.Reason;
    if (reason !== "REQUEST_VALIDATION_FAILED" && reason !== "BUSINESS_VALIDATION_FAILED")
      fail(`Reason ${String(reason)}`);
    const list: unknown = json.ErrorList;
    if (reason === "REQUEST_VALIDATION_FAILED" && (!Array.isArray(list) || list.length === 0))
      fail("REQUEST_VALIDATION_FAILED without ErrorList entries");
    if (Array.isArray(list)) {
      for (const e of list) {
        if (!e || typeof e.Message !== "string" || !CODES.has(e.Code)) {
          fail(`bad ErrorList entry ${JSON.stringify(e).slice(0, 200)}`);
          break;
        }
      }
    }
  }

  const ex = c.expect;
  switch (ex.type) {
    case "valid":
      if (!isService) fail(`valid input answered ${type}`);
      else if (reason === "REQUEST_VALIDATION_FAILED") {
        const rule = handlerRule(c.operation, json.ErrorList);
        if (rule) notes?.(rule);
        else fail(`valid input rejected: ${JSON.stringify(json.ErrorList).slice(0, 400)}`);
      }
      break;
    case "invalid": {
      if (type !== "ValidationException" || reason !== "REQUEST_VALIDATION_FAILED") {
        fail(
          `expected REQUEST_VALIDATION_FAILED, got ${type} ${String(reason ?? "")} ${String(json.message).slice(0, 200)}`,
        );
        break;
      }
      const list = json.ErrorList as { FieldName?: string; Code: string }[];
      const full = list.length >= 100;
      for (const want of ex.entries) {
        if (!list.some((e) => e.FieldName === want.field && e.Code === want.code) && !full)
          fail(
            `missing ErrorList entry ${want.field} ${want.code}; got ${JSON.stringify(list.slice(0, 5)).slice(0, 400)}`,
          );
      }
      break;
    }
    case "error":
      if (type !== ex.errorType || a.status !== ex.status)
        fail(`expected ${ex.errorType} ${ex.status}, got ${type} ${a.status}`);
      break;
    case "any":
      break;
  }
  return problems;
}

/** The (FieldName, Code) pairs of a REQUEST_VALIDATION_FAILED answer, sorted; undefined otherwise. */
function validationEntries(a: WireAnswer): string[] | undefined {
  try {
    const json = JSON.parse(a.body);
    if (json?.__type !== "ValidationException" || json.Reason !== "REQUEST_VALIDATION_FAILED")
      return undefined;
    return (json.ErrorList as { FieldName?: string; Code?: string }[])
      .map((e) => `${e.FieldName ?? ""} ${e.Code ?? ""}`)
      .sort();
  } catch {
    return undefined;
  }
}

/**
 * A hostile form against its plain twin (sent just before it): a success stays a success and a
 * request rejection stays the same rejection. Other answers may differ (state moves on).
 */
export function judgeTwin(twin: WireAnswer, hostile: WireAnswer): string[] {
  if (twin.status === 200 && hostile.status !== 200)
    return [
      `the plain form succeeded, the hostile form got ${hostile.status}: ${hostile.body.slice(0, 300)}`,
    ];
  const a = validationEntries(twin);
  const b = validationEntries(hostile);
  if ((a === undefined) !== (b === undefined) || (a && b && a.join("|") !== b.join("|")))
    return [
      `the plain form got ${twin.status} ${twin.body.slice(0, 200)}, the hostile form ${hostile.status} ${hostile.body.slice(0, 200)}`,
    ];
  return [];
}

/** What a client reading the answer meets: the SDK's deserializer, and no unknown member echoed. */
async function readProblems(
  read: ReturnType<typeof sdkReader>,
  operation: OperationName,
  a: WireAnswer,
): Promise<string[]> {
  const problems: string[] = [];
  if (a.body.includes(`"${UNKNOWN_PREFIX}`))
    problems.push("an unknown member of the request is in the answer");
  if (a.status === 200) {
    const { problem } = await read(operation, a.status, a.body);
    if (problem) problems.push(problem);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Runner

export interface Violation {
  id: number;
  category: string;
  input: string;
  status: number | "transport";
  problems: string[];
  answer: string;
}

export interface FuzzStats {
  /** HTTP requests sent: cases, their plain twins and the reads that follow successful writes. */
  total: number;
  cases: number;
  twins: number;
  followUps: number;
  byCategory: Record<string, number>;
  byStatus: Record<string, number>;
  byErrorType: Record<string, number>;
  /** Valid inputs refused by a handler-level request rule (HANDLER_REQUEST_RULES). */
  handlerRules: Record<string, number>;
  violations: Violation[];
  violationCount: number;
  healthChecks: number;
  elapsedMs: number;
}

export interface RunOptions {
  url: string;
  /** HTTP requests to send (twins and follow-up reads included). */
  count: number;
  seed?: number;
  concurrency?: number;
  /** Every Nth case is an oversized (> 1 MiB) body; 0 = none. */
  oversizedEvery?: number;
  healthEvery?: number;
  timeoutMs?: number;
  /** Violations kept in full (all are counted). */
  keepViolations?: number;
  onProgress?: (done: number, stats: FuzzStats) => void;
  progressEvery?: number;
}

const bump = (m: Record<string, number>, k: string) => {
  m[k] = (m[k] ?? 0) + 1;
};

async function health(base: URL): Promise<boolean> {
  try {
    const res = await fetch(new URL("/_pclocal/health", base));
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

const errorTypeOf = (a: WireAnswer) => {
  try {
    return a.body ? (JSON.parse(a.body).__type ?? "(200)") : "(empty)";
  } catch {
    return "(none)";
  }
};

export async function runFuzz(options: RunOptions): Promise<FuzzStats> {
  const base = new URL(options.url);
  const seed = options.seed ?? 20240726;
  const concurrency = options.concurrency ?? 16;
  const healthEvery = options.healthEvery ?? 2000;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const keep = options.keepViolations ?? 20;
  const progressEvery = options.progressEvery ?? 10_000;
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const oneShot = new Agent({ keepAlive: false });
  const stats: FuzzStats = {
    total: 0,
    cases: 0,
    twins: 0,
    followUps: 0,
    byCategory: {},
    byStatus: {},
    byErrorType: {},
    handlerRules: {},
    violations: [],
    violationCount: 0,
    healthChecks: 0,
    elapsedMs: 0,
  };
  const started = performance.now();
  const record = (v: Violation) => {
    stats.violationCount++;
    if (stats.violations.length < keep) stats.violations.push(v);
  };
  // Requests are counted before they are sent, so a run sends exactly `count` of them.
  let reserved = 0;
  const reserve = () => reserved < options.count && ++reserved > 0;
  const sent = (a: WireAnswer) => {
    stats.total++;
    bump(stats.byStatus, String(a.status));
    bump(stats.byErrorType, errorTypeOf(a));
    if (options.onProgress && stats.total % progressEvery === 0) {
      stats.elapsedMs = performance.now() - started;
      options.onProgress(stats.total, stats);
    }
  };
  let next = 0;
  const worker = async () => {
    const read = sdkReader();
    for (;;) {
      if (!reserve()) return;
      const id = next++;
      if (id > 0 && id % healthEvery === 0) {
        stats.healthChecks++;
        if (!(await health(base)))
          record({
            id,
            category: "health",
            input: "GET /_pclocal/health",
            status: "transport",
            problems: ["health check failed"],
            answer: "",
          });
      }
      const c = makeCase(seed, id, options.oversizedEvery ?? 2000);
      stats.cases++;
      const family = c.category.split(":")[0]!;
      bump(stats.byCategory, family === "mutation" ? c.category : family);
      let step = "case";
      try {
        const problems: string[] = [];
        let twin: WireAnswer | undefined;
        if (c.twin && reserve()) {
          step = "twin";
          twin = await send(base, { ...c, body: c.twin }, agent, timeoutMs);
          sent(twin);
          stats.twins++;
          problems.push(...judge({ ...c, expect: { type: "valid" } }, twin).map((p) => `plain form: ${p}`));
          problems.push(...(await readProblems(read, c.operation, twin)).map((p) => `plain form: ${p}`));
        }
        step = "case";
        const answer = await send(base, c, c.category === "oversized" ? oneShot : agent, timeoutMs);
        sent(answer);
        problems.push(...judge(c, answer, (rule) => bump(stats.handlerRules, rule)));
        if (twin) problems.push(...judgeTwin(twin, answer));
        if (c.target === `AWSPartnerCentralSelling.${c.operation}`)
          problems.push(...(await readProblems(read, c.operation, answer)));
        const follow = answer.status === 200 ? followUpFor(c, answer) : undefined;
        if (follow && reserve()) {
          step = `follow-up ${follow.operation}`;
          const read2 = await send(base, followUpCase(c, follow), agent, timeoutMs);
          sent(read2);
          stats.followUps++;
          const tag = `then ${follow.operation}`;
          if (read2.status >= 500)
            problems.push(`${tag}: status ${read2.status} ${read2.body.slice(0, 200)}`);
          problems.push(...(await readProblems(read, follow.operation, read2)).map((p) => `${tag}: ${p}`));
        }
        if (problems.length > 0)
          record({
            id,
            category: c.category,
            input: c.describe,
            status: answer.status,
            problems,
            answer: answer.body.slice(0, 500),
          });
      } catch (err) {
        bump(stats.byStatus, "transport-error");
        record({
          id,
          category: c.category,
          input: c.describe,
          status: "transport",
          problems: [`transport error (${step}): ${(err as Error).message}`],
          answer: "",
        });
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  stats.healthChecks++;
  if (!(await health(base)))
    record({
      id: -1,
      category: "health",
      input: "final GET /_pclocal/health",
      status: "transport",
      problems: ["server down at the end"],
      answer: "",
    });
  stats.elapsedMs = performance.now() - started;
  agent.destroy();
  oneShot.destroy();
  return stats;
}

function followUpFor(c: FuzzCase, answer: WireAnswer): FollowUp | undefined {
  try {
    return followUpOf(
      c.operation,
      JSON.parse(c.body.toString("utf8")),
      answer.body ? JSON.parse(answer.body) : {},
    );
  } catch {
    return undefined;
  }
}

const followUpCase = (c: FuzzCase, f: FollowUp): FuzzCase => ({
  ...c,
  operation: f.operation,
  target: TARGET_PREFIX + f.operation,
  contentType: JSON_TYPE,
  body: Buffer.from(JSON.stringify(f.input), "utf8"),
  extraHeaders: {},
  chunked: false,
  twin: undefined,
});

/** A readable multi-line summary of a run. */
export function summarize(stats: FuzzStats): string {
  const sortDesc = (m: Record<string, number>) =>
    Object.entries(m)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `  ${k.padEnd(40)} ${v}`)
      .join("\n");
  const rate = stats.total / (stats.elapsedMs / 1000);
  return [
    `fuzz: ${stats.total} requests in ${(stats.elapsedMs / 1000).toFixed(1)} s (${rate.toFixed(0)} req/s): ${stats.cases} cases, ${stats.twins} plain twins, ${stats.followUps} follow-up reads; ${stats.healthChecks} health checks, ${stats.violationCount} violations`,
    "by category:",
    sortDesc(stats.byCategory),
    "by status:",
    sortDesc(stats.byStatus),
    "by __type:",
    sortDesc(stats.byErrorType),
    "valid inputs refused by handler-level request rules:",
    sortDesc(stats.handlerRules),
  ].join("\n");
}

export function describeViolations(stats: FuzzStats, n = 10): string {
  return stats.violations
    .slice(0, n)
    .map(
      (v) =>
        `#${v.id} [${v.category}] ${v.status}\n  input: ${v.input}\n  problems: ${v.problems.join("; ")}\n  answer: ${v.answer}`,
    )
    .join("\n");
}
