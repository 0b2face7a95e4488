/**
 * Server-side AWS Signature Version 4 verification on `node:crypto`.
 *
 * The canonical request is rebuilt from the request exactly as received (method, raw path and query,
 * the headers the client said it signed, and the SHA-256 of the body bytes that arrived), the way
 * `@smithy/signature-v4` builds it when the SDK signs. Checks run in the order AWS's front end applies
 * them, so the first failure names the same exception AWS would: a malformed `Authorization`
 * (IncompleteSignature), the request time outside the window, the credential scope (InvalidSignature),
 * an unknown key or any session token (UnrecognizedClient), then the signature itself.
 */
import * as crypto from "node:crypto";
import {
  incompleteSignature,
  invalidSignature,
  missingAuthenticationToken,
  unrecognizedClient,
} from "../errors.js";
import type { Account, AccountRegistry } from "./accounts.js";
import {
  canonicalHeader,
  canonicalQuery,
  canonicalUri,
  parseAmzDate,
  parseQuery,
  parseRequestDate,
  type QueryParam,
  toAmzDate,
} from "./canonical.js";

export interface IncomingSignedRequest {
  /** `POST` */
  method: string;
  /** Raw request target as received: path plus optional `?query` (`/`, `/?a=b`). */
  url: string;
  /**
   * Node's `req.headers` (lower-case keys). `req.headersDistinct` works too and is exact for a
   * header sent on several lines (SigV4 joins those with `,`, node's `req.headers` with `, `).
   */
  headers: Record<string, string | string[] | undefined>;
  /** The exact bytes received. */
  body: Buffer;
}

export interface VerifyOptions {
  region: string;
  service: string;
  /** The real clock (never a virtual one); default `Date.now()`. */
  nowMs?: number;
  /** Allowed distance between the request time and now; default 15 minutes. */
  maxSkewMs?: number;
}

const ALGORITHM = "AWS4-HMAC-SHA256";
const TERMINATOR = "aws4_request";
const DEFAULT_MAX_SKEW_MS = 15 * 60 * 1000;
/** Longest lifetime of a presigned request (`X-Amz-Expires`), as SigV4 allows. */
const MAX_PRESIGNED_EXPIRES_S = 7 * 24 * 60 * 60;
const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const SIGNATURE_HEX = /^[0-9a-f]{64}$/;

export const SIGNATURE_MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
export const CONTENT_SHA256_MISMATCH =
  "The provided 'x-amz-content-sha256' header does not match what was computed.";
const HOST_MUST_BE_SIGNED = "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.";

/** What an Authorization header or a presigned query string carries. */
interface AuthParts {
  credential: string;
  signedHeaders: string;
  signature: string;
  /** Request time as sent (x-amz-date, Date header, or X-Amz-Date parameter). */
  dateText: string;
  /** Whether `dateText` came from the `Date` header (which may use the HTTP date format). */
  fromDateHeader: boolean;
  /** `X-Amz-Expires` of a presigned request, in seconds. */
  expiresS?: number;
}

