import { createHash, createHmac } from "node:crypto";
import type { Account } from "../../src/auth/accounts.js";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const hmac = (key: Buffer | string, s: string) => createHmac("sha256", key).update(s).digest();
const keyCache = new Map<string, Buffer>();

/**
 * A synchronous SigV4 signer for the bench's load generators (autocannon's setupRequest cannot
 * await smithy's signer). Signs host, content-type, x-amz-date and x-amz-target, as the SDK does.
 */
export function signSync(
  host: string,
  operation: string,
  body: string,
  account: Account,
  region = "us-east-1",
): Record<string, string> {
  const amzDate = new Date()
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
  const day = amzDate.slice(0, 8);
  const service = "partnercentral-selling";
  const headers: Record<string, string> = {
    "content-type": "application/x-amz-json-1.0",
    host,
    "x-amz-date": amzDate,
    "x-amz-target": `AWSPartnerCentralSelling.${operation}`,
  };
  const names = Object.keys(headers).sort();
  const canonical = [
    "POST",
    "/",
    "",
    ...names.map((n) => `${n}:${headers[n]}`),
    "",
    names.join(";"),
    sha256(body),
  ].join("\n");
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha256(canonical)}`;
  const cacheKey = `${account.accessKeyId}/${scope}`;
  let key = keyCache.get(cacheKey);
  if (!key) {
    key = hmac(hmac(hmac(hmac(`AWS4${account.secretAccessKey}`, day), region), service), "aws4_request");
    keyCache.set(cacheKey, key);
  }
  const signature = createHmac("sha256", key).update(stringToSign).digest("hex");
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${account.accessKeyId}/${scope}, SignedHeaders=${names.join(";")}, Signature=${signature}`;
  return headers;
}
