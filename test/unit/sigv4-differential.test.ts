import { HttpRequest } from "@smithy/protocol-http";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Account, AccountRegistry, DEMO_ACCOUNTS } from "../../src/auth/accounts.js";
import { authenticate, type IncomingSignedRequest } from "../../src/auth/sigv4.js";
import { ApiError } from "../../src/errors.js";
import { sdkSigner } from "../helpers/sign.js";

const REGION = "us-east-1";
const SERVICE = "partnercentral-selling";
const NOW = Date.UTC(2025, 5, 30, 23, 50, 0); // near midnight: some dates fall on the next day
const SKEW_MS = 15 * 60_000;
const RUNS = 600;
const registry = new AccountRegistry();

// --- a request, as the client builds it ----------------------------------------------------------

interface Spec {
  account: Account;
  body: Uint8Array;
  path: string;
  query: [string, string][];
  /** Query on the wire: "sdk" as the SDK's handlers write it, "alt" re-encoded and shuffled (equivalent). */
  wireStyle: "sdk" | "alt";
  headers: [string, string][];
  /** A header sent on several lines: signed as `a,b,c`, delivered as one value or one per line. */
  multi: { values: string[]; asArray: boolean } | null;
  dateOffsetS: number;
  mutation: Mutation;
  seed: number;
}

type Mutation =
  | "body-byte"
  | "header-value"
  | "header-whitespace"
  | "header-removal"
  | "unsigned-header-added"
  | "date"
  | "path"
  | "query"
  | "signature-char"
  | "access-key"
  | "scope";

const MUTATIONS: Mutation[] = [
  "body-byte",
  "header-value",
  "header-whitespace",
  "header-removal",
  "unsigned-header-added",
  "date",
  "path",
  "query",
  "signature-char",
  "access-key",
  "scope",
];

const esc = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const pathSegment = fc.oneof(
  fc.constantFrom("a b", "ç", "a%20b", "%C3%A7", ".", "..", "", "~x", "A-Z_.", "x!'()*", "%2F", "€", "+"),
  fc.string({ unit: fc.constantFrom(..."abcXYZ09-_.~ %!$&'()*+,;=:@çé€"), maxLength: 8 }),
);
const pathArb = fc.oneof(
  fc.constant("/"),
  fc.constant("/a b/ç"),
  fc.constant("/a%20b/%C3%A7"),
  fc
    .tuple(fc.array(pathSegment, { minLength: 1, maxLength: 5 }), fc.boolean())
    .map(([segments, trailing]) => `/${segments.join("/")}${trailing ? "/" : ""}`),
);

const queryKey = fc.oneof(
  fc.constantFrom("a", "b", "A", "a b", "ç", "key=x", "k&v", "~x", "€", "-_.", "+", "Action", "x-y"),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 6 }).filter((k) => !/^x-amz-/i.test(k)),
);
const queryValue = fc.oneof(
  fc.constantFrom("", "1", "two words", "a+b", "100%", "x=y&z", "ü", "🚀", "!*'()", "~-._"),
  fc.string({ unit: "grapheme", maxLength: 10 }),
);

const headerName = fc.constantFrom(
  "X-Custom",
  "x-amz-meta-Mixed",
  "X-ODD-spacing",
  "x-empty",
  "X-Amz-Client-Context",
  "Accept",
  "User-Agent",
  "X-Forwarded-For",
);
const headerValue = fc.oneof(
  fc.constantFrom(
    "",
    "plain",
    "  leading",
    "trailing  ",
    "multiple    inner   spaces",
    "tab\there",
    "a, b,c",
    "é à",
  ),
  fc.string({ unit: fc.constantFrom(..." \tabcXYZ019-_.,;:=/\"'é"), maxLength: 16 }),
);
const multiValue = fc.string({ unit: fc.constantFrom(..."abc xyz=;é"), minLength: 1, maxLength: 6 });

const bodyArb = fc.oneof(
  fc.constant(new Uint8Array(0)),
  fc.json().map((j) => new TextEncoder().encode(j)),
  fc.string({ unit: "binary", maxLength: 64 }).map((s) => new TextEncoder().encode(s)),
  fc.uint8Array({ maxLength: 64 }),
  fc
    .tuple(
      fc.string({ unit: "grapheme", minLength: 1, maxLength: 8 }),
      fc.integer({ min: 20_000, max: 200_000 }),
    )
    .map(([chunk, size]) =>
      new TextEncoder().encode(chunk.repeat(Math.ceil(size / chunk.length)).slice(0, size)),
    ),
);

