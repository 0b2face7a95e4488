import {
  GetEngagementCommand,
  GetEngagementInvitationCommand,
  GetSellingSystemSettingsCommand,
} from "@aws-sdk/client-partnercentral-selling";
import { describe, expect, it } from "vitest";
import { HANDLERS, NOT_YET } from "../../src/operations/registry.js";
import { ADMIN_TOKEN, PARTNER_A, rejectionOf, useHarness } from "./helpers/harness.js";
import { signedRequest } from "./helpers/raw.js";

const h = useHarness();

describe("validation through the SDK", () => {
  it("reports a missing Catalog", async () => {
    const err = await rejectionOf(
      h.client(PARTNER_A).send(new GetEngagementCommand({ Identifier: "eng-0123456789abcd" } as never)),
    );
    expect(err.name).toBe("ValidationException");
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.Reason).toBe("REQUEST_VALIDATION_FAILED");
    expect(err.ErrorList).toEqual([
      { FieldName: "catalog", Code: "REQUIRED_FIELD_MISSING", Message: expect.any(String) },
    ]);
  });

  it("reports a badly formed identifier", async () => {
    const err = await rejectionOf(
      h
        .client(PARTNER_A)
        .send(new GetEngagementInvitationCommand({ Catalog: "Sandbox", Identifier: "engi-UPPER" })),
    );
    expect(err.name).toBe("ValidationException");
    expect(err.ErrorList).toEqual([
      { FieldName: "identifier", Code: "INVALID_STRING_FORMAT", Message: expect.any(String) },
    ]);
  });

  it("reports every violation at once", async () => {
    const err = await rejectionOf(
      h.client(PARTNER_A).send(new GetEngagementCommand({ Identifier: "nope" } as never)),
    );
    expect(err.ErrorList).toHaveLength(2);
    expect(err.ErrorList.map((e: { FieldName: string }) => e.FieldName).sort()).toEqual([
      "catalog",
      "identifier",
    ]);
  });
});

describe("an operation that is not built yet", () => {
  // Every operation is built now: this server's registry leaves one out.
  const unbuilt = useHarness({ handlers: { ...HANDLERS, GetSellingSystemSettings: NOT_YET } });

  it("answers with a clear error naming it", async () => {
    const err = await rejectionOf(
      unbuilt.client(PARTNER_A).send(new GetSellingSystemSettingsCommand({ Catalog: "Sandbox" })),
    );
    expect(err.name).toBe("NotImplementedException");
    expect(err.message).toContain("GetSellingSystemSettings");
  });
});

