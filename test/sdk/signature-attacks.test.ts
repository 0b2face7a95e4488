/**
 * Attacks on SigV4 through a real server: replays, requests altered after signing, scopes for
 * another region or service, mixed-up keys. Every rejected write is followed by a legitimate read
 * that shows nothing was written.
 */
import { createHash, randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import {
  CreateEngagementCommand,
  ListEngagementsCommand,
  type PartnerCentralSellingClient,
} from "@aws-sdk/client-partnercentral-selling";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account } from "../../src/auth/accounts.js";
import { type ApiRequestOptions, signedApiHeaders } from "../helpers/sign.js";
import { type Harness, PARTNER_A, PARTNER_B, rejectionOf, startHarness } from "./helpers/harness.js";

const SIGNATURE_MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
const CONTENT_SHA256_MISMATCH =
  "The provided 'x-amz-content-sha256' header does not match what was computed.";
const MINUTE = 60_000;

let h: Harness;
let reader: PartnerCentralSellingClient;
beforeAll(async () => {
  h = await startHarness();
  reader = h.client(PARTNER_A);
});
afterAll(() => h.close());

interface Captured {
  headers: Record<string, string>;
  body: string;
}

interface SignOptions extends ApiRequestOptions {
  account?: Account;
}

/** A request as the SDK's signer produces it, captured before it is sent. */
async function capture(operation: string, input: unknown, options: SignOptions = {}): Promise<Captured> {
  const body = JSON.stringify(input);
  const headers = await signedApiHeaders(h.url, options.account ?? PARTNER_A, operation, body, {
    ...options,
    applyChecksum: options.applyChecksum ?? false,
  });
  return { headers, body };
}

/**
 * Sends exactly these headers and body (node:http adds only Content-Length, and Host when the
 * headers carry none and `setHost` is left on).
 */
function send(req: Captured, options: { setHost?: boolean } = {}): Promise<{ status: number; json: any }> {
  const { hostname, port } = new URL(h.url);
  return new Promise((resolve, reject) => {
    const r = httpRequest(
      {
        method: "POST",
        host: hostname,
        port: Number(port),
        path: "/",
        headers: { ...req.headers, "content-length": String(Buffer.byteLength(req.body)) },
        setHost: options.setHost ?? true,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = text;
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
        res.on("error", reject);
      },
    );
    r.on("error", reject);
    r.end(req.body);
  });
}

function createInput(title: string) {
  return { Catalog: "Sandbox", ClientToken: randomUUID(), Title: title, Description: "signature attack" };
}

/** Titles of every engagement Partner A (or B) is a member of, read with a legitimate client. */
async function titles(client: PartnerCentralSellingClient = reader): Promise<string[]> {
  const out: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListEngagementsCommand({ Catalog: "Sandbox", MaxResults: 100, NextToken: token }),
    );
    for (const s of page.EngagementSummaryList ?? []) out.push(s.Title ?? "");
    token = page.NextToken;
  } while (token);
  return out;
}

/** Asserts a rejected answer and that the attempted write left nothing behind, for A and B. */
async function expectRejected(
  res: { status: number; json: any },
  type: string,
  status: number,
  forbiddenTitles: string[],
  message?: string | RegExp,
) {
  expect(res.json?.__type, JSON.stringify(res.json)).toBe(type);
  expect(res.status).toBe(status);
  if (typeof message === "string") expect(res.json.message ?? res.json.Message).toBe(message);
  else if (message) expect(res.json.message ?? res.json.Message).toMatch(message);
  const seenByA = await titles(reader);
  const seenByB = await titles(h.client(PARTNER_B));
  for (const t of forbiddenTitles) {
    expect(seenByA).not.toContain(t);
    expect(seenByB).not.toContain(t);
  }
}

/** A unique engagement title (Title allows 40 characters). */
const tag = (prefix: string) => `${prefix} ${randomUUID().slice(0, 8)}`;

const sha256Hex = (s: string) => createHash("sha256").update(s).digest("hex");

