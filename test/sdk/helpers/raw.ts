import type { Account } from "../../../src/auth/accounts.js";
import { type ApiRequestOptions, signedApiHeaders } from "../../helpers/sign.js";

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
  options: ApiRequestOptions = {},
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
export const signedHeaders = (
  url: string,
  account: Account,
  operation: string,
  body: string | Buffer,
  options: ApiRequestOptions = {},
): Promise<Record<string, string>> => signedApiHeaders(url, account, operation, body, options);
