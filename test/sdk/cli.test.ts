import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CreateEngagementCommand,
  GetEngagementCommand,
  GetEngagementInvitationCommand,
  PartnerCentralSellingClient,
} from "@aws-sdk/client-partnercentral-selling";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { OPPORTUNITY_INVITATION_PAYLOAD } from "./helpers/fixtures.js";
import { PARTNER_A } from "./helpers/harness.js";
import { rawConnection } from "./helpers/raw-socket.js";
import { type Started, serve } from "./helpers/spawn-server.js";

const dir = mkdtempSync(join(tmpdir(), "pclocal-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const client = (url: string) =>
  new PartnerCentralSellingClient({
    endpoint: url,
    region: "us-east-1",
    credentials: { accessKeyId: PARTNER_A.accessKeyId, secretAccessKey: PARTNER_A.secretAccessKey },
    maxAttempts: 1,
  });

/** GET on a connection of its own (no pool), with an optional Host header. */
function get(url: string, path: string, host?: string): Promise<{ status: number; json: any }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: hostname, port: Number(port), path, agent: false, headers: host ? { host } : {} },
      (res) => {
        let text = "";
        res.on("data", (c) => {
          text += c;
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : undefined }),
        );
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** The error output of a `serve` that must refuse to start (stops it if it started after all). */
async function refusal(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  return serve(args, env).then(
    async (started) => {
      started.child.kill("SIGKILL");
      await started.exited;
      return "started";
    },
    (err: Error) => err.message,
  );
}

describe("pclocal serve", () => {
  it("prints the ready line, logs one JSON line per request, and keeps data across a graceful restart", async () => {
    const db = join(dir, "data", "pclocal.db");
    const first = await serve(["--port", "0", "--db", db]);
    const health = await fetch(`${first.url}/_pclocal/health`);
    expect(await health.json()).toMatchObject({ status: "ok" });

    const c1 = client(first.url);
    const created = await c1.send(
      new CreateEngagementCommand({ Catalog: "Sandbox", Title: "Durable", Description: "" }),
    );
    c1.destroy();
    await new Promise((r) => setTimeout(r, 100));
    const requestLog = first.lines
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l))
      .find((entry) => entry.operation === "CreateEngagement");
    expect(requestLog).toMatchObject({
      account: PARTNER_A.awsAccountId,
      status: 200,
      ms: expect.any(Number),
    });

    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);

    const second = await serve(["--port", "0"], { PCLOCAL_DB: db, PCLOCAL_LOG_LEVEL: "silent" });
    const c2 = client(second.url);
    const got = await c2.send(new GetEngagementCommand({ Catalog: "Sandbox", Identifier: created.Id }));
    expect(got.Title).toBe("Durable");
    c2.destroy();
    second.child.kill("SIGINT");
    expect(await second.exited).toBe(0);
  });

  it("takes the task delay from --task-delay-seconds", async () => {
    const server = await serve([
      "--port",
      "0",
      "--db",
      ":memory:",
      "--task-delay-seconds",
      "30",
      "--log-level",
      "silent",
    ]);
    const res = await fetch(`${server.url}/_pclocal/tasks/mode`, {
      headers: { authorization: "Bearer pclocal-admin" },
    });
    expect(await res.json()).toMatchObject({ delaySeconds: 30 });
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  });

  it("takes --durability, --max-connections and --allowed-hosts (or their env variables)", async () => {
    const db = join(dir, "strict", "pclocal.db");
    const server = await serve(["--port", "0", "--db", db, "--durability", "full", "--log-level", "silent"], {
      PCLOCAL_MAX_CONNECTIONS: "1",
      PCLOCAL_ALLOWED_HOSTS: "pclocal.test, other.test:9000",
    });
    try {
      const port = new URL(server.url).port;
      const health = await get(server.url, "/_pclocal/health");
      expect(health.json).toMatchObject({ status: "ok", durability: "full" });
      expect((await get(server.url, "/_pclocal/health", `pclocal.test:${port}`)).status).toBe(200);
      expect((await get(server.url, "/_pclocal/health", "other.test:9000")).status).toBe(200);
      expect((await get(server.url, "/_pclocal/health", `evil.example:${port}`)).status).toBe(403);

      const held = await rawConnection(Number(port));
      await new Promise((r) => setTimeout(r, 50));
      const shed = await get(server.url, "/_pclocal/health");
      held.end();
      expect(shed.status).toBe(503);
      expect(shed.json.__type).toBe("ServiceUnavailableException");
    } finally {
      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(0);
    }

    const normal = await serve(["--port", "0", "--db", db, "--log-level", "silent"]);
    expect((await get(normal.url, "/_pclocal/health")).json.durability).toBe("normal");
    normal.child.kill("SIGTERM");
    expect(await normal.exited).toBe(0);
    expect(await refusal(["--port", "0", "--db", ":memory:", "--durability", "sometimes"])).toMatch(
      /--durability/,
    );
  });

  it("refuses an empty or short admin token on a non-loopback host", async () => {
    expect(
      await refusal(["--host", "0.0.0.0", "--port", "0", "--db", ":memory:", "--admin-token", "short"]),
    ).toMatch(/at least 12 characters/);
    expect(
      await refusal(["--host", "0.0.0.0", "--port", "0", "--db", ":memory:"], { PCLOCAL_ADMIN_TOKEN: "" }),
    ).toMatch(/at least 12 characters/);
  });

  it("refuses a non-loopback host with the default admin token", async () => {
    await expect(serve(["--host", "0.0.0.0", "--port", "0", "--db", ":memory:"])).rejects.toThrow(
      /default admin token/,
    );
  });
});

