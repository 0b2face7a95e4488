import { Sha256 } from "@aws-crypto/sha256-js";
import { GetEngagementCommand, PartnerCentralSellingClient } from "@aws-sdk/client-partnercentral-selling";
import { HttpRequest } from "@smithy/protocol-http";
import { getCanonicalHeaders, SignatureV4 } from "@smithy/signature-v4";
import type { HttpRequest as IHttpRequest } from "@smithy/types";
import { describe, expect, it } from "vitest";
import { AccountRegistry, DEMO_ACCOUNTS } from "../../src/auth/accounts.js";
import {
  canonicalHeaderValue,
  canonicalQuery,
  canonicalUri,
  parseAmzDate,
  parseQuery,
  toAmzDate,
} from "../../src/auth/canonical.js";
import {
  authenticate,
  CONTENT_SHA256_MISMATCH,
  type IncomingSignedRequest,
  SIGNATURE_MISMATCH,
  type VerifyOptions,
} from "../../src/auth/sigv4.js";
import { ApiError } from "../../src/errors.js";
import { sdkSigner } from "../helpers/sign.js";

const REGION = "us-east-1";
const SERVICE = "partnercentral-selling";
const [A, B] = DEMO_ACCOUNTS;
const registry = new AccountRegistry();
const NOW = Date.UTC(2025, 0, 1, 0, 25, 0); // 20250101T002500Z
const OPTIONS: VerifyOptions = { region: REGION, service: SERVICE, nowMs: NOW };
const BODY = JSON.stringify({ Catalog: "Sandbox", Identifier: "eng-abcdefghijklmn" });

interface SignArgs {
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  region?: string;
  service?: string;
  date?: number;
  body?: string | Uint8Array;
  path?: string;
  query?: Record<string, string | string[] | null>;
  headers?: Record<string, string>;
  applyChecksum?: boolean;
}

const signer = (args: SignArgs = {}) =>
  sdkSigner(
    {
      accessKeyId: args.accessKeyId ?? A.accessKeyId,
      secretAccessKey: args.secretAccessKey ?? A.secretAccessKey,
      sessionToken: args.sessionToken,
    },
    { service: args.service ?? SERVICE, region: args.region ?? REGION, applyChecksum: args.applyChecksum },
  );

function unsigned(args: SignArgs = {}): HttpRequest {
  return new HttpRequest({
    method: "POST",
    protocol: "http:",
    hostname: "127.0.0.1",
    port: 4599,
    path: args.path ?? "/",
    query: (args.query ?? {}) as Record<string, string | string[]>,
    headers: {
      host: "127.0.0.1:4599",
      "content-type": "application/x-amz-json-1.0",
      "x-amz-target": "AWSPartnerCentralSelling.GetEngagement",
      ...args.headers,
    },
    body: args.body ?? BODY,
  });
}

/** The query string as the SDK's HTTP handlers put it on the wire. */
function wireQuery(query: Record<string, string | string[] | null>): string {
  const esc = (s: string) =>
    encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const parts: string[] = [];
  for (const key of Object.keys(query).sort()) {
    const value = query[key];
    if (Array.isArray(value)) for (const v of value) parts.push(`${esc(key)}=${esc(v)}`);
    else parts.push(value === null ? esc(key) : `${esc(key)}=${esc(value)}`);
  }
  return parts.join("&");
}

/** What node hands the server for a signed HttpRequest: lower-case header names, raw target, bytes. */
function received(signed: IHttpRequest): IncomingSignedRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) headers[name.toLowerCase()] = value;
  const qs = wireQuery((signed.query ?? {}) as Record<string, string | string[] | null>);
  const body = signed.body;
  return {
    method: signed.method,
    url: qs ? `${signed.path}?${qs}` : signed.path,
    headers,
    body: body === undefined ? Buffer.alloc(0) : Buffer.from(body as string | Uint8Array),
  };
}

async function signedRequest(args: SignArgs = {}): Promise<IncomingSignedRequest> {
  const signed = await signer(args).sign(unsigned(args), { signingDate: new Date(args.date ?? NOW) });
  return received(signed);
}

