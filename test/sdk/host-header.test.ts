/**
 * DNS rebinding: a page on evil.example whose name is made to resolve to 127.0.0.1 reaches a
 * loopback server with `Host: evil.example:PORT`, and could sign with the (public) demo keys. The
 * server answers only Host names that are its own addresses or on the allow-list.
 */
import { randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import { CreateEngagementCommand, ListEngagementsCommand } from "@aws-sdk/client-partnercentral-selling";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, type Harness, PARTNER_A, startHarness } from "./helpers/harness.js";
import { signedHeaders } from "./helpers/raw.js";
import { rawConnection } from "./helpers/raw-socket.js";

interface Answer {
  status: number;
  json: any;
}

/** A request to the harness (on 127.0.0.1) with exactly this Host header. */
function withHost(
  h: Harness,
  host: string,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  const { port } = new URL(h.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port: Number(port),
        method: options.method ?? "GET",
        path: options.path ?? "/_pclocal/health",
        headers: { ...options.headers, host },
        setHost: false,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => {
          text += c;
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : undefined }),
        );
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

/** A CreateEngagement signed (with Partner A's demo key) for the Host the attacker's page uses. */
async function signedCreate(h: Harness, host: string, title: string): Promise<Answer> {
  const body = JSON.stringify({
    Catalog: "Sandbox",
    ClientToken: randomUUID(),
    Title: title,
    Description: "",
  });
  const headers = await signedHeaders(`http://${host}`, PARTNER_A, "CreateEngagement", body);
  return withHost(h, host, { method: "POST", path: "/", headers, body });
}

async function titles(h: Harness): Promise<string[]> {
  const page = await h
    .client(PARTNER_A)
    .send(new ListEngagementsCommand({ Catalog: "Sandbox", MaxResults: 100 }));
  return (page.EngagementSummaryList ?? []).map((e) => e.Title ?? "");
}

describe("Host header on a loopback server", () => {
  let h: Harness;
  let port: string;
  beforeAll(async () => {
    h = await startHarness();
    port = new URL(h.url).port;
  });
  afterAll(() => h.close());

  it("serves the SDK at http://127.0.0.1:PORT and http://localhost:PORT", async () => {
    for (const endpoint of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      const created = await h
        .client(PARTNER_A, { endpoint })
        .send(new CreateEngagementCommand({ Catalog: "Sandbox", Title: `via ${endpoint}`, Description: "" }));
      expect(created.Id).toMatch(/^eng-/);
    }
  });

  it("refuses a correctly signed API request addressed to another name (DNS rebinding)", async () => {
    const res = await signedCreate(h, `evil.example:${port}`, "rebound");
    expect(res.status).toBe(403);
    expect(res.json.__type).toBe("ForbiddenException");
    expect(res.json.message).toContain("evil.example");
    expect(res.json.message).toContain("--allowed-hosts");
    expect(await titles(h)).not.toContain("rebound");
  });

  it("refuses the control plane, token or not, under another name", async () => {
    const before = await titles(h);
    const reset = await withHost(h, `evil.example:${port}`, {
      method: "POST",
      path: "/_pclocal/reset",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(reset.status).toBe(403);
    expect(reset.json.__type).toBe("ForbiddenException");
    expect(await titles(h)).toEqual(before);
    expect((await withHost(h, `evil.example:${port}`)).status).toBe(403);
  });

  it("answers localhost, 127.0.0.1 and [::1] on its port, and nothing else", async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) {
      expect(`${host} ${(await withHost(h, host)).status}`).toBe(`${host} 200`);
    }
    for (const host of [
      "localhost:1",
      "localhost",
      `localhost.evil.example:${port}`,
      `127.0.0.1.nip.io:${port}`,
      `10.0.0.1:${port}`,
    ]) {
      expect(`${host} ${(await withHost(h, host)).status}`).toBe(`${host} 403`);
    }
  });

  it("refuses a request without a Host header (HTTP/1.0)", async () => {
    const conn = await rawConnection(Number(port));
    conn.write("GET /_pclocal/health HTTP/1.0\r\n\r\n");
    await conn.closedWithin(2_000);
    expect(conn.received()).toMatch(/^HTTP\/1\.1 403 /);
  });
});

describe("--allowed-hosts", () => {
  let h: Harness;
  let port: string;
  beforeAll(async () => {
    h = await startHarness({ allowedHosts: ["pclocal.test", "proxy.example:8443"] });
    port = new URL(h.url).port;
  });
  afterAll(() => h.close());

  it("adds names: without a port on the server's port and bare (behind a proxy), with a port as given", async () => {
    for (const host of [`pclocal.test:${port}`, "pclocal.test", "proxy.example:8443", `127.0.0.1:${port}`]) {
      expect(`${host} ${(await withHost(h, host)).status}`).toBe(`${host} 200`);
    }
    for (const host of [`proxy.example:${port}`, "proxy.example", `evil.example:${port}`]) {
      expect(`${host} ${(await withHost(h, host)).status}`).toBe(`${host} 403`);
    }
    const signed = await signedCreate(h, `pclocal.test:${port}`, "via an allowed name");
    expect(signed.status, JSON.stringify(signed.json)).toBe(200);
  });

  it("'*' turns the check off", async () => {
    const open = await startHarness({ allowedHosts: ["*"] });
    try {
      expect((await withHost(open, "anything.example:1")).status).toBe(200);
    } finally {
      await open.close();
    }
  });
});