const admin = async (url: string, method: string, path: string, body?: unknown) => {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: "Bearer pclocal-admin", "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status, `${method} ${path}`).toBe(200);
  return (await res.json()) as Record<string, any>;
};

/** Kills the server without letting it close anything, as a crash would. */
async function crash(server: Started): Promise<void> {
  server.child.kill("SIGKILL");
  await server.exited;
}

describe("what survives a crash", () => {
  it("keeps the virtual clock: an invitation expired before a SIGKILL stays expired after it", async () => {
    const db = join(dir, "clock", "pclocal.db");
    const first = await serve(["--port", "0", "--db", db, "--log-level", "silent"]);
    const sent = await admin(first.url, "POST", "/_pclocal/aws/engagement-invitations", {
      Catalog: "Sandbox",
      ReceiverAwsAccountId: PARTNER_A.awsAccountId,
      PayloadType: "OpportunityInvitation",
      Payload: OPPORTUNITY_INVITATION_PAYLOAD,
    });
    const read = async (url: string) => {
      const c = client(url);
      const got = await c.send(
        new GetEngagementInvitationCommand({ Catalog: "Sandbox", Identifier: sent.Id }),
      );
      c.destroy();
      return got.Status;
    };
    expect(await read(first.url)).toBe("PENDING");
    await admin(first.url, "POST", "/_pclocal/clock", { advanceSeconds: 16 * 86_400 });
    expect(await read(first.url)).toBe("EXPIRED");
    await crash(first);

    const second = await serve(["--port", "0", "--db", db, "--log-level", "silent"]);
    expect(await read(second.url)).toBe("EXPIRED");
    const clock = await admin(second.url, "GET", "/_pclocal/clock");
    expect(clock.offsetSeconds).toBeGreaterThanOrEqual(16 * 86_400 - 5);
    // Reset goes back to real time, and that too survives a crash.
    await admin(second.url, "POST", "/_pclocal/reset");
    await crash(second);
    const third = await serve(["--port", "0", "--db", db, "--log-level", "silent"]);
    expect(Math.abs((await admin(third.url, "GET", "/_pclocal/clock")).offsetSeconds)).toBeLessThanOrEqual(5);
    third.child.kill("SIGTERM");
    expect(await third.exited).toBe(0);
  });

  it("keeps the task mode and the auto-review policy; --task-delay-seconds replaces the stored mode", async () => {
    const db = join(dir, "settings", "pclocal.db");
    const first = await serve(["--port", "0", "--db", db, "--log-level", "silent"]);
    await admin(first.url, "POST", "/_pclocal/tasks/mode", { delaySeconds: 45 });
    await admin(first.url, "POST", "/_pclocal/aws/opportunities/auto-review", { approveAfterSeconds: 600 });
    await crash(first);

    const second = await serve(["--port", "0", "--db", db, "--log-level", "silent"]);
    expect(await admin(second.url, "GET", "/_pclocal/tasks/mode")).toEqual({
      mode: "delayed",
      delaySeconds: 45,
    });
    expect(await admin(second.url, "GET", "/_pclocal/aws/opportunities/auto-review")).toEqual({
      approveAfterSeconds: 600,
    });
    await admin(second.url, "POST", "/_pclocal/reset");
    expect((await admin(second.url, "GET", "/_pclocal/tasks/mode")).delaySeconds).toBe(45);
    await admin(second.url, "POST", "/_pclocal/aws/opportunities/auto-review", { approveAfterSeconds: null });
    await crash(second);

    const third = await serve([
      "--port",
      "0",
      "--db",
      db,
      "--log-level",
      "silent",
      "--task-delay-seconds",
      "0",
    ]);
    expect(await admin(third.url, "GET", "/_pclocal/tasks/mode")).toEqual({
      mode: "synchronous",
      delaySeconds: 0,
    });
    expect(await admin(third.url, "GET", "/_pclocal/aws/opportunities/auto-review")).toEqual({
      approveAfterSeconds: null,
    });
    third.child.kill("SIGTERM");
    expect(await third.exited).toBe(0);
  });
});

