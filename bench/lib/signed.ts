import { DEMO_ACCOUNTS } from "../../src/auth/accounts.js";
import { signedApiHeaders } from "../../test/helpers/sign.js";

export const PARTNER_A = DEMO_ACCOUNTS[0]!;

/** Headers and body of one request signed now by the SDK's signer; valid for 15 minutes. */
export async function signedRequest(url: string, operation: string, input: unknown, account = PARTNER_A) {
  const body = JSON.stringify(input);
  return { headers: await signedApiHeaders(url, account, operation, body), body };
}

export async function call(url: string, operation: string, input: unknown): Promise<any> {
  const { headers, body } = await signedRequest(url, operation, input);
  const res = await fetch(`${url}/`, { method: "POST", headers, body });
  const json = await res.json();
  if (res.status !== 200) throw new Error(`${operation}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}
