import { GetEngagementCommand } from "@aws-sdk/client-partnercentral-selling";
import { describe, expect, it } from "vitest";
import { PARTNER_A, PARTNER_C, rejectionOf, useHarness } from "./helpers/harness.js";
import { signedRequest } from "./helpers/raw.js";

const h = useHarness();

const getSome = new GetEngagementCommand({ Catalog: "Sandbox", Identifier: "eng-0123456789abcd" });

describe("SigV4", () => {
  it("accepts a correctly signed request (and reaches the handler)", async () => {
    const err = await rejectionOf(h.client(PARTNER_A).send(getSome));
    expect(err.name).toBe("ResourceNotFoundException");
  });

  it("accepts an account added like --accounts adds them", async () => {
    const err = await rejectionOf(h.client(PARTNER_C).send(getSome));
    expect(err.name).toBe("ResourceNotFoundException");
  });

  it("rejects a wrong secret with InvalidSignatureException", async () => {
    const err = await rejectionOf(
      h.client({ ...PARTNER_A, secretAccessKey: "not-the-secret" }).send(getSome),
    );
    expect(err.name).toBe("InvalidSignatureException");
    expect(err.$metadata.httpStatusCode).toBe(403);
  });

  it("rejects an unknown access key with UnrecognizedClientException", async () => {
    const err = await rejectionOf(
      h.client({ ...PARTNER_A, accessKeyId: "AKIAUNKNOWNKEY000000" }).send(getSome),
    );
    expect(err.name).toBe("UnrecognizedClientException");
    expect(err.$metadata.httpStatusCode).toBe(403);
  });

  it("rejects a body changed after signing", async () => {
    const client = h.client(PARTNER_A);
    client.middlewareStack.addRelativeTo(
      (next: (args: any) => Promise<any>) => async (args: any) => {
        const original = Buffer.from(args.request.body as Uint8Array).toString("utf8");
        args.request.body = original.replace("eng-0123456789abcd", "eng-abcdefabcdefab");
        return next(args);
      },
      { relation: "after", toMiddleware: "httpSigningMiddleware", name: "tamperBody" },
    );
    const err = await rejectionOf(client.send(getSome));
    expect(err.name).toBe("InvalidSignatureException");
  });

  it("rejects a request signed more than 15 minutes ago", async () => {
    const err = await rejectionOf(h.client(PARTNER_A, { systemClockOffset: -20 * 60_000 }).send(getSome));
    expect(err.name).toBe("InvalidSignatureException");
    expect(err.message).toMatch(/Signature expired/);
  });

  it("lets the SDK recover from clock skew by itself when retries are on", async () => {
    const client = h.client(PARTNER_A, { systemClockOffset: -20 * 60_000, maxAttempts: 3 });
    const err = await rejectionOf(client.send(getSome));
    expect(err.name).toBe("ResourceNotFoundException");
  });

  it("rejects a scope for another region or service", async () => {
    const body = JSON.stringify({ Catalog: "Sandbox", Identifier: "eng-0123456789abcd" });
    const region = await signedRequest(h.url, PARTNER_A, "GetEngagement", body, { region: "eu-west-1" });
    expect(region.status).toBe(403);
    expect(region.json.__type).toBe("InvalidSignatureException");
    const service = await signedRequest(h.url, PARTNER_A, "GetEngagement", body, { service: "dynamodb" });
    expect(service.json.__type).toBe("InvalidSignatureException");
  });

  it("answers an unsigned request with MissingAuthenticationTokenException", async () => {
    const res = await fetch(`${h.url}/`, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.0",
        "x-amz-target": "AWSPartnerCentralSelling.GetEngagement",
      },
      body: "{}",
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as any).__type).toBe("MissingAuthenticationTokenException");
  });

  it("answers a garbled Authorization header with IncompleteSignatureException", async () => {
    const res = await fetch(`${h.url}/`, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.0",
        "x-amz-target": "AWSPartnerCentralSelling.GetEngagement",
        authorization: "AWS4-HMAC-SHA256 garbage",
        "x-amz-date": "20260101T000000Z",
      },
      body: "{}",
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).__type).toBe("IncompleteSignatureException");
  });
});