describe("pclocal serve refuses a --db it cannot use", () => {
  /** Starts the server and answers how it ended: it must exit non-zero before it is ready. */
  async function refusal(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
    const outcome = await serve(["--port", "0", "--log-level", "silent", ...args], env).then(
      (started) => {
        started.child.kill("SIGKILL");
        return "ready";
      },
      (err: Error) => err.message,
    );
    expect(outcome).toMatch(/^exited [1-9]/);
    return outcome;
  }

  it("a database a newer pclocal wrote, left untouched", async () => {
    const db = join(dir, "newer.db");
    const store = new SqliteStore(db);
    await store.open();
    await store.close();
    const raw = new Database(db);
    raw.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)").run();
    raw.close();
    expect(await refusal(["--db", db])).toMatch(
      /Cannot use .*newer\.db.*newer version of pclocal \(schema 999/,
    );
    const after = new Database(db, { readonly: true });
    expect((after.prepare("SELECT MAX(version) AS v FROM schema_migrations").get() as { v: number }).v).toBe(
      999,
    );
    after.close();
  });

  it("a directory", async () => {
    expect(await refusal(["--db", dir])).toMatch(/it is a directory/);
  });

  it("a path whose directory cannot be created", async () => {
    const file = join(dir, "plain-file");
    writeFileSync(file, "not a directory");
    expect(await refusal(["--db", join(file, "sub", "pclocal.db")])).toMatch(
      /directory .* cannot be created/,
    );
  });

  it("a path in a read-only directory", async () => {
    // root writes through file modes, so as root a read-only file system stands in.
    let db = "/proc/pclocal.db";
    if (process.getuid?.() !== 0) {
      const readOnly = join(dir, "read-only");
      mkdirSync(readOnly);
      chmodSync(readOnly, 0o555);
      db = join(readOnly, "pclocal.db");
    }
    expect(await refusal(["--db", db])).toMatch(/cannot be opened or created there/);
  });

  it("a file that is not SQLite", async () => {
    const db = join(dir, "notes.txt");
    writeFileSync(db, "These are notes, not a database.\n".repeat(200));
    expect(await refusal(["--db", db])).toMatch(/not a SQLite database/);
  });

  it("an empty path, as a flag or from PCLOCAL_DB", async () => {
    expect(await refusal(["--db", ""])).toMatch(/store path is empty/);
    expect(await refusal([], { PCLOCAL_DB: "" })).toMatch(/store path is empty/);
  });
});