function rejection(req: IncomingSignedRequest, options: VerifyOptions = OPTIONS): ApiError {
  try {
    authenticate(req, registry, options);
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    return err as ApiError;
  }
  throw new Error("expected the request to be rejected");
}

function expectRejected(req: IncomingSignedRequest, type: string, message?: string | RegExp): ApiError {
  const err = rejection(req);
  expect(err.type).toBe(type);
  expect(err.name).toBe(type);
  if (typeof message === "string") expect(err.message).toBe(message);
  else if (message) expect(err.message).toMatch(message);
  return err;
}

function withHeaders(req: IncomingSignedRequest, change: Record<string, string | string[] | undefined>) {
  const headers = { ...req.headers, ...change };
  for (const [k, v] of Object.entries(change)) if (v === undefined) delete headers[k];
  return { ...req, headers };
}

const authOf = (req: IncomingSignedRequest) => req.headers.authorization as string;

describe("authenticate: requests signed by @smithy/signature-v4", () => {
  it("accepts a signed request and returns the signing account", async () => {
    const req = await signedRequest();
    expect(req.headers["x-amz-content-sha256"]).toBeDefined(); // smithy's default applyChecksum
    expect(authenticate(req, registry, OPTIONS)).toBe(registry.byAccessKeyId(A.accessKeyId));
  });

  it("tells the two demo accounts apart", async () => {
    const req = await signedRequest({ accessKeyId: B.accessKeyId, secretAccessKey: B.secretAccessKey });
    expect(authenticate(req, registry, OPTIONS).awsAccountId).toBe("444455556666");
  });

  it("accepts a request without x-amz-content-sha256 (applyChecksum: false)", async () => {
    const req = await signedRequest({ applyChecksum: false });
    expect(req.headers["x-amz-content-sha256"]).toBeUndefined();
    expect(authenticate(req, registry, OPTIONS).alias).toBe("partner-a");
  });

  it("accepts an empty body, a large body and a unicode body", async () => {
    for (const body of ["", "x".repeat(1_000_000), JSON.stringify({ n: "Ünïcødé 東京 🚀" })]) {
      const req = await signedRequest({ body, applyChecksum: false });
      expect(authenticate(req, registry, OPTIONS).alias).toBe("partner-a");
    }
  });

  it("refuses session credentials: an x-amz-security-token, signed or not, or in a presigned query", async () => {
    const TOKEN_INVALID = "The security token included in the request is invalid.";
    const signedToken = await signedRequest({ sessionToken: "FwoGZXIvYXdzEXAMPLE//token+with=chars" });
    expect(authOf(signedToken)).toContain("x-amz-security-token");
    expectRejected(signedToken, "UnrecognizedClientException", TOKEN_INVALID);

    const plain = await signedRequest();
    expect(authenticate(plain, registry, OPTIONS).alias).toBe("partner-a");
    const addedUnsigned = withHeaders(plain, { "x-amz-security-token": "FwoGZXIvYXdzEXAMPLE" });
    expectRejected(addedUnsigned, "UnrecognizedClientException", TOKEN_INVALID);
    expectRejected(withHeaders(plain, { "x-amz-security-token": "" }), "UnrecognizedClientException");

    const presigned = received(
      await signer({ sessionToken: "FwoGZXIvYXdzEXAMPLE", applyChecksum: false }).presign(unsigned(), {
        signingDate: new Date(NOW),
        expiresIn: 600,
      }),
    );
    expect(presigned.url).toContain("X-Amz-Security-Token=");
    expectRejected(presigned, "UnrecognizedClientException", TOKEN_INVALID);
  });

  it("accepts encoded paths, query strings and odd header spacing", async () => {
    const req = await signedRequest({
      path: "/a%20b/%C3%A7/./x/../y/",
      query: { "b key": ["2", "1", "ü"], a: "x y+z!*'()", "~tilde": "" },
      headers: { "x-odd": "  several   spaces\tand tab  ", "X-Mixed-Case": "Value" },
    });
    expect(req.url).toContain("?");
    expect(authenticate(req, registry, OPTIONS).alias).toBe("partner-a");
  });

  it("ignores headers added after signing (unsigned headers don't matter)", async () => {
    const req = await signedRequest();
    const added = withHeaders(req, { "user-agent": "curl/8", "x-forwarded-for": "10.0.0.1", "x-extra": "1" });
    expect(authenticate(added, registry, OPTIONS).alias).toBe("partner-a");
  });

  it("accepts what the real SDK client sends", async () => {
    let captured: IHttpRequest | undefined;
    const client = new PartnerCentralSellingClient({
      region: REGION,
      endpoint: "http://127.0.0.1:4599",
      credentials: { accessKeyId: B.accessKeyId, secretAccessKey: B.secretAccessKey },
      maxAttempts: 1,
      requestHandler: {
        handle: async (request: IHttpRequest) => {
          captured = request;
          throw new Error("captured");
        },
      },
    });
    await expect(
      client.send(new GetEngagementCommand({ Catalog: "Sandbox", Identifier: "eng-abcdefghijklmn" })),
    ).rejects.toThrow("captured");
    expect(captured).toBeDefined();
    const req = received(captured!);
    // The SDK signed against the real clock.
    expect(authenticate(req, registry, { region: REGION, service: SERVICE }).alias).toBe("partner-b");
    const swapped = rejection(
      { ...req, body: Buffer.from(`${req.body.toString()} `) },
      { region: REGION, service: SERVICE },
    );
    expect(swapped.type).toBe("InvalidSignatureException");
    expect(swapped.message).toBe(CONTENT_SHA256_MISMATCH);
  });

  it("accepts the Date header when there is no x-amz-date", async () => {
    // smithy never signs with `Date`, so build the signature from its own canonicalization pieces.
    class OpenSigner extends SignatureV4 {
      canonical(request: IHttpRequest, headers: Record<string, string>, payloadHash: string): string {
        return this.createCanonicalRequest(request, headers, payloadHash);
      }
    }
    const s = new OpenSigner({
      service: SERVICE,
      region: REGION,
      credentials: { accessKeyId: A.accessKeyId, secretAccessKey: A.secretAccessKey },
      sha256: Sha256,
    });
    const httpDate = new Date(NOW).toUTCString(); // Wed, 01 Jan 2025 00:25:00 GMT
    const request = unsigned({ headers: { date: httpDate } });
    const canonicalHeaders = getCanonicalHeaders(request);
    const hash = new Sha256();
    hash.update(BODY);
    const payloadHash = Buffer.from(await hash.digest()).toString("hex");
    const creq = s.canonical(request, canonicalHeaders, payloadHash);
    const h2 = new Sha256();
    h2.update(creq);
    const scope = `20250101/${REGION}/${SERVICE}/aws4_request`;
    const sts = `AWS4-HMAC-SHA256\n${toAmzDate(NOW)}\n${scope}\n${Buffer.from(await h2.digest()).toString("hex")}`;
    const signature = await s.sign(sts, { signingDate: new Date(NOW) });
    const auth = `AWS4-HMAC-SHA256 Credential=${A.accessKeyId}/${scope}, SignedHeaders=${Object.keys(canonicalHeaders).sort().join(";")}, Signature=${signature}`;
    const req = received({
      ...request,
      headers: { ...request.headers, authorization: auth },
    } as IHttpRequest);
    expect(authenticate(req, registry, OPTIONS).alias).toBe("partner-a");
  });

  it("joins a header sent on several lines with ',' (req.headersDistinct)", async () => {
    const req = await signedRequest({ headers: { "x-multi": "a,b,c" } });
    const distinct = withHeaders(req, { "x-multi": ["a", "b", "  c"] });
    expect(authenticate(distinct, registry, OPTIONS).alias).toBe("partner-a");
    // node's req.headers would have joined them with ", " — a different value.
    expectRejected(
      withHeaders(req, { "x-multi": "a, b, c" }),
      "InvalidSignatureException",
      SIGNATURE_MISMATCH,
    );
  });

  it("signs a valueless query parameter as `flag=`, never as absent", async () => {
    // The SigV4 specification (and botocore) sign `?flag` as `flag=`...
    const spec = await signedRequest({ query: { flag: "", a: "1" } });
    expect(spec.url).toBe("/?a=1&flag=");
    expect(authenticate(spec, registry, OPTIONS).alias).toBe("partner-a");
    expect(authenticate({ ...spec, url: "/?a=1&flag" }, registry, OPTIONS).alias).toBe("partner-a");
    // ...smithy leaves a null-valued parameter out of the canonical query. Reading it that way would
    // let anyone append `&anything` to a signed request, so that reading is refused.
    const smithy = await signedRequest({ query: { flag: null, a: "1" } });
    expect(smithy.url).toBe("/?a=1&flag");
    expectRejected(smithy, "InvalidSignatureException", SIGNATURE_MISMATCH);
    const appended = await signedRequest({ query: { a: "1" } });
    expectRejected(
      { ...appended, url: `${appended.url}&flag` },
      "InvalidSignatureException",
      SIGNATURE_MISMATCH,
    );
  });

  it("accepts presigned (query-string) requests until they expire", async () => {
    const s = signer({ applyChecksum: false });
    const presigned = await s.presign(unsigned(), { signingDate: new Date(NOW), expiresIn: 600 });
    const req = received(presigned);
    expect(req.headers.authorization).toBeUndefined();
    expect(req.url).toContain("X-Amz-Signature=");
    expect(authenticate(req, registry, OPTIONS).alias).toBe("partner-a");
    expect(authenticate(req, registry, { ...OPTIONS, nowMs: NOW + 599_000 }).alias).toBe("partner-a");
    const late = rejection(req, { ...OPTIONS, nowMs: NOW + 601_000 });
    expect(late.type).toBe("InvalidSignatureException");
    expect(late.message).toBe(
      "Signature expired: 20250101T002500Z is now earlier than 20250101T002501Z (20250101T003501Z - 600 sec.)",
    );
    expectRejected({ ...req, body: Buffer.from("{}") }, "InvalidSignatureException", SIGNATURE_MISMATCH);
    // Both an Authorization header and a query signature: ambiguous, refused.
    const both = withHeaders(req, { authorization: authOf(await signedRequest()) });
    expectRejected(both, "InvalidSignatureException", SIGNATURE_MISMATCH);
    // A query signature with a foreign algorithm is no signature at all.
    expectRejected(
      { ...req, url: req.url.replace("X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Algorithm=AWS4-HMAC-SHA1") },
      "MissingAuthenticationTokenException",
    );
    expectRejected(
      { ...req, url: req.url.replace(/&?X-Amz-Credential=[^&]*/, "") },
      "IncompleteSignatureException",
      "AWS query-string parameters must include 'X-Amz-Credential'. Re-examine the query-string parameters.",
    );
  });
});

