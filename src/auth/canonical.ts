/**
 * The pure parts of SigV4: the canonical URI, query string and header values, computed exactly as
 * `@smithy/signature-v4` computes them when it signs (the reference every AWS SDK for JavaScript uses),
 * but from the request as it arrived on the wire.
 */

const UNRESERVED = /^[A-Za-z0-9\-_.~]*$/;
const SUB_DELIMS = /[!'()*]/g;
const hexEncode = (c: string): string => `%${c.charCodeAt(0).toString(16).toUpperCase()}`;

/**
 * RFC 3986 percent-encoding of everything but the unreserved characters, UTF-8 based (smithy's
 * `escapeUri`). Throws `URIError` on a lone surrogate, as `encodeURIComponent` does.
 */
export function escapeUri(value: string): string {
  if (UNRESERVED.test(value)) return value;
  return encodeURIComponent(value).replace(SUB_DELIMS, hexEncode);
}

/** `decodeURIComponent`, except that a malformed escape leaves the text as it was. `+` stays a plus. */
export function lenientDecode(value: string): string {
  if (value.indexOf("%") === -1) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Canonical URI for every service but S3 (smithy's `uriEscapePath: true`, the default): the path is
 * normalized (empty and `.` segments dropped, `..` resolved) and each segment of the path *as sent*
 * is URI-encoded again, so `/a%20b` becomes `/a%2520b`.
 */
export function canonicalUri(path: string): string {
  if (path === "/") return "/";
  const segments: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(escapeUri(segment));
  }
  const lead = path.startsWith("/") ? "/" : "";
  const trail = segments.length > 0 && path.endsWith("/") ? "/" : "";
  return lead + segments.join("/") + trail;
}

/** One `name=value` pair of a raw query string; `value` is `null` when the pair had no `=`. */
export interface QueryParam {
  key: string;
  value: string | null;
}

/** Splits a raw query string (without the `?`) into decoded pairs, in order, skipping empty pieces. */
export function parseQuery(query: string): QueryParam[] {
  const params: QueryParam[] = [];
  if (query === "") return params;
  for (const piece of query.split("&")) {
    if (piece === "") continue;
    const eq = piece.indexOf("=");
    if (eq === -1) params.push({ key: lenientDecode(piece), value: null });
    else params.push({ key: lenientDecode(piece.slice(0, eq)), value: lenientDecode(piece.slice(eq + 1)) });
  }
  return params;
}

/**
 * Canonical query string: RFC 3986-encoded `key=value` pairs sorted by encoded key, then by encoded
 * value (repeated keys keep every value), without `X-Amz-Signature`. A parameter without `=`
 * (`?flag`) is signed as `flag=`, as the SigV4 specification and botocore sign it. (smithy leaves a
 * null-valued parameter out of the canonical query; accepting that reading would let anyone append
 * `&anything` to a signed request, so we don't.)
 */
export function canonicalQuery(params: readonly QueryParam[]): string {
  if (params.length === 0) return "";
  const byKey = new Map<string, string[]>();
  for (const { key, value } of params) {
    if (key.length === 15 && key.toLowerCase() === "x-amz-signature") continue;
    const encodedKey = escapeUri(key);
    const pair = `${encodedKey}=${value === null ? "" : escapeUri(value)}`;
    const list = byKey.get(encodedKey);
    if (list) list.push(pair);
    else byKey.set(encodedKey, [pair]);
  }
  const keys = [...byKey.keys()].sort();
  let out = "";
  for (const key of keys) {
    const pairs = byKey.get(key)!;
    if (pairs.length > 1) pairs.sort();
    for (const pair of pairs) out = out === "" ? pair : `${out}&${pair}`;
  }
  return out;
}

const NEEDS_TRIM = /[\t\r\n]| {2}|^ | $/;

/** One header value: CR/LF become spaces, runs of spaces and tabs collapse to one space, ends trimmed. */
export function canonicalHeaderValue(value: string): string {
  if (!NEEDS_TRIM.test(value)) return value;
  return value
    .replace(/[\r\n]/g, " ")
    .replace(/[ \t]+/g, " ")
    .replace(/^ | $/g, "");
}

/**
 * A header as node delivers it: a string (repeated lines already joined by node), or one string per
 * line (`req.headersDistinct`), which SigV4 joins with `,`.
 */
export function canonicalHeader(value: string | readonly string[]): string {
  if (typeof value === "string") return canonicalHeaderValue(value);
  if (value.length === 1) return canonicalHeaderValue(value[0]);
  return value.map(canonicalHeaderValue).join(",");
}

/** `YYYYMMDDTHHMMSSZ` of an instant (milliseconds dropped). */
export function toAmzDate(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2025-01-01T00:00:00.000Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** The number made of the decimal digits `text[from..to)`, or -1 if one of them is not a digit. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Parses `YYYYMMDDTHHMMSSZ` strictly (no rollover: `20250230T...` is rejected); `NaN` when invalid. */
export function parseAmzDate(value: string): number {
  if (value.length !== 16 || value.charCodeAt(8) !== 84 /* T */ || value.charCodeAt(15) !== 90 /* Z */) {
    return Number.NaN;
  }
  const year = digits(value, 0, 4);
  const month = digits(value, 4, 6);
  const day = digits(value, 6, 8);
  const hour = digits(value, 9, 11);
  const minute = digits(value, 11, 13);
  const second = digits(value, 13, 15);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
    return Number.NaN;
  }
  if (second < 0 || second > 59) return Number.NaN;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 ? (leap ? 29 : 28) : DAYS_IN_MONTH[month - 1])) return Number.NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** Parses a `Date` header: the ISO basic form, or the HTTP IMF-fixdate form; `NaN` when invalid. */
export function parseRequestDate(value: string): number {
  const basic = parseAmzDate(value);
  if (!Number.isNaN(basic)) return basic;
  return HTTP_DATE.test(value) ? Date.parse(value) : Number.NaN;
}