/** Returns the signing account or throws an ApiError (from ../errors.js). */
export function authenticate(
  req: IncomingSignedRequest,
  registry: AccountRegistry,
  options: VerifyOptions,
): Account {
  const headers = req.headers;
  // A fragment is never signed (smithy's HTTP handlers do put `request.fragment` on the wire).
  const hash = req.url.indexOf("#");
  const url = hash === -1 ? req.url : req.url.slice(0, hash);
  const q = url.indexOf("?");
  let path = q === -1 ? url : url.slice(0, q);
  const rawQuery = q === -1 ? "" : url.slice(q + 1);
  if (!path.startsWith("/")) path = originFormPath(path);
  const query = rawQuery === "" ? EMPTY_QUERY : parseQuery(rawQuery);

  const authorization = first(headers.authorization);
  const presigned = findParam(query, "X-Amz-Algorithm") !== undefined;
  let parts: AuthParts;
  if (authorization !== undefined && authorization.trim() !== "") {
    if (presigned) throw invalidSignature(SIGNATURE_MISMATCH);
    parts = parseAuthorizationHeader(authorization, headers);
  } else if (presigned) {
    parts = parsePresignedQuery(query);
  } else {
    throw missingAuthenticationToken();
  }

  // The names the client says it signed; "host" must be one of them.
  let signedNames = parts.signedHeaders.split(";");
  if (!signedNames.includes("host")) throw incompleteSignature(HOST_MUST_BE_SIGNED);
  let signedList = parts.signedHeaders;
  if (!isSorted(signedNames)) {
    signedNames = [...signedNames].sort();
    signedList = signedNames.join(";");
  }

  // Request time: well-formed, then inside the window around the real clock.
  const requestMs = parts.fromDateHeader ? parseRequestDate(parts.dateText) : cachedAmzDate(parts.dateText);
  if (Number.isNaN(requestMs)) {
    throw incompleteSignature(
      `Date must be in ISO-8601 'basic format'. Got '${parts.dateText}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );
  }
  const amzDate = parts.fromDateHeader ? toAmzDate(requestMs) : parts.dateText;
  checkRequestTime(requestMs, parts.expiresS, options);

  // Credential scope: keyid/date/region/service/aws4_request.
  const scopeParts = parts.credential.split("/");
  if (scopeParts.length !== 5) {
    throw incompleteSignature(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${parts.credential}'`,
    );
  }
  const [accessKeyId, scopeDate, scopeRegion, scopeService, scopeTerminator] = scopeParts;
  let scopeErrors = "";
  if (scopeRegion !== options.region) scopeErrors += "Credential should be scoped to a valid region. ";
  if (scopeService !== options.service) {
    scopeErrors += `Credential should be scoped to correct service: '${options.service}'. `;
  }
  if (scopeTerminator !== TERMINATOR) {
    scopeErrors += `Credential should be scoped with a valid terminator: '${TERMINATOR}', not '${scopeTerminator}'. `;
  }
  if (scopeDate !== amzDate.slice(0, 8)) {
    scopeErrors += `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'. `;
  }
  if (scopeErrors !== "") throw invalidSignature(scopeErrors);

  const account = registry.byAccessKeyId(accessKeyId);
  if (!account) throw unrecognizedClient();
  // Accounts have long-term keys only, so any session token (signed or not) is one AWS would not
  // know: it answers that with the unknown-key error.
  if (headers["x-amz-security-token"] !== undefined || findParam(query, "X-Amz-Security-Token") !== undefined)
    throw unrecognizedClient();

  // The payload is always hashed from the bytes received; a client's claim is only compared with it.
  const payloadHash = req.body.length === 0 ? EMPTY_SHA256 : sha256Hex(req.body);
  const claimedHash = first(headers["x-amz-content-sha256"]);
  if (claimedHash !== undefined && claimedHash !== payloadHash)
    throw invalidSignature(CONTENT_SHA256_MISMATCH);

  if (!SIGNATURE_HEX.test(parts.signature)) throw invalidSignature(SIGNATURE_MISMATCH);
  const provided = Buffer.from(parts.signature, "hex");

  let canonicalPath: string;
  let canonicalQueryString: string;
  try {
    canonicalPath = canonicalUri(path);
    canonicalQueryString = query.length === 0 ? "" : canonicalQuery(query);
  } catch {
    throw invalidSignature(SIGNATURE_MISMATCH); // a lone surrogate: nothing could have signed it
  }
  let headerBlock = "";
  for (const name of signedNames) {
    const value = headers[name];
    // A signed header that went missing (or a name like `constructor` that no request carries).
    if (typeof value !== "string" && !Array.isArray(value)) throw invalidSignature(SIGNATURE_MISMATCH);
    headerBlock += `${name}:${canonicalHeader(value)}\n`;
  }
  const canonicalRequest = `${req.method}\n${canonicalPath}\n${canonicalQueryString}\n${headerBlock}\n${signedList}\n${payloadHash}`;
  const scope = parts.credential.slice(accessKeyId.length + 1);
  const stringToSign = `${ALGORITHM}\n${amzDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
  const key = signingKey(account.secretAccessKey, scopeDate, scopeRegion, scopeService);
  const expected = crypto.createHmac("sha256", key).update(stringToSign).digest();
  if (!crypto.timingSafeEqual(expected, provided)) throw invalidSignature(SIGNATURE_MISMATCH);
  return account;
}

// --- parsing -------------------------------------------------------------------------------------

const EMPTY_QUERY: readonly QueryParam[] = Object.freeze([]);

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function findParam(query: readonly QueryParam[], key: string): string | null | undefined {
  for (const p of query) if (p.key === key) return p.value;
  return undefined;
}

/** `http://host/p` (absolute-form request target) → `/p`; any other target gets a leading `/`. */
function originFormPath(target: string): string {
  const scheme = target.indexOf("://");
  if (scheme === -1) return `/${target}`;
  const slash = target.indexOf("/", scheme + 3);
  return slash === -1 ? "/" : target.slice(slash);
}

function parseAuthorizationHeader(
  authorization: string,
  headers: IncomingSignedRequest["headers"],
): Pick<AuthParts, "credential" | "signedHeaders" | "signature" | "dateText" | "fromDateHeader"> {
  const value = authorization.trim();
  const space = value.search(/\s/);
  const algorithm = space === -1 ? value : value.slice(0, space);
  if (algorithm !== ALGORITHM) throw incompleteSignature(`Unsupported AWS 'algorithm': '${algorithm}'.`);

  let credential: string | undefined;
  let signedHeaders: string | undefined;
  let signature: string | undefined;
  if (space !== -1) {
    // Parameters are separated by commas and/or white space; the last of a repeated key wins.
    for (const parameter of value.slice(space + 1).split(/[\s,]+/)) {
      if (parameter === "") continue;
      const eq = parameter.indexOf("=");
      if (eq === -1) {
        throw incompleteSignature(
          `'${parameter}' not a valid key=value pair (missing equal-sign) in Authorization header: '${value}'`,
        );
      }
      const name = parameter.slice(0, eq);
      if (name === "Credential") credential = parameter.slice(eq + 1);
      else if (name === "SignedHeaders") signedHeaders = parameter.slice(eq + 1);
      else if (name === "Signature") signature = parameter.slice(eq + 1);
    }
  }

  const amzDate = first(headers["x-amz-date"]);
  const httpDate = amzDate === undefined ? first(headers.date) : undefined;
  let missing = "";
  if (credential === undefined) missing += "Authorization header requires 'Credential' parameter. ";
  if (signature === undefined) missing += "Authorization header requires 'Signature' parameter. ";
  if (signedHeaders === undefined) missing += "Authorization header requires 'SignedHeaders' parameter. ";
  if (amzDate === undefined && httpDate === undefined) {
    missing += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
  }
  if (missing !== "") throw incompleteSignature(`${missing}Authorization=${value}`);
  return {
    credential: credential!,
    signedHeaders: signedHeaders!,
    signature: signature!,
    dateText: amzDate ?? httpDate!,
    fromDateHeader: amzDate === undefined,
  };
}

function parsePresignedQuery(query: readonly QueryParam[]): AuthParts {
  const algorithm = findParam(query, "X-Amz-Algorithm");
  if (algorithm !== ALGORITHM) throw missingAuthenticationToken();
  const credential = findParam(query, "X-Amz-Credential") ?? undefined;
  const signature = findParam(query, "X-Amz-Signature") ?? undefined;
  const signedHeaders = findParam(query, "X-Amz-SignedHeaders") ?? undefined;
  const date = findParam(query, "X-Amz-Date") ?? undefined;
  let missing = "";
  if (credential === undefined) missing += "AWS query-string parameters must include 'X-Amz-Credential'. ";
  if (signature === undefined) missing += "AWS query-string parameters must include 'X-Amz-Signature'. ";
  if (signedHeaders === undefined)
    missing += "AWS query-string parameters must include 'X-Amz-SignedHeaders'. ";
  if (date === undefined) missing += "AWS query-string parameters must include 'X-Amz-Date'. ";
  if (missing !== "") throw incompleteSignature(`${missing}Re-examine the query-string parameters.`);

  const expiresText = findParam(query, "X-Amz-Expires");
  let expiresS: number | undefined;
  if (expiresText !== undefined) {
    expiresS = expiresText !== null && /^\d{1,7}$/.test(expiresText) ? Number(expiresText) : Number.NaN;
    if (!(expiresS >= 1 && expiresS <= MAX_PRESIGNED_EXPIRES_S)) {
      throw incompleteSignature(
        `X-Amz-Expires must be an integer number of seconds between 1 and ${MAX_PRESIGNED_EXPIRES_S}. Got '${expiresText ?? ""}'.`,
      );
    }
  }
  return {
    credential: credential!,
    signature: signature!,
    signedHeaders: signedHeaders!,
    dateText: date!,
    fromDateHeader: false,
    expiresS,
  };
}

function isSorted(names: readonly string[]): boolean {
  for (let i = 1; i < names.length; i++) if (names[i - 1] > names[i]) return false;
  return true;
}

// --- time ----------------------------------------------------------------------------------------

function describeSkew(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000} min.` : `${Math.round(ms / 1000)} sec.`;
}

function checkRequestTime(requestMs: number, expiresS: number | undefined, options: VerifyOptions): void {
  const nowMs = options.nowMs ?? Date.now();
  const skewMs = options.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  // A presigned request is good from its date until date + X-Amz-Expires; a header-signed one for
  // the skew either side of now.
  const earliestMs = nowMs - (expiresS === undefined ? skewMs : expiresS * 1000);
  if (requestMs < earliestMs) {
    const window = expiresS === undefined ? describeSkew(skewMs) : `${expiresS} sec.`;
    throw invalidSignature(
      `Signature expired: ${toAmzDate(requestMs)} is now earlier than ${toAmzDate(earliestMs)} (${toAmzDate(nowMs)} - ${window})`,
    );
  }
  const latestMs = nowMs + skewMs;
  if (requestMs > latestMs) {
    throw invalidSignature(
      `Signature not yet current: ${toAmzDate(requestMs)} is still later than ${toAmzDate(latestMs)} (${toAmzDate(nowMs)} + ${describeSkew(skewMs)})`,
    );
  }
}

// --- crypto --------------------------------------------------------------------------------------

/** SHA-256 as lower-case hex; the one-shot `crypto.hash` (Node 20.12+) when there is one. */
const sha256Hex: (data: string | Buffer) => string =
  typeof crypto.hash === "function"
    ? (data) => crypto.hash("sha256", data, "hex")
    : (data) => crypto.createHash("sha256").update(data).digest("hex");

// Requests arrive in bursts signed within the same second: remember the last x-amz-date parsed.
let lastDateText = "";
let lastDateMs = Number.NaN;

function cachedAmzDate(text: string): number {
  if (text !== lastDateText) {
    lastDateMs = parseAmzDate(text);
    lastDateText = text;
  }
  return lastDateMs;
}

const SIGNING_KEY_CACHE_SIZE = 256;
const signingKeys = new Map<string, crypto.KeyObject>();

/** kSigning = HMAC chain over date, region, service, "aws4_request"; cached (FIFO-bounded). */
function signingKey(secret: string, date: string, region: string, service: string): crypto.KeyObject {
  const cacheKey = `${date}\n${region}\n${service}\n${secret}`;
  const cached = signingKeys.get(cacheKey);
  if (cached) return cached;
  const kDate = crypto.createHmac("sha256", `AWS4${secret}`).update(date).digest();
  const kRegion = crypto.createHmac("sha256", kDate).update(region).digest();
  const kService = crypto.createHmac("sha256", kRegion).update(service).digest();
  const kSigning = crypto.createSecretKey(crypto.createHmac("sha256", kService).update(TERMINATOR).digest());
  if (signingKeys.size >= SIGNING_KEY_CACHE_SIZE) {
    const oldest = signingKeys.keys().next().value;
    if (oldest !== undefined) signingKeys.delete(oldest);
  }
  signingKeys.set(cacheKey, kSigning);
  return kSigning;
}

/** Forgets every derived signing key (tests and benchmarks). */
export function clearSigningKeyCache(): void {
  signingKeys.clear();
}