describe("wire protocol", () => {
  it("reports wrong JSON types as validation errors", async () => {
    const res = await signedRequest(
      h.url,
      PARTNER_A,
      "CreateEngagement",
      JSON.stringify({
        Catalog: 7,
        ClientToken: "t",
        Title: ["x"],
        Description: "",
        Contexts: { not: "a list" },
      }),
    );
    expect(res.status).toBe(400);
    expect(res.json.__type).toBe("ValidationException");
    const fields = res.json.ErrorList.map(
      (e: { FieldName: string; Code: string }) => `${e.FieldName}:${e.Code}`,
    ).sort();
    expect(fields).toEqual(["catalog:INVALID_VALUE", "contexts:INVALID_VALUE", "title:INVALID_VALUE"]);
  });

  it("ignores unknown members", async () => {
    const res = await signedRequest(
      h.url,
      PARTNER_A,
      "CreateEngagement",
      JSON.stringify({
        Catalog: "Sandbox",
        ClientToken: "t-unknown",
        Title: "x",
        Description: "",
        Surprise: { a: 1 },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.json.Id).toMatch(/^eng-/);
    expect(res.json.__type).toBeUndefined();
  });

  it("answers malformed JSON and a wrong content type with SerializationException", async () => {
    const broken = await signedRequest(h.url, PARTNER_A, "GetEngagement", '{"Catalog": "Sandbox",');
    expect(broken.status).toBe(400);
    expect(broken.json.__type).toBe("SerializationException");
    expect(broken.headers.get("x-amzn-errortype")).toBe("SerializationException");

    const notObject = await signedRequest(h.url, PARTNER_A, "GetEngagement", "[1,2]");
    expect(notObject.json.__type).toBe("SerializationException");

    const wrongType = await signedRequest(h.url, PARTNER_A, "GetEngagement", "{}", {
      contentType: "text/plain",
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.__type).toBe("SerializationException");
  });

  it("answers an unknown operation with UnknownOperationException", async () => {
    const res = await signedRequest(h.url, PARTNER_A, "DeleteEverything", "{}");
    expect(res.status).toBe(400);
    expect(res.json.__type).toBe("UnknownOperationException");
  });

  it("refuses a body over 1 MiB with a JSON 413", async () => {
    const body = JSON.stringify({ Catalog: "Sandbox", Title: "x".repeat(1024 * 1024) });
    const res = await fetch(`${h.url}/`, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.0",
        "x-amz-target": "AWSPartnerCentralSelling.CreateEngagement",
      },
      body,
    });
    expect(res.status).toBe(413);
    expect(res.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
    expect(((await res.json()) as any).__type).toBe("RequestEntityTooLargeException");
  });

  it("puts x-amzn-RequestId on every response and never a __type in a 200", async () => {
    const created = await signedRequest(
      h.url,
      PARTNER_A,
      "CreateEngagement",
      JSON.stringify({ Catalog: "Sandbox", ClientToken: "t-rid", Title: "rid", Description: "" }),
    );
    expect(created.status).toBe(200);
    expect(created.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.headers.get("content-type")).toBe("application/x-amz-json-1.0");
    expect(created.json.__type).toBeUndefined();
    expect(created.json.ModifiedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);

    const health = await fetch(`${h.url}/_pclocal/health`);
    expect(health.status).toBe(200);
    expect(health.headers.get("x-amzn-requestid")).toBeTruthy();
    expect(await health.json()).toMatchObject({ status: "ok" });
  });
});

describe("control plane", () => {
  it("requires the admin token", async () => {
    const denied = await h.controlRaw("POST", "/_pclocal/reset", undefined, "wrong");
    expect(denied.status).toBe(401);
    // Compared whole (as digests): a prefix, an extension or a near miss is no token.
    for (const token of [ADMIN_TOKEN.slice(0, -1), `${ADMIN_TOKEN}x`, ADMIN_TOKEN.toUpperCase(), ""]) {
      const res = await h.controlRaw("GET", "/_pclocal/clock", undefined, token);
      expect(`${token}: ${res.status}`).toBe(`${token}: 401`);
    }
    expect((await h.controlRaw("GET", "/_pclocal/clock")).status).toBe(200);
    const unknown = await h.controlRaw("GET", "/_pclocal/nothing-here");
    expect(unknown.status).toBe(404);
  });

  it("moves the virtual clock forward and to a given instant", async () => {
    const before = await h.control<{ now: string }>("GET", "/_pclocal/clock");
    const advanced = await h.control<{ now: string }>("POST", "/_pclocal/clock", { advanceSeconds: 3600 });
    expect(Date.parse(advanced.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(3600_000);
    const set = await h.control<{ now: string }>("POST", "/_pclocal/clock", {
      now: "2031-05-06T07:08:09.000Z",
    });
    expect(Math.abs(Date.parse(set.now) - Date.parse("2031-05-06T07:08:09.000Z"))).toBeLessThan(1000);
    const bad = await h.controlRaw("POST", "/_pclocal/clock", { advanceSeconds: "soon" });
    expect(bad.status).toBe(400);
    await h.control("POST", "/_pclocal/reset");
    const after = await h.control<{ now: string }>("GET", "/_pclocal/clock");
    expect(Math.abs(Date.parse(after.now) - Date.now())).toBeLessThan(5000);
  });

  it("reset drops data but keeps accounts", async () => {
    const a = h.client(PARTNER_A);
    const res = await signedRequest(
      h.url,
      PARTNER_A,
      "CreateEngagement",
      JSON.stringify({ Catalog: "Sandbox", ClientToken: "t-reset", Title: "gone soon", Description: "" }),
    );
    await h.control("POST", "/_pclocal/reset");
    const err = await rejectionOf(
      a.send(new GetEngagementCommand({ Catalog: "Sandbox", Identifier: res.json.Id })),
    );
    expect(err.name).toBe("ResourceNotFoundException");
  });
});