const specArb: fc.Arbitrary<Spec> = fc.record({
  account: fc.constantFrom(...DEMO_ACCOUNTS),
  body: bodyArb,
  path: pathArb,
  query: fc.array(fc.tuple(queryKey, queryValue), { maxLength: 5 }),
  wireStyle: fc.constantFrom("sdk" as const, "alt" as const),
  headers: fc.uniqueArray(fc.tuple(headerName, headerValue), {
    maxLength: 4,
    selector: ([name]) => name.toLowerCase(),
  }),
  multi: fc.option(
    fc.record({ values: fc.array(multiValue, { minLength: 2, maxLength: 4 }), asArray: fc.boolean() }),
    { freq: 3 },
  ),
  dateOffsetS: fc.integer({ min: -(14 * 60), max: 14 * 60 }),
  mutation: fc.constantFrom(...MUTATIONS),
  seed: fc.nat(),
});

// --- signing and delivery ------------------------------------------------------------------------

function queryRecord(pairs: readonly [string, string][]): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of pairs) {
    const prev = Object.hasOwn(query, k) ? query[k] : undefined;
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return query;
}

/** A seeded PRNG (mulberry32) for the choices inside one case. */
function prng(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/** Writes the query string the way the SDK does, or in an equivalent but different spelling. */
function wireQuery(
  pairs: readonly [string, string][],
  style: "sdk" | "alt",
  pick: (n: number) => number,
): string {
  if (style === "sdk") {
    // @smithy/core buildQueryString: keys sorted, values in insertion order.
    const query = queryRecord(pairs);
    const parts: string[] = [];
    for (const key of Object.keys(query).sort()) {
      const value = query[key];
      for (const v of Array.isArray(value) ? value : [value]) parts.push(`${esc(key)}=${esc(v)}`);
    }
    return parts.join("&");
  }
  // Per character: unreserved ones sometimes percent-encoded, escapes sometimes in lower-case hex.
  const reencode = (s: string) =>
    [...s]
      .map((c) =>
        /^[A-Za-z0-9\-_.~]$/.test(c)
          ? pick(5) === 0
            ? `%${c.charCodeAt(0).toString(16)}`
            : c
          : pick(2) === 0
            ? esc(c).toLowerCase()
            : esc(c),
      )
      .join("");
  const parts = pairs.map(([k, v]) => `${reencode(k)}=${reencode(v)}`);
  for (let i = parts.length - 1; i > 0; i--) {
    const j = pick(i + 1);
    [parts[i], parts[j]] = [parts[j], parts[i]];
  }
  return parts.join("&");
}

/** Node trims optional white space around a header value and lower-cases the name. */
const nodeTrim = (v: string) => v.replace(/^[ \t]+|[ \t]+$/g, "");

const signerFor = (accessKeyId: string, secretAccessKey: string) =>
  sdkSigner({ accessKeyId, secretAccessKey }, { service: SERVICE, region: REGION, applyChecksum: false });

async function signAndDeliver(spec: Spec): Promise<IncomingSignedRequest> {
  const pick = prng(spec.seed ^ 0x5bd1e995);
  const headers: Record<string, string> = {
    host: "127.0.0.1:4599",
    "content-type": "application/x-amz-json-1.0",
    "x-amz-target": "AWSPartnerCentralSelling.GetEngagement",
  };
  for (const [name, value] of spec.headers) headers[name] = value;
  if (spec.multi) headers["X-Multi"] = spec.multi.values.map(nodeTrim).join(",");
  const request = new HttpRequest({
    method: "POST",
    protocol: "http:",
    hostname: "127.0.0.1",
    port: 4599,
    path: spec.path,
    query: queryRecord(spec.query),
    headers,
    body: spec.body,
  });
  const { accessKeyId, secretAccessKey } = spec.account;
  const signed = await signerFor(accessKeyId, secretAccessKey).sign(request, {
    signingDate: new Date(NOW + spec.dateOffsetS * 1000),
  });
  const delivered: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(signed.headers)) delivered[name.toLowerCase()] = nodeTrim(value);
  if (spec.multi?.asArray) delivered["x-multi"] = spec.multi.values.map(nodeTrim);
  const qs = wireQuery(spec.query, spec.wireStyle, pick);
  return {
    method: "POST",
    url: qs ? `${spec.path}?${qs}` : spec.path,
    headers: delivered,
    body: Buffer.from(spec.body),
  };
}

