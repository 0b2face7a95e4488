/**
 * What an unauthenticated client can make the server hold: body bytes, time and connections are
 * bounded before a signature is ever checked. Every test talks to a real server on 127.0.0.1
 * through a raw socket (or the SDK) and ends by itself.
 */
import { randomUUID } from "node:crypto";
import { CreateEngagementCommand, ListEngagementsCommand } from "@aws-sdk/client-partnercentral-selling";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, PARTNER_A, rejectionOf, startHarness } from "./helpers/harness.js";
import { signedHeaders } from "./helpers/raw.js";
import { type RawConnection, rawConnection, sleep } from "./helpers/raw-socket.js";

const MiB = 1024 * 1024;

const portOf = (h: Harness) => Number(new URL(h.url).port);

function head(h: Harness, lines: string[]): string {
  return `POST / HTTP/1.1\r\nHost: 127.0.0.1:${portOf(h)}\r\n${lines.map((l) => `${l}\r\n`).join("")}\r\n`;
}

const API_HEADERS = [
  "Content-Type: application/x-amz-json-1.0",
  "X-Amz-Target: AWSPartnerCentralSelling.CreateEngagement",
];

describe("request bodies", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it("refuses a Content-Length over 1 MiB at once, before a byte of the body is sent", async () => {
    const conn = await rawConnection(portOf(h));
    conn.write(head(h, [...API_HEADERS, `Content-Length: ${64 * MiB}`]));
    const answer = await conn.waitFor("RequestEntityTooLargeException", 2_000);
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer.toLowerCase()).toContain("connection: close");
    expect(await conn.closedWithin(2_000)).toBeLessThan(2_000);
  });

  it("stops reading a chunked body once it passes 1 MiB and closes the connection", async () => {
    const conn = await rawConnection(portOf(h));
    conn.write(head(h, [...API_HEADERS, "Transfer-Encoding: chunked"]));
    const chunk = Buffer.concat([
      Buffer.from(`${(64 * 1024).toString(16)}\r\n`),
      Buffer.alloc(64 * 1024, 0x61),
      Buffer.from("\r\n"),
    ]);
    // An endless body: keep sending while the server keeps the socket open (5 s at most).
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline && conn.write(chunk)) {
      if (conn.socket.writableLength > 4 * MiB) await sleep(5);
      else await sleep(0);
    }
    const closedAfter = await conn.closedWithin(1_000);
    expect(conn.received()).toMatch(/^HTTP\/1\.1 413 /);
    expect(conn.received()).toContain("RequestEntityTooLargeException");
    expect(closedAfter).toBeLessThan(5_000);
  });

  it("takes no more than Content-Length bytes as the body: the rest is not part of the request", async () => {
    const title = `cl-${randomUUID().slice(0, 8)}`;
    const body = JSON.stringify({ Catalog: "Sandbox", ClientToken: randomUUID(), Title: title });
    const headers = await signedHeaders(h.url, PARTNER_A, "CreateEngagement", body);
    const conn = await rawConnection(portOf(h));
    const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}`);
    // Declares 10 bytes fewer than it sends: the server reads a truncated JSON document.
    conn.write(
      `POST / HTTP/1.1\r\n${lines.join("\r\n")}\r\nContent-Length: ${Buffer.byteLength(body) - 10}\r\n\r\n${body}`,
    );
    expect(await conn.closedWithin(2_000)).toBeLessThan(2_000);
    const answer = conn.received();
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).not.toMatch(/HTTP\/1\.1 200 /);
    const seen = await h.client(PARTNER_A).send(new ListEngagementsCommand({ Catalog: "Sandbox" }));
    expect((seen.EngagementSummaryList ?? []).map((e) => e.Title)).not.toContain(title);
  });
});

describe("timeouts", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ headersTimeoutMs: 500, requestTimeoutMs: 1_500 });
  });
  afterAll(() => h.close());

  /** Sends `text` one byte every `everyMs` until the server closes the connection (or 8 s pass). */
  async function trickle(conn: RawConnection, text: string, everyMs: number) {
    const deadline = Date.now() + 8_000;
    for (let i = 0; Date.now() < deadline; i++) {
      if (!conn.write(text[i % text.length]!)) return;
      await sleep(everyMs);
    }
  }

  it("closes a connection that sends its headers a byte at a time (slowloris)", async () => {
    const conn = await rawConnection(portOf(h));
    await trickle(conn, head(h, API_HEADERS.concat("X-Padding: ".padEnd(200, "x"))), 50);
    const closedAfter = await conn.closedWithin(100);
    expect(closedAfter).toBeLessThan(3_000);
    expect(conn.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it("closes a connection whose body never finishes", async () => {
    const conn = await rawConnection(portOf(h));
    conn.write(head(h, [...API_HEADERS, "Content-Length: 100000"]));
    await trickle(conn, '{"Catalog":"Sandbox"', 50);
    const closedAfter = await conn.closedWithin(100);
    expect(closedAfter).toBeLessThan(4_000);
    expect(conn.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it("keeps idle keep-alive connections of a client working past the header timeout", async () => {
    const client = h.client(PARTNER_A);
    await client.send(new ListEngagementsCommand({ Catalog: "Sandbox" }));
    await sleep(1_200);
    const created = await client.send(
      new CreateEngagementCommand({ Catalog: "Sandbox", Title: "after idle", Description: "" }),
    );
    expect(created.Id).toMatch(/^eng-/);
  });
});

describe("connection cap", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ maxConnections: 2 });
  });
  afterAll(() => h.close());

  async function hold(count: number): Promise<RawConnection[]> {
    const held: RawConnection[] = [];
    for (let i = 0; i < count; i++) held.push(await rawConnection(portOf(h)));
    await sleep(50); // the server has counted them
    return held;
  }

  /** Closes held connections and gives the server a moment to count them gone. */
  async function release(held: RawConnection[]): Promise<void> {
    for (const c of held) c.end();
    await Promise.all(held.map((c) => c.closed));
    await sleep(50);
  }

  it("answers a connection over the cap 503 ServiceUnavailableException, which the SDK sees by name", async () => {
    const held = await hold(2);
    try {
      const err = await rejectionOf(
        h.client(PARTNER_A).send(new ListEngagementsCommand({ Catalog: "Sandbox" })),
      );
      expect(err.name).toBe("ServiceUnavailableException");
      expect(err.$metadata.httpStatusCode).toBe(503);
      expect(err.message).toMatch(/connections/);
      expect(err.$response.headers["retry-after"]).toBe("1");

      const health = await fetch(`${h.url}/_pclocal/health`);
      expect(health.status).toBe(503);
      expect(health.headers.get("x-amzn-errortype")).toBe("ServiceUnavailableException");
    } finally {
      await release(held);
    }
  });

  it("lets the SDK's own retries ride out a full server", async () => {
    const held = await hold(2);
    setTimeout(() => release(held), 300);
    const client = h.client(PARTNER_A, { maxAttempts: 3 });
    const page = await client.send(new ListEngagementsCommand({ Catalog: "Sandbox" }));
    expect(page.$metadata.httpStatusCode).toBe(200);
    expect(page.$metadata.attempts).toBeGreaterThan(1);
  });

  it("closes connections past twice the cap without reading them", async () => {
    const held = await hold(4);
    try {
      const extra = await rawConnection(portOf(h));
      expect(await extra.closedWithin(2_000)).toBeLessThan(1_000);
      expect(extra.received()).toBe("");
    } finally {
      await release(held);
    }
  });

  it("makes room by closing idle keep-alive connections, which their clients reopen", async () => {
    const first = h.client(PARTNER_A);
    const second = h.client(PARTNER_A);
    await first.send(new ListEngagementsCommand({ Catalog: "Sandbox" }));
    await second.send(new ListEngagementsCommand({ Catalog: "Sandbox" }));
    // Both connections now idle in their clients' pools: the server is at its cap.
    const third = await h.client(PARTNER_A).send(new ListEngagementsCommand({ Catalog: "Sandbox" }));
    expect(third.$metadata.httpStatusCode).toBe(200);
    const again = await first.send(new ListEngagementsCommand({ Catalog: "Sandbox" }));
    expect(again.$metadata.httpStatusCode).toBe(200);
  });

  it("serves again once connections close", async () => {
    const page = await h.client(PARTNER_A).send(new ListEngagementsCommand({ Catalog: "Sandbox" }));
    expect(page.$metadata.httpStatusCode).toBe(200);
  });
});
