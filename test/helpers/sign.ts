/**
 * The one place tests (and the benchmarks) build the SDK's own SigV4 signer and sign raw API
 * requests with it, for requests the SDK client would never send.
 */
import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import type { ChecksumConstructor, HashConstructor } from "@smithy/types";

export const SERVICE = "partnercentral-selling";
export const REGION = "us-east-1";

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignerOptions {
  service?: string;
  region?: string;
  /**
   * Whether the signer adds (and signs) x-amz-content-sha256 with the body's hash; smithy's default
   * is yes, the SDK's JSON clients send none.
   */
  applyChecksum?: boolean;
  sha256?: ChecksumConstructor | HashConstructor;
}

/** The SDK's signer for these credentials (an account fits), for this service and region unless told otherwise. */
export const sdkSigner = (
  { accessKeyId, secretAccessKey, sessionToken }: Credentials,
  options: SignerOptions = {},
): SignatureV4 =>
  new SignatureV4({
    service: options.service ?? SERVICE,
    region: options.region ?? REGION,
    credentials: { accessKeyId, secretAccessKey, sessionToken },
    sha256: options.sha256 ?? Sha256,
    applyChecksum: options.applyChecksum,
  });

export interface ApiRequestOptions extends SignerOptions {
  contentType?: string;
  signingDate?: Date;
  /** Extra headers present when signing (and so signed). */
  extraHeaders?: Record<string, string>;
}

/** The headers the SDK's signer puts on `POST /` to `url` calling `operation` with this body. */
export async function signedApiHeaders(
  url: string,
  credentials: Credentials,
  operation: string,
  body: string | Buffer,
  options: ApiRequestOptions = {},
): Promise<Record<string, string>> {
  const { hostname, port, host } = new URL(url);
  const signed = await sdkSigner(credentials, options).sign(
    new HttpRequest({
      method: "POST",
      protocol: "http:",
      hostname,
      port: Number(port),
      path: "/",
      headers: {
        host,
        "content-type": options.contentType ?? "application/x-amz-json-1.0",
        "x-amz-target": `AWSPartnerCentralSelling.${operation}`,
        ...options.extraHeaders,
      },
      body,
    }),
    { signingDate: options.signingDate },
  );
  return { ...(signed.headers as Record<string, string>) };
}