describe("replay", () => {
  it("accepts a captured request replayed inside the window (SigV4 has no nonce); ClientToken dedupes", async () => {
    const title = tag("replayed");
    const captured = await capture("CreateEngagement", createInput(title));
    const first = await send(captured);
    const second = await send(captured);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.json.Id).toBe(first.json.Id);
    expect((await titles()).filter((t) => t === title)).toHaveLength(1);
  });

  it("accepts a read replayed many times", async () => {
    const captured = await capture("ListEngagements", { Catalog: "Sandbox", MaxResults: 1 });
    for (let i = 0; i < 3; i++) expect((await send(captured)).status).toBe(200);
  });

  it("rejects a request signed 16 minutes ago: Signature expired", async () => {
    const title = tag("expired");
    const captured = await capture("CreateEngagement", createInput(title), {
      signingDate: new Date(Date.now() - 16 * MINUTE),
    });
    await expectRejected(
      await send(captured),
      "InvalidSignatureException",
      403,
      [title],
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/,
    );
  });

  it("rejects a request signed 16 minutes in the future: Signature not yet current", async () => {
    const title = tag("future");
    const captured = await capture("CreateEngagement", createInput(title), {
      signingDate: new Date(Date.now() + 16 * MINUTE),
    });
    await expectRejected(
      await send(captured),
      "InvalidSignatureException",
      403,
      [title],
      /^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 15 min\.\)$/,
    );
  });

  it("rejects an expired capture whose x-amz-date was rewritten to now", async () => {
    const title = tag("redated");
    const old = new Date(Date.now() - 16 * MINUTE);
    const captured = await capture("CreateEngagement", createInput(title), { signingDate: old });
    const fresh = await capture("ListEngagements", { Catalog: "Sandbox" });
    captured.headers["x-amz-date"] = fresh.headers["x-amz-date"]!;
    const res = await send(captured);
    // The scope date still names the signing day, so either the scope or the signature fails.
    await expectRejected(res, "InvalidSignatureException", 403, [title]);
  });
});

describe("signed headers altered after signing", () => {
  it("rejects x-amz-target changed from a read to a write", async () => {
    const title = tag("retargeted");
    const captured = await capture("ListEngagements", createInput(title));
    captured.headers["x-amz-target"] = "AWSPartnerCentralSelling.CreateEngagement";
    await expectRejected(await send(captured), "InvalidSignatureException", 403, [title], SIGNATURE_MISMATCH);
  });

  it("rejects x-amz-target changed to another write", async () => {
    const title = tag("retargeted-write");
    const captured = await capture("CreateEngagement", createInput(title));
    captured.headers["x-amz-target"] = "AWSPartnerCentralSelling.CreateOpportunity";
    await expectRejected(await send(captured), "InvalidSignatureException", 403, [title], SIGNATURE_MISMATCH);
  });

  it("rejects content-type changed (to another type the server accepts)", async () => {
    const title = tag("content-type");
    const captured = await capture("CreateEngagement", createInput(title));
    captured.headers["content-type"] = "application/x-amz-json-1.1";
    await expectRejected(await send(captured), "InvalidSignatureException", 403, [title], SIGNATURE_MISMATCH);
  });

  it("rejects host changed", async () => {
    const title = tag("host");
    const captured = await capture("CreateEngagement", createInput(title));
    const { port } = new URL(h.url);
    captured.headers.host = `localhost:${port}`;
    await expectRejected(await send(captured), "InvalidSignatureException", 403, [title], SIGNATURE_MISMATCH);
  });

  it("rejects a signed custom header whose value changed", async () => {
    const title = tag("custom");
    const captured = await capture("CreateEngagement", createInput(title), {
      extraHeaders: { "x-pclocal-note": "original" },
    });
    expect(captured.headers.authorization).toContain("x-pclocal-note");
    captured.headers["x-pclocal-note"] = "changed";
    await expectRejected(await send(captured), "InvalidSignatureException", 403, [title], SIGNATURE_MISMATCH);
  });
});

