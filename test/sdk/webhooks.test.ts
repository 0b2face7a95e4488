import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateEngagementCommand } from "@aws-sdk/client-partnercentral-selling";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Account } from "../../src/auth/accounts.js";
import { OPPORTUNITY_INVITATION_PAYLOAD } from "./helpers/fixtures.js";
import {
  type Harness,
  PARTNER_A,
  PARTNER_B,
  PARTNER_C,
  startHarness,
  useHarness,
} from "./helpers/harness.js";

const h = useHarness();

interface Attempt {
  seq: number;
  webhookId: string;
  headers: IncomingHttpHeaders;
  body: Record<string, any>;
  status: number;
}

interface Receiver {
  url: string;
  /** Every request, answered or failed, in arrival order. */
  attempts: Attempt[];
  /** The requests answered 200. */
  delivered(): Attempt[];
  /** Answer 500 while true. */
  failing: boolean;
  close(): Promise<void>;
}

const receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

/**
 * A webhook endpoint on 127.0.0.1: answers 500 to its first `failFirst` requests (and while
 * `failing`), or never answers at all with `hang`.
 */
async function startReceiver(options: { failFirst?: number; hang?: boolean } = {}): Promise<Receiver> {
  let failuresLeft = options.failFirst ?? 0;
  const attempts: Attempt[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (options.hang) return;
      const fail = receiver.failing || failuresLeft > 0;
      if (failuresLeft > 0) failuresLeft--;
      const status = fail ? 500 : 200;
      attempts.push({
        seq: Number(req.headers["x-pclocal-event-seq"]),
        webhookId: String(req.headers["x-pclocal-webhook-id"]),
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString("utf8")),
        status,
      });
      res.writeHead(status, { "content-type": "text/plain" }).end(fail ? "try later" : "ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const receiver: Receiver = {
    url: `http://127.0.0.1:${port}/hook`,
    attempts,
    delivered: () => attempts.filter((a) => a.status === 200),
    failing: false,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  receivers.push(receiver);
  return receiver;
}

/** A port nothing listens on. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Polls until `check` holds, failing after a few seconds. */
async function waitFor(what: string, check: () => boolean | Promise<boolean>, deadlineMs = 5_000) {
  const end = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface Webhook {
  id: string;
  account: string;
  url: string;
  createdAt: string;
  deliveredSeq: number;
}

const register = (harness: Harness, account: Account, url: string) =>
  harness.control<Webhook>("POST", "/_pclocal/webhooks", { account: account.awsAccountId, url });

const listHooks = async (harness: Harness) =>
  (await harness.control<{ webhooks: Webhook[] }>("GET", "/_pclocal/webhooks")).webhooks;

async function logOf(harness: Harness, account: Account, after = 0) {
  const page = await harness.control<{ events: { seq: number; event: Record<string, any> }[] }>(
    "GET",
    `/_pclocal/events?account=${account.awsAccountId}&after=${after}&limit=1000`,
  );
  return page.events;
}

const lastSeq = async (harness: Harness, account: Account) =>
  (await logOf(harness, account)).at(-1)?.seq ?? 0;

async function createEngagement(harness: Harness, account: Account, title: string) {
  return harness
    .client(account)
    .send(new CreateEngagementCommand({ Catalog: "Sandbox", Title: title, Description: "Webhook test" }));
}

/** Attempts with consecutive repeats (retries of one event) folded into one. */
const collapse = (seqs: number[]) => seqs.filter((s, i) => i === 0 || s !== seqs[i - 1]);

describe("webhook registration", () => {
  it("registers, lists and deletes a webhook", async () => {
    const r = await startReceiver();
    const hook = await register(h, PARTNER_A, r.url);
    expect(hook).toMatchObject({
      id: expect.stringMatching(/^wh-[0-9a-f]{16}$/),
      account: "111122223333",
      url: r.url,
    });
    expect(await listHooks(h)).toContainEqual(hook);

    expect(await h.control("DELETE", `/_pclocal/webhooks/${hook.id}`)).toEqual({
      id: hook.id,
      deleted: true,
    });
    expect((await listHooks(h)).map((w) => w.id)).not.toContain(hook.id);
    const again = await h.controlRaw("DELETE", `/_pclocal/webhooks/${hook.id}`);
    expect(again.status).toBe(404);
    expect(again.json.__type).toBe("ResourceNotFoundException");
  });

  it("accepts only http(s) URLs and registered accounts", async () => {
    const bad = await h.controlRaw("POST", "/_pclocal/webhooks", {
      account: "999999999999",
      url: "ftp://x/",
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ __type: "ValidationException", Reason: "REQUEST_VALIDATION_FAILED" });
    expect(bad.json.ErrorList.map((e: { FieldName: string }) => e.FieldName)).toEqual(["account", "url"]);

    for (const url of ["not a url", "file:///etc/passwd", "javascript:alert(1)", 42]) {
      const res = await h.controlRaw("POST", "/_pclocal/webhooks", { account: PARTNER_A.awsAccountId, url });
      expect(`${url}: ${res.status}`).toBe(`${url}: 400`);
    }
    const missing = await h.controlRaw("POST", "/_pclocal/webhooks", {});
    expect(missing.json.ErrorList).toEqual([
      expect.objectContaining({ FieldName: "account", Code: "REQUIRED_FIELD_MISSING" }),
      expect.objectContaining({ FieldName: "url", Code: "REQUIRED_FIELD_MISSING" }),
    ]);
    const noToken = await h.controlRaw("GET", "/_pclocal/webhooks", undefined, "wrong");
    expect(noToken.status).toBe(401);
  });
});

describe("webhook delivery", () => {
  it("POSTs the account's events in order, from its registration on, as in the log", async () => {
    await createEngagement(h, PARTNER_A, "Before the hook");
    const from = await lastSeq(h, PARTNER_A);
    const r = await startReceiver();
    const hook = await register(h, PARTNER_A, r.url);
    expect(hook.deliveredSeq).toBe(from);

    for (const title of ["First", "Second", "Third"]) await createEngagement(h, PARTNER_A, title);
    await createEngagement(h, PARTNER_B, "Not for A's hook");
    await h.control("POST", "/_pclocal/aws/engagement-invitations", {
      Catalog: "Sandbox",
      ReceiverAwsAccountId: PARTNER_A.awsAccountId,
      PayloadType: "OpportunityInvitation",
      Payload: OPPORTUNITY_INVITATION_PAYLOAD,
    });

    const log = await logOf(h, PARTNER_A, from);
    expect(log.map((e) => e.event["detail-type"])).toEqual([
      "Engagement Created",
      "Engagement Created",
      "Engagement Created",
      "Engagement Invitation Created",
    ]);
    await waitFor("4 deliveries", () => r.delivered().length >= log.length);
    expect(r.attempts.map((a) => a.seq)).toEqual(log.map((e) => e.seq));
    expect(r.attempts.map((a) => a.body)).toEqual(log.map((e) => e.event));
    for (const a of r.attempts) {
      expect(a.webhookId).toBe(hook.id);
      expect(a.headers["content-type"]).toBe("application/json");
    }
    const lastDelivered = log.at(-1)!.seq;
    await waitFor("stored progress", async () =>
      (await listHooks(h)).some((w) => w.id === hook.id && w.deliveredSeq === lastDelivered),
    );
  });

  it("retries the same event until the receiver recovers, keeping the order", async () => {
    const from = await lastSeq(h, PARTNER_B);
    const r = await startReceiver({ failFirst: 3 });
    await register(h, PARTNER_B, r.url);
    for (const title of ["Retry one", "Retry two", "Retry three"])
      await createEngagement(h, PARTNER_B, title);
    const expected = (await logOf(h, PARTNER_B, from)).map((e) => e.seq);
    expect(expected).toHaveLength(3);

    await waitFor("all 3 delivered", () => r.delivered().length >= 3);
    const seqs = r.attempts.map((a) => a.seq);
    // The first event failed three times and went out on the fourth attempt; nothing overtook it.
    expect(seqs.slice(0, 4)).toEqual([expected[0], expected[0], expected[0], expected[0]]);
    expect(r.attempts.slice(0, 3).map((a) => a.status)).toEqual([500, 500, 500]);
    expect(collapse(seqs)).toEqual(expected);
    expect(r.delivered().map((a) => a.seq)).toEqual(expected);
  });

  it("stops when the webhook is deleted", async () => {
    const removed = await startReceiver();
    const kept = await startReceiver();
    const hook = await register(h, PARTNER_C, removed.url);
    await register(h, PARTNER_C, kept.url);
    await createEngagement(h, PARTNER_C, "Seen by both");
    await waitFor(
      "both hooks delivered",
      () => removed.delivered().length === 1 && kept.delivered().length === 1,
    );

    await h.control("DELETE", `/_pclocal/webhooks/${hook.id}`);
    await createEngagement(h, PARTNER_C, "After delete 1");
    await createEngagement(h, PARTNER_C, "After delete 2");
    await waitFor("the kept hook delivered", () => kept.delivered().length === 3);
    // Longer than a poll interval, so a stray delivery would have shown up.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(removed.attempts).toHaveLength(1);
  });
});

describe("webhooks never hold up the API", () => {
  it("keeps answering with a dead and a hanging webhook, and other hooks keep delivering", async () => {
    const own = await startHarness();
    try {
      const hanging = await startReceiver({ hang: true });
      const live = await startReceiver();
      await register(own, PARTNER_A, `http://127.0.0.1:${await deadPort()}/gone`);
      await register(own, PARTNER_A, hanging.url);
      await register(own, PARTNER_A, live.url);

      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await createEngagement(own, PARTNER_A, `Busy ${i}`)).Id!);
      expect(ids).toHaveLength(5);

      await waitFor("the live hook got all 5", () => live.delivered().length === 5);
      expect(live.attempts.map((a) => a.body.detail.engagement.engagementId)).toEqual(ids);
    } finally {
      // Must not hang on the webhook that never answers.
      await own.close();
    }
  });
});

