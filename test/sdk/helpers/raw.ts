import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import type { Account } from "../../../src/auth/accounts.js";

export interface RawResponse {
  status: number;
  headers: Headers;
  json: any;
}

/**
 * Sends a request signed with the SDK's own signer but a body the SDK would never produce
 * (wrong JSON types, broken JSON, odd content types).
 */
export async function signedRequest(
  url: string,
  account: Account,
  operation: string,
  body: string | Buffer,
  options: { contentType?: string; signingDate?: Date; region?: string; service?: string } = {},
): Promise<RawResponse> {
  const headers = await signedHeaders(url, account, operation, body, options);
  const res = await fetch(`${url}/`, { method: "POST", headers, body });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: res.status, headers: res.headers, json };
}

/** The headers the SDK's signer puts on an API request with this body. */
export async function signedHeaders(
  url: string,
  account: Account,
  operation: string,
  body: string | Buffer,
  options: { contentType?: string; signingDate?: Date; region?: string; service?: string } = {},
): Promise<Record<string, string>> {
  const { hostname, port, host } = new URL(url);
  const signer = new SignatureV4({
    service: options.service ?? "partnercentral-selling",
    region: options.region ?? "us-east-1",
    credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey },
    sha256: Sha256,
  });
  const request = new HttpRequest({
    method: "POST",
    protocol: "http:",
    hostname,
    port: Number(port),
    path: "/",
    headers: {
      host,
      "content-type": options.contentType ?? "application/x-amz-json-1.0",
      "x-amz-target": `AWSPartnerCentralSelling.${operation}`,
    },
    body,
  });
  const signed = await signer.sign(request, { signingDate: options.signingDate });
  return signed.headers as Record<string, string>;
}