describe("authenticate: rejections", () => {
  it("no Authorization header → MissingAuthenticationTokenException", async () => {
    const req = withHeaders(await signedRequest(), { authorization: undefined });
    expectRejected(req, "MissingAuthenticationTokenException", "Missing Authentication Token");
    expect(rejection(req).status).toBe(403);
    expectRejected(withHeaders(req, { authorization: " " }), "MissingAuthenticationTokenException");
  });

  it("garbled Authorization headers → IncompleteSignatureException", async () => {
    const req = await signedRequest();
    const auth = authOf(req);
    const [, credential, signedHeaders, signature] =
      /^AWS4-HMAC-SHA256 Credential=(\S+), SignedHeaders=(\S+), Signature=(\S+)$/.exec(auth)!;
    const garbled = (value: string) => withHeaders(req, { authorization: value });
    const cases: [string, string | RegExp][] = [
      ["Bearer abc", "Unsupported AWS 'algorithm': 'Bearer'."],
      [
        auth.replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA512"),
        "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512'.",
      ],
      [
        "AWS4-HMAC-SHA256",
        "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4-HMAC-SHA256",
      ],
      [
        `AWS4-HMAC-SHA256 SignedHeaders=${signedHeaders}, Signature=${signature}`,
        `Authorization header requires 'Credential' parameter. Authorization=AWS4-HMAC-SHA256 SignedHeaders=${signedHeaders}, Signature=${signature}`,
      ],
      [
        `AWS4-HMAC-SHA256 Credential=${credential}, SignedHeaders=${signedHeaders}`,
        /^Authorization header requires 'Signature' parameter\. Authorization=AWS4-HMAC-SHA256 Credential=/,
      ],
      [
        `AWS4-HMAC-SHA256 Credential=${credential}, Signature=${signature}`,
        /^Authorization header requires 'SignedHeaders' parameter\. Authorization=/,
      ],
      [
        `AWS4-HMAC-SHA256 Credential, SignedHeaders=${signedHeaders}, Signature=${signature}`,
        /^'Credential' not a valid key=value pair \(missing equal-sign\) in Authorization header: 'AWS4-HMAC-SHA256 Credential, /,
      ],
      [
        auth.replace(`Credential=${credential}`, `Credential=${A.accessKeyId}/20250101/us-east-1`),
        `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${A.accessKeyId}/20250101/us-east-1'`,
      ],
      [
        auth.replace("SignedHeaders=", "SignedHeaders=").replace(/host;/, ""),
        "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
      ],
    ];
    for (const [value, message] of cases) {
      const err = expectRejected(garbled(value), "IncompleteSignatureException", message);
      expect(err.status).toBe(400);
    }
    // Parameters separated by white space only are understood (AWS accepts them too).
    const spaced = auth.replace(/, /g, " ");
    expect(authenticate(garbled(spaced), registry, OPTIONS).alias).toBe("partner-a");
  });

  it("no x-amz-date nor Date header, or a malformed one → IncompleteSignatureException", async () => {
    const req = await signedRequest();
    expectRejected(
      withHeaders(req, { "x-amz-date": undefined }),
      "IncompleteSignatureException",
      `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${authOf(req)}`,
    );
    for (const bad of ["2025-01-01T00:25:00Z", "20250101T002500", "20250230T002500Z", "yesterday"]) {
      expectRejected(
        withHeaders(req, { "x-amz-date": bad }),
        "IncompleteSignatureException",
        `Date must be in ISO-8601 'basic format'. Got '${bad}'. See http://en.wikipedia.org/wiki/ISO_8601`,
      );
    }
  });

  it("unknown access key → UnrecognizedClientException", async () => {
    const req = await signedRequest({ accessKeyId: "AKIAUNKNOWNKEY000000" });
    expectRejected(
      req,
      "UnrecognizedClientException",
      "The security token included in the request is invalid.",
    );
  });

  it("wrong secret → InvalidSignatureException (signature mismatch)", async () => {
    const req = await signedRequest({ secretAccessKey: "not-the-secret" });
    expect(rejection(req).status).toBe(403);
    expectRejected(req, "InvalidSignatureException", SIGNATURE_MISMATCH);
    // Partner B's key with partner A's secret.
    expectRejected(
      await signedRequest({ accessKeyId: B.accessKeyId, secretAccessKey: A.secretAccessKey }),
      "InvalidSignatureException",
      SIGNATURE_MISMATCH,
    );
  });

  it("tampered body → InvalidSignatureException", async () => {
    const plain = await signedRequest({ applyChecksum: false });
    const tampered = Buffer.from(plain.body);
    tampered[5] ^= 1;
    expectRejected({ ...plain, body: tampered }, "InvalidSignatureException", SIGNATURE_MISMATCH);
    expectRejected({ ...plain, body: Buffer.alloc(0) }, "InvalidSignatureException", SIGNATURE_MISMATCH);
    // With x-amz-content-sha256 signed, the header no longer matches the bytes.
    const withChecksum = await signedRequest();
    expectRejected(
      { ...withChecksum, body: Buffer.from(BODY.replace("Sandbox", "AWS")) },
      "InvalidSignatureException",
      CONTENT_SHA256_MISMATCH,
    );
  });

  it("x-amz-content-sha256 lying about the body → InvalidSignatureException", async () => {
    // smithy trusts the header: it signs the claimed hash, not the body it was given.
    const other = JSON.stringify({ Catalog: "AWS", Identifier: "eng-zzzzzzzzzzzzzz" });
    const claimed = (await signedRequest({ body: other }))["headers"]["x-amz-content-sha256"] as string;
    const lying = await signedRequest({ headers: { "x-amz-content-sha256": claimed } });
    expect(lying.headers["x-amz-content-sha256"]).toBe(claimed);
    expectRejected(lying, "InvalidSignatureException", CONTENT_SHA256_MISMATCH);
    // UNSIGNED-PAYLOAD is not accepted either: the body is always part of the signature.
    const unsignedPayload = await signedRequest({ headers: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" } });
    expectRejected(unsignedPayload, "InvalidSignatureException", CONTENT_SHA256_MISMATCH);
  });

  it("signed header altered after signing → InvalidSignatureException", async () => {
    const req = await signedRequest();
    for (const change of [
      { "x-amz-target": "AWSPartnerCentralSelling.ListEngagements" },
      { "content-type": "application/json" },
      { host: "127.0.0.1:4600" },
    ]) {
      expectRejected(withHeaders(req, change), "InvalidSignatureException", SIGNATURE_MISMATCH);
    }
    // Equivalent whitespace is not a change.
    expect(
      authenticate(
        withHeaders(req, { "x-amz-target": " AWSPartnerCentralSelling.GetEngagement " }),
        registry,
        OPTIONS,
      ).alias,
    ).toBe("partner-a");
  });

  it("signed header removed → InvalidSignatureException", async () => {
    const req = await signedRequest();
    for (const name of ["x-amz-target", "content-type", "host"]) {
      expectRejected(
        withHeaders(req, { [name]: undefined }),
        "InvalidSignatureException",
        SIGNATURE_MISMATCH,
      );
    }
  });

  it("wrong region → InvalidSignatureException", async () => {
    const req = await signedRequest({ region: "eu-west-1" });
    expectRejected(req, "InvalidSignatureException", "Credential should be scoped to a valid region. ");
  });

  it("wrong service → InvalidSignatureException", async () => {
    const req = await signedRequest({ service: "partnercentral" });
    expectRejected(
      req,
      "InvalidSignatureException",
      "Credential should be scoped to correct service: 'partnercentral-selling'. ",
    );
    const both = await signedRequest({ service: "s3", region: "us-west-2" });
    expectRejected(
      both,
      "InvalidSignatureException",
      "Credential should be scoped to a valid region. Credential should be scoped to correct service: 'partnercentral-selling'. ",
    );
  });

  it("wrong terminator or a scope date other than the request's → InvalidSignatureException", async () => {
    const req = await signedRequest();
    expectRejected(
      withHeaders(req, { authorization: authOf(req).replace("aws4_request", "aws5_request") }),
      "InvalidSignatureException",
      "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. ",
    );
    // Signed a minute before midnight, x-amz-date moved past midnight (still inside the window).
    const lateNight = Date.UTC(2025, 0, 1, 23, 59, 0);
    const night = await signedRequest({ date: lateNight });
    const moved = withHeaders(night, { "x-amz-date": "20250102T000100Z" });
    const err = rejection(moved, { ...OPTIONS, nowMs: Date.UTC(2025, 0, 2) });
    expect(err.type).toBe("InvalidSignatureException");
    expect(err.message).toBe(
      "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20250101' != '20250102', from '20250102T000100Z'. ",
    );
  });

  it("stale date (16 minutes old) → InvalidSignatureException 'Signature expired'", async () => {
    const req = await signedRequest({ date: NOW - 16 * 60_000 });
    expectRejected(
      req,
      "InvalidSignatureException",
      "Signature expired: 20250101T000900Z is now earlier than 20250101T001000Z (20250101T002500Z - 15 min.)",
    );
    // 14 minutes old is fine.
    expect(authenticate(await signedRequest({ date: NOW - 14 * 60_000 }), registry, OPTIONS).alias).toBe(
      "partner-a",
    );
  });

  it("future date → InvalidSignatureException 'Signature not yet current'", async () => {
    const req = await signedRequest({ date: NOW + 16 * 60_000 });
    expectRejected(
      req,
      "InvalidSignatureException",
      "Signature not yet current: 20250101T004100Z is still later than 20250101T004000Z (20250101T002500Z + 15 min.)",
    );
    expect(authenticate(await signedRequest({ date: NOW + 14 * 60_000 }), registry, OPTIONS).alias).toBe(
      "partner-a",
    );
  });

  it("date moved after signing → InvalidSignatureException", async () => {
    const req = await signedRequest();
    expectRejected(
      withHeaders(req, { "x-amz-date": toAmzDate(NOW + 1000) }),
      "InvalidSignatureException",
      SIGNATURE_MISMATCH,
    );
  });

  it("a tampered path, query or signature → InvalidSignatureException", async () => {
    const req = await signedRequest({ query: { a: "1" } });
    for (const url of ["/x?a=1", "/?a=2", "/?a=1&b=2", "/", "/?a=1&X-Amz-Algorithm=AWS4-HMAC-SHA256"]) {
      expectRejected({ ...req, url }, "InvalidSignatureException", SIGNATURE_MISMATCH);
    }
    // Re-encoding the query differently but equivalently is not a change; nor is a fragment, which
    // is never signed, or an absolute-form request target.
    for (const url of ["/?%61=%31", "/?a=1#frag", "http://127.0.0.1:4599/?a=1"]) {
      expect(authenticate({ ...req, url }, registry, OPTIONS).alias).toBe("partner-a");
    }
    const auth = authOf(req);
    const sig = auth.slice(-64);
    for (const bad of [
      sig.toUpperCase(),
      `${sig.slice(0, 63)}${sig[63] === "0" ? "1" : "0"}`,
      sig.slice(1),
      "zz",
    ]) {
      expectRejected(
        withHeaders(req, { authorization: `${auth.slice(0, -64)}${bad}` }),
        "InvalidSignatureException",
        SIGNATURE_MISMATCH,
      );
    }
  });

  it("signed header names that no request carries don't crash", async () => {
    const req = await signedRequest();
    const auth = authOf(req).replace("SignedHeaders=", "SignedHeaders=constructor;__proto__;");
    expectRejected(
      withHeaders(req, { authorization: auth }),
      "InvalidSignatureException",
      SIGNATURE_MISMATCH,
    );
  });
});

describe("canonicalization helpers", () => {
  it("double-encodes and normalizes paths as smithy does", () => {
    expect(canonicalUri("/")).toBe("/");
    expect(canonicalUri("/a b/ç")).toBe("/a%20b/%C3%A7");
    expect(canonicalUri("/a%20b/%C3%A7")).toBe("/a%2520b/%25C3%25A7");
    expect(canonicalUri("//a/./b/../c/")).toBe("/a/c/");
    expect(canonicalUri("/..")).toBe("/");
    expect(canonicalUri("/a!'()*")).toBe("/a%21%27%28%29%2A");
  });

  it("sorts and encodes query parameters", () => {
    expect(canonicalQuery(parseQuery("b=2&a=3&a=1&c&X-Amz-Signature=x"))).toBe("a=1&a=3&b=2&c=");
    expect(canonicalQuery(parseQuery("k=a+b&k=%zz&%E2%82%AC=%7E"))).toBe("%E2%82%AC=~&k=%25zz&k=a%2Bb");
  });

  it("trims header values and collapses white space", () => {
    expect(canonicalHeaderValue("  a   b\t\tc  ")).toBe("a b c");
    expect(canonicalHeaderValue("a\r\nb")).toBe("a b");
    expect(canonicalHeaderValue("plain")).toBe("plain");
  });

  it("parses x-amz-date strictly", () => {
    expect(parseAmzDate("20250101T002500Z")).toBe(NOW);
    expect(parseAmzDate("20251301T000000Z")).toBeNaN();
    expect(parseAmzDate("20240229T235959Z")).toBe(Date.UTC(2024, 1, 29, 23, 59, 59));
    for (const bad of [
      "20250229T000000Z",
      "21000229T000000Z",
      "20250101T240000Z",
      "20250101T006000Z",
      "2025010lT000000Z",
      "20250101 000000Z",
      "20250101T000000z",
      "20250101T0000000Z",
    ]) {
      expect(parseAmzDate(bad), bad).toBeNaN();
    }
    expect(parseAmzDate("20000229T000000Z")).toBe(Date.UTC(2000, 1, 29));
    expect(toAmzDate(NOW + 999)).toBe("20250101T002500Z");
  });
});
