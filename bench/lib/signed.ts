import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { DEMO_ACCOUNTS } from "../../src/auth/accounts.js";

export const PARTNER_A = DEMO_ACCOUNTS[0]!;

/** Headers and body of one request signed now by the SDK's signer; valid for 15 minutes. */
export async function signedRequest(url: string, operation: string, input: unknown, account = PARTNER_A) {
  const { hostname, port, host } = new URL(url);
  const body = JSON.stringify(input);
  const signer = new SignatureV4({
    service: "partnercentral-selling",
    region: "us-east-1",
    credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey },
    sha256: Sha256,
  });
  const signed = await signer.sign(
    new HttpRequest({
      method: "POST",
      protocol: "http:",
      hostname,
      port: Number(port),
      path: "/",
      headers: {
        host,
        "content-type": "application/x-amz-json-1.0",
        "x-amz-target": `AWSPartnerCentralSelling.${operation}`,
      },
      body,
    }),
  );
  return { headers: signed.headers as Record<string, string>, body };
}

export async function call(url: string, operation: string, input: unknown): Promise<any> {
  const { headers, body } = await signedRequest(url, operation, input);
  const res = await fetch(`${url}/`, { method: "POST", headers, body });
  const json = await res.json();
  if (res.status !== 200) throw new Error(`${operation}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}
