import { mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CreateEngagementCommand,
  GetEngagementCommand,
  PartnerCentralSellingClient,
} from "@aws-sdk/client-partnercentral-selling";
import { afterAll, describe, expect, it } from "vitest";
import { PARTNER_A } from "./helpers/harness.js";
import { rawConnection } from "./helpers/raw-socket.js";
import { serve } from "./helpers/spawn-server.js";

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