// --- one random mutation -------------------------------------------------------------------------

function mutate(req: IncomingSignedRequest, spec: Spec): { req: IncomingSignedRequest; what: string } {
  const pick = prng(spec.seed);
  const headers = { ...req.headers };
  const auth = headers.authorization as string;
  const signedNames = /SignedHeaders=([^,]+)/.exec(auth)![1].split(";");
  const oneOf = <T>(items: readonly T[]): T => items[pick(items.length)];
  const q = req.url.indexOf("?");
  const path = q === -1 ? req.url : req.url.slice(0, q);
  const query = q === -1 ? "" : req.url.slice(q + 1);
  const withUrl = (p: string, qs: string) => (qs ? `${p}?${qs}` : p);

  switch (spec.mutation) {
    case "body-byte": {
      const body = Buffer.from(req.body);
      if (body.length === 0)
        return { req: { ...req, body: Buffer.from([pick(256)]) }, what: "body byte added" };
      const i = pick(body.length);
      body[i] ^= 1 << pick(8);
      return { req: { ...req, body }, what: `body byte ${i} flipped` };
    }
    case "header-value": {
      const name = oneOf(Object.keys(headers).filter((n) => n !== "authorization"));
      const value = headers[name];
      const text = Array.isArray(value) ? value.join(",") : (value ?? "");
      const changed = oneOf([`${text}x`, text.slice(1), text.toUpperCase(), `${text},`, "other"]);
      headers[name] = changed;
      return {
        req: { ...req, headers },
        what: `header ${name}: ${JSON.stringify(text)} → ${JSON.stringify(changed)}`,
      };
    }
    case "header-whitespace": {
      // Usually equivalent (collapsed by canonicalization), sometimes not (a space where there was none).
      const name = oneOf(Object.keys(headers).filter((n) => n !== "authorization" && n !== "x-amz-date"));
      const value = headers[name];
      const text = Array.isArray(value) ? value.join(",") : (value ?? "");
      const changed = oneOf([
        text.replace(/ /g, "  "),
        text.replace(/ /, "\t"),
        `${text.slice(0, 1)} ${text.slice(1)}`,
        text.replace(/ +/g, ""),
      ]);
      headers[name] = changed;
      return { req: { ...req, headers }, what: `header ${name} white space: ${JSON.stringify(changed)}` };
    }
    case "header-removal": {
      const name = oneOf(Object.keys(headers));
      delete headers[name];
      return {
        req: { ...req, headers },
        what: `header ${name} removed (${signedNames.includes(name) ? "signed" : "unsigned"})`,
      };
    }
    case "unsigned-header-added": {
      headers[oneOf(["x-unsigned", "user-agent", "x-amzn-trace-id", "via"])] = "added after signing";
      return { req: { ...req, headers }, what: "unsigned header added" };
    }
    case "date": {
      const current = headers["x-amz-date"] as string;
      const ms = Date.UTC(
        +current.slice(0, 4),
        +current.slice(4, 6) - 1,
        +current.slice(6, 8),
        +current.slice(9, 11),
        +current.slice(11, 13),
        +current.slice(13, 15),
      );
      const deltaS = oneOf([1, -1, 60, 16 * 60, -16 * 60, 3600, 24 * 3600, 0]);
      const moved =
        deltaS === 0 ? oneOf([`${current}X`, current.slice(0, 15), "garbage"]) : amz(ms + deltaS * 1000);
      headers["x-amz-date"] = moved;
      return { req: { ...req, headers }, what: `x-amz-date ${current} → ${moved}` };
    }
    case "path": {
      const changed = oneOf([
        `${path}x`,
        `${path}/`,
        path.replace(/^\//, "/./"), // equivalent after normalization
        `/extra${path}`,
        path.replace(/%20/, "%2520"),
        path.replace(/ /, "%20"),
        path.toUpperCase(),
        `${path}/seg/..`, // equivalent unless it ends in a slash
      ]);
      return { req: { ...req, url: withUrl(changed, query) }, what: `path ${path} → ${changed}` };
    }
    case "query": {
      const parts = query ? query.split("&") : [];
      let changed: string[];
      const op = pick(5);
      if (op === 0 || parts.length === 0)
        changed = [...parts, oneOf(["a=1", "new=", "flag", "a%20b=%F0%9F%9A%80"])];
      else if (op === 1) changed = parts.filter((_, i) => i !== pick(parts.length));
      else if (op === 2) changed = parts.map((p, i) => (i === 0 ? `${p}z` : p));
      else if (op === 3)
        changed = [...parts].reverse(); // equivalent
      else changed = parts.map((p) => p.replace(/=$/, "")); // `k=` → `k`: equivalent for a signed `k=`
      const qs = changed.join("&");
      return { req: { ...req, url: withUrl(path, qs) }, what: `query ${query} → ${qs}` };
    }
    case "signature-char": {
      const m = /Signature=([0-9a-f]{64})/.exec(auth)!;
      const i = pick(64);
      const c = "0123456789abcdef"[(parseInt(m[1][i], 16) + 1 + pick(15)) % 16];
      const sig = m[1].slice(0, i) + c + m[1].slice(i + 1);
      headers.authorization = auth.replace(m[1], sig);
      return { req: { ...req, headers }, what: `signature char ${i}` };
    }
    case "access-key": {
      const current = /Credential=([^/]+)/.exec(auth)![1];
      const other = oneOf([
        ...DEMO_ACCOUNTS.map((a) => a.accessKeyId).filter((k) => k !== current),
        "AKIAUNKNOWNKEY000000",
        current.toLowerCase(),
      ]);
      headers.authorization = auth.replace(`Credential=${current}`, `Credential=${other}`);
      return { req: { ...req, headers }, what: `access key → ${other}` };
    }
    case "scope": {
      const [from, to] = oneOf([
        [`/${REGION}/`, "/us-west-2/"],
        [`/${SERVICE}/`, "/partnercentral/"],
        ["/aws4_request", "/aws4_requesT"],
      ]);
      headers.authorization = auth.replace(from, to);
      return { req: { ...req, headers }, what: `scope ${from} → ${to}` };
    }
  }
}

function amz(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}Z$/, "Z");
}