describe("signed headers removed", () => {
  it("x-amz-date removed → IncompleteSignatureException (no date left)", async () => {
    const title = tag("no-date");
    const captured = await capture("CreateEngagement", createInput(title));
    delete captured.headers["x-amz-date"];
    await expectRejected(
      await send(captured),
      "IncompleteSignatureException",
      400,
      [title],
      /^Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header\. Authorization=AWS4-HMAC-SHA256 /,
    );
  });

  it("a signed custom header removed → InvalidSignatureException", async () => {
    const title = tag("custom-removed");
    const captured = await capture("CreateEngagement", createInput(title), {
      extraHeaders: { "x-pclocal-note": "original" },
    });
    delete captured.headers["x-pclocal-note"];
    await expectRejected(await send(captured), "InvalidSignatureException", 403, [title], SIGNATURE_MISMATCH);
  });

  it("a signed x-amz-content-sha256 removed → InvalidSignatureException", async () => {
    const title = tag("sha-removed");
    const input = createInput(title);
    const captured = await capture("CreateEngagement", input, {
      extraHeaders: { "x-amz-content-sha256": sha256Hex(JSON.stringify(input)) },
    });
    expect(captured.headers.authorization).toContain("x-amz-content-sha256");
    delete captured.headers["x-amz-content-sha256"];
    await expectRejected(await send(captured), "InvalidSignatureException", 403, [title], SIGNATURE_MISMATCH);
  });

  it("SignedHeaders without host → IncompleteSignatureException", async () => {
    const title = tag("unsigned-host");
    const captured = await capture("CreateEngagement", createInput(title));
    captured.headers.authorization = captured.headers.authorization!.replace(
      /SignedHeaders=([^,]+)/,
      (_, list: string) =>
        `SignedHeaders=${list
          .split(";")
          .filter((n) => n !== "host")
          .join(";")}`,
    );
    await expectRejected(
      await send(captured),
      "IncompleteSignatureException",
      400,
      [title],
      "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    );
  });
});

describe("unsigned headers added", () => {
  it("still accepts the request (only SignedHeaders count)", async () => {
    const title = tag("extra-header");
    const captured = await capture("CreateEngagement", createInput(title));
    captured.headers["x-pclocal-unsigned"] = "added later";
    captured.headers["user-agent"] = "attacker/1.0";
    const res = await send(captured);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(await titles()).toContain(title);
  });
});

describe("body", () => {
  it("rejects the body swapped for another valid body (no x-amz-content-sha256)", async () => {
    const signedTitle = tag("signed-body");
    const swappedTitle = tag("swapped-body");
    const captured = await capture("CreateEngagement", createInput(signedTitle));
    captured.body = JSON.stringify(createInput(swappedTitle));
    await expectRejected(
      await send(captured),
      "InvalidSignatureException",
      403,
      [signedTitle, swappedTitle],
      SIGNATURE_MISMATCH,
    );
  });

  it("rejects the body swapped when the signer signed x-amz-content-sha256 of the original", async () => {
    const signedTitle = tag("signed-sha");
    const swappedTitle = tag("swapped-sha");
    const captured = await capture("CreateEngagement", createInput(signedTitle), { applyChecksum: true });
    expect(captured.headers["x-amz-content-sha256"]).toBe(sha256Hex(captured.body));
    captured.body = JSON.stringify(createInput(swappedTitle));
    await expectRejected(
      await send(captured),
      "InvalidSignatureException",
      403,
      [signedTitle, swappedTitle],
      CONTENT_SHA256_MISMATCH,
    );
  });

  it("rejects a lying x-amz-content-sha256 that was signed (the body is hashed as received)", async () => {
    const signedTitle = tag("sha-signed");
    const sentTitle = tag("sha-sent");
    const signedInput = createInput(signedTitle);
    // Smithy signs the claimed hash instead of hashing the body when the header is present.
    const captured = await capture("CreateEngagement", signedInput, {
      extraHeaders: { "x-amz-content-sha256": sha256Hex(JSON.stringify(signedInput)) },
    });
    captured.body = JSON.stringify(createInput(sentTitle));
    await expectRejected(
      await send(captured),
      "InvalidSignatureException",
      403,
      [signedTitle, sentTitle],
      CONTENT_SHA256_MISMATCH,
    );
  });

  it("rejects a lying x-amz-content-sha256 added unsigned to a valid request", async () => {
    const title = tag("sha-added");
    const captured = await capture("CreateEngagement", createInput(title));
    captured.headers["x-amz-content-sha256"] = sha256Hex("something else");
    await expectRejected(
      await send(captured),
      "InvalidSignatureException",
      403,
      [title],
      CONTENT_SHA256_MISMATCH,
    );
  });

  it("rejects a lying x-amz-content-sha256 signed as UNSIGNED-PAYLOAD", async () => {
    const title = tag("unsigned-payload");
    const captured = await capture("CreateEngagement", createInput(title), {
      extraHeaders: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" },
    });
    await expectRejected(
      await send(captured),
      "InvalidSignatureException",
      403,
      [title],
      CONTENT_SHA256_MISMATCH,
    );
  });
});

describe("credential scope", () => {
  it("rejects a scope for another region with AWS's message", async () => {
    const title = tag("region");
    const captured = await capture("CreateEngagement", createInput(title), { region: "eu-west-1" });
    expect(captured.headers.authorization).toContain("/eu-west-1/partnercentral-selling/aws4_request");
    await expectRejected(
      await send(captured),
      "InvalidSignatureException",
      403,
      [title],
      "Credential should be scoped to a valid region. ",
    );
  });

  it("rejects a scope for another service with AWS's message", async () => {
    const title = tag("service");
    const captured = await capture("CreateEngagement", createInput(title), { service: "dynamodb" });
    await expectRejected(
      await send(captured),
      "InvalidSignatureException",
      403,
      [title],
      "Credential should be scoped to correct service: 'partnercentral-selling'. ",
    );
  });

  it("rejects the region rewritten in the scope of a correctly signed request", async () => {
    const title = tag("scope-rewritten");
    const captured = await capture("CreateEngagement", createInput(title));
    captured.headers.authorization = captured.headers.authorization!.replace("/us-east-1/", "/us-west-2/");
    await expectRejected(
      await send(captured),
      "InvalidSignatureException",
      403,
      [title],
      "Credential should be scoped to a valid region. ",
    );
  });
});

describe("keys", () => {
  it("rejects account A's access key with account B's secret (raw)", async () => {
    const title = tag("a-key-b-secret");
    const captured = await capture("CreateEngagement", createInput(title), {
      account: { ...PARTNER_A, secretAccessKey: PARTNER_B.secretAccessKey },
    });
    await expectRejected(await send(captured), "InvalidSignatureException", 403, [title], SIGNATURE_MISMATCH);
  });

  it("rejects account A's access key with account B's secret (SDK)", async () => {
    const title = tag("a-key-b-secret-sdk");
    const client = h.client({ ...PARTNER_A, secretAccessKey: PARTNER_B.secretAccessKey });
    const err = await rejectionOf(client.send(new CreateEngagementCommand(createInput(title))));
    expect(err.name).toBe("InvalidSignatureException");
    expect(err.$metadata.httpStatusCode).toBe(403);
    expect(err.message).toBe(SIGNATURE_MISMATCH);
    expect(await titles()).not.toContain(title);
    expect(await titles(h.client(PARTNER_B))).not.toContain(title);
  });

  it("rejects account B's signature presented with A's key id", async () => {
    const title = tag("b-sig-a-key");
    const captured = await capture("CreateEngagement", createInput(title), { account: PARTNER_B });
    expect(captured.headers.authorization).toContain(`Credential=${PARTNER_B.accessKeyId}/`);
    captured.headers.authorization = captured.headers.authorization!.replace(
      `Credential=${PARTNER_B.accessKeyId}/`,
      `Credential=${PARTNER_A.accessKeyId}/`,
    );
    await expectRejected(await send(captured), "InvalidSignatureException", 403, [title], SIGNATURE_MISMATCH);
  });

  it("rejects an unknown access key with UnrecognizedClientException (raw)", async () => {
    const title = tag("unknown-key");
    const captured = await capture("CreateEngagement", createInput(title), {
      account: { ...PARTNER_A, accessKeyId: "AKIAUNKNOWNKEY000000" },
    });
    await expectRejected(
      await send(captured),
      "UnrecognizedClientException",
      403,
      [title],
      "The security token included in the request is invalid.",
    );
  });

  it("rejects an unknown access key with UnrecognizedClientException (SDK)", async () => {
    const title = tag("unknown-key-sdk");
    const client = h.client({ ...PARTNER_A, accessKeyId: "AKIAUNKNOWNKEY000001" });
    const err = await rejectionOf(client.send(new CreateEngagementCommand(createInput(title))));
    expect(err.name).toBe("UnrecognizedClientException");
    expect(err.$metadata.httpStatusCode).toBe(403);
    expect(await titles()).not.toContain(title);
  });
});

describe("session credentials", () => {
  const TOKEN_INVALID = "The security token included in the request is invalid.";

  it("refuses an SDK client with a session token (the demo accounts have none)", async () => {
    const title = tag("session-sdk");
    const client = h.client(PARTNER_A, {
      credentials: {
        accessKeyId: PARTNER_A.accessKeyId,
        secretAccessKey: PARTNER_A.secretAccessKey,
        sessionToken: "FwoGZXIvYXdzEXAMPLEtoken",
      },
    });
    const err = await rejectionOf(client.send(new CreateEngagementCommand(createInput(title))));
    expect(err.name).toBe("UnrecognizedClientException");
    expect(err.$metadata.httpStatusCode).toBe(403);
    expect(err.message).toBe(TOKEN_INVALID);
    expect(await titles()).not.toContain(title);
  });

  it("refuses a signed x-amz-security-token (raw)", async () => {
    const title = tag("session-signed");
    const captured = await capture("CreateEngagement", createInput(title), {
      extraHeaders: { "x-amz-security-token": "FwoGZXIvYXdzEXAMPLEtoken" },
    });
    expect(captured.headers.authorization).toContain("x-amz-security-token");
    await expectRejected(await send(captured), "UnrecognizedClientException", 403, [title], TOKEN_INVALID);
  });

  it("refuses an x-amz-security-token added outside SignedHeaders", async () => {
    const title = tag("session-unsigned");
    const captured = await capture("CreateEngagement", createInput(title));
    captured.headers["x-amz-security-token"] = "FwoGZXIvYXdzEXAMPLEtoken";
    await expectRejected(await send(captured), "UnrecognizedClientException", 403, [title], TOKEN_INVALID);
  });
});

describe("control", () => {
  it("the same capture, unaltered, is accepted and writes (so the rejections above are the attacks')", async () => {
    const title = tag("control");
    const captured = await capture("CreateEngagement", createInput(title), {
      extraHeaders: { "x-pclocal-note": "original" },
    });
    const res = await send(captured);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(await titles()).toContain(title);
  });
});