describe("a webhook's answer", () => {
  it("is read only up to a small cap: an endless 200 answer neither stalls delivery nor fills memory", async () => {
    const seqs: number[] = [];
    let bytesSent = 0;
    const endless = createServer((req, res) => {
      seqs.push(Number(req.headers["x-pclocal-event-seq"]));
      req.resume();
      res.writeHead(200, { "content-type": "text/plain" });
      const block = Buffer.alloc(64 * 1024, 0x7a);
      // Writes as fast as the dispatcher reads, until it hangs up.
      const pump = () => {
        while (!res.destroyed && res.write(block)) bytesSent += block.length;
        if (!res.destroyed) bytesSent += block.length;
      };
      res.on("drain", pump);
      pump();
    });
    await new Promise<void>((resolve) => endless.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(endless.address() as AddressInfo).port}/hook`;
    let hookId = "";
    try {
      const from = await lastSeq(h, PARTNER_C);
      hookId = (await register(h, PARTNER_C, url)).id;
      await createEngagement(h, PARTNER_C, "Endless answer 1");
      await createEngagement(h, PARTNER_C, "Endless answer 2");
      const expected = (await logOf(h, PARTNER_C, from)).map((e) => e.seq);
      // The per-attempt timeout is 5 s: both well before it means the answer was cut short.
      await waitFor("both events", () => seqs.length >= 2, 3_000);
      expect(seqs.slice(0, 2)).toEqual(expected);
      // Kernel buffers hold a few MiB; a reader of the whole answer would take hundreds.
      expect(bytesSent).toBeLessThan(32 * 1024 * 1024);
    } finally {
      if (hookId) await h.control("DELETE", `/_pclocal/webhooks/${hookId}`);
      await new Promise<void>((resolve) => {
        endless.close(() => resolve());
        endless.closeAllConnections();
      });
    }
  });
});

describe("webhook progress survives a restart", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "pclocal-webhooks-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("resumes with the first undelivered event and does not resend delivered ones", async () => {
    const db = join(dir, "pclocal.db");
    const r = await startReceiver();

    const first = await startHarness({ db });
    let hookId = "";
    let seqs: number[] = [];
    try {
      hookId = (await register(first, PARTNER_B, r.url)).id;
      await createEngagement(first, PARTNER_B, "Delivered before restart");
      await waitFor("first delivery", () => r.delivered().length === 1);

      r.failing = true;
      await createEngagement(first, PARTNER_B, "Pending at restart");
      await waitFor("a failed attempt", () => r.attempts.some((a) => a.status === 500));
      seqs = (await logOf(first, PARTNER_B)).map((e) => e.seq).slice(-2);
    } finally {
      await first.close();
    }

    r.failing = false;
    const second = await startHarness({ db });
    try {
      await waitFor("delivery after restart", () => r.delivered().length === 2);
      expect(r.delivered().map((a) => a.seq)).toEqual(seqs);
      expect(r.delivered().every((a) => a.webhookId === hookId)).toBe(true);
      expect(collapse(r.attempts.map((a) => a.seq))).toEqual(seqs);
    } finally {
      await second.close();
    }
  });
});