// --- the reference verdict -----------------------------------------------------------------------

type Verdict = { accepted: true } | { accepted: false; why: string };

function lenient(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

async function reference(req: IncomingSignedRequest, nowMs: number): Promise<Verdict> {
  const reject = (why: string): Verdict => ({ accepted: false, why });
  const auth = req.headers.authorization;
  if (typeof auth !== "string") return reject("no Authorization");
  const m = /^AWS4-HMAC-SHA256 Credential=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
    auth,
  );
  if (!m) return reject("Authorization not in the SDK's form");
  const [, credential, signedHeaderList, signature] = m;
  const scope = credential.split("/");
  if (scope.length !== 5) return reject("credential");
  const [accessKeyId, scopeDate, scopeRegion, scopeService, terminator] = scope;
  if (scopeRegion !== REGION || scopeService !== SERVICE || terminator !== "aws4_request")
    return reject("scope");
  const signedNames = signedHeaderList.split(";");
  if (!signedNames.includes("host")) return reject("host not signed");
  const amzDate = req.headers["x-amz-date"];
  if (typeof amzDate !== "string" || !/^\d{8}T\d{6}Z$/.test(amzDate)) return reject("x-amz-date");
  const dateMs = Date.parse(
    `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
  );
  if (Number.isNaN(dateMs) || amz(dateMs) !== amzDate) return reject("x-amz-date");
  if (Math.abs(dateMs - nowMs) > SKEW_MS) return reject("outside the time window");
  if (scopeDate !== amzDate.slice(0, 8)) return reject("scope date");
  const account = registry.byAccessKeyId(accessKeyId);
  if (!account) return reject("unknown key");

  // Re-sign what was received with smithy: same date, same credentials, same signed-header set.
  const q = req.url.indexOf("?");
  const path = q === -1 ? req.url : req.url.slice(0, q);
  const query: Record<string, string | string[]> = {};
  if (q !== -1) {
    for (const piece of req.url.slice(q + 1).split("&")) {
      if (piece === "") continue;
      const eq = piece.indexOf("=");
      const key = lenient(eq === -1 ? piece : piece.slice(0, eq));
      const value = eq === -1 ? "" : lenient(piece.slice(eq + 1));
      const prev = Object.hasOwn(query, key) ? query[key] : undefined;
      query[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
    }
  }
  const headers: Record<string, string> = {};
  for (const name of signedNames) {
    const value = req.headers[name];
    if (value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(",") : value;
  }
  const resigned = await signerFor(account.accessKeyId, account.secretAccessKey).sign(
    new HttpRequest({
      method: req.method,
      hostname: "127.0.0.1",
      path,
      query,
      headers,
      body: new Uint8Array(req.body),
    }),
    { signingDate: new Date(dateMs), signableHeaders: new Set(signedNames) },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(resigned.headers.authorization)![1];
  return expected === signature ? { accepted: true } : reject("signature differs");
}

function ours(req: IncomingSignedRequest, nowMs: number): Verdict {
  try {
    authenticate(req, registry, { region: REGION, service: SERVICE, nowMs });
    return { accepted: true };
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return { accepted: false, why: `${err.type}: ${err.message}` };
  }
}

describe("SigV4 verifier vs @smithy/signature-v4 (differential)", () => {
  it(`agrees on ${RUNS} signed requests and ${RUNS} tampered variants`, async () => {
    const counts = { originalAccepted: 0, originalRejected: 0, tamperedAccepted: 0, tamperedRejected: 0 };
    const byMutation = new Map<string, { accepted: number; rejected: number }>();
    await fc.assert(
      fc.asyncProperty(specArb, async (spec) => {
        const original = await signAndDeliver(spec);
        const refOriginal = await reference(original, NOW);
        const ourOriginal = ours(original, NOW);
        expect(refOriginal, "reference accepts what the SDK signed").toEqual({ accepted: true });
        expect(ourOriginal.accepted, `original: ${JSON.stringify(ourOriginal)}`).toBe(true);
        counts.originalAccepted += ourOriginal.accepted ? 1 : 0;
        counts.originalRejected += ourOriginal.accepted ? 0 : 1;

        const { req: tampered, what } = mutate(original, spec);
        const refTampered = await reference(tampered, NOW);
        const ourTampered = ours(tampered, NOW);
        expect(
          ourTampered.accepted,
          `${spec.mutation} (${what}): reference ${JSON.stringify(refTampered)}, ours ${JSON.stringify(ourTampered)}`,
        ).toBe(refTampered.accepted);
        if (ourTampered.accepted) counts.tamperedAccepted++;
        else counts.tamperedRejected++;
        const tally = byMutation.get(spec.mutation) ?? { accepted: 0, rejected: 0 };
        if (ourTampered.accepted) tally.accepted++;
        else tally.rejected++;
        byMutation.set(spec.mutation, tally);
      }),
      { numRuns: RUNS, seed: Number(process.env.SIGV4_DIFF_SEED ?? 20250101), endOnFailure: false },
    );
    const total =
      counts.originalAccepted + counts.originalRejected + counts.tamperedAccepted + counts.tamperedRejected;
    console.log(
      `sigv4 differential: ${total} requests — originals accepted ${counts.originalAccepted}, rejected ${counts.originalRejected}; tampered accepted ${counts.tamperedAccepted}, rejected ${counts.tamperedRejected}`,
    );
    console.log(
      `  tampered by mutation: ${[...byMutation]
        .sort()
        .map(([k, v]) => `${k} ${v.accepted}/${v.rejected}`)
        .join(", ")} (accepted/rejected)`,
    );
    expect(counts.originalAccepted).toBe(RUNS);
    // Both outcomes must actually occur among the tampered variants, or the test proves little.
    expect(counts.tamperedAccepted).toBeGreaterThan(20);
    expect(counts.tamperedRejected).toBeGreaterThan(RUNS / 2);
  }, 120_000);
});
