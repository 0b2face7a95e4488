import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CreateEngagementCommand,
  GetEngagementCommand,
  PartnerCentralSellingClient,
} from "@aws-sdk/client-partnercentral-selling";
import { afterAll, describe, expect, it } from "vitest";
import { PARTNER_A } from "./helpers/harness.js";
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

  it("refuses a non-loopback host with the default admin token", async () => {
    await expect(serve(["--host", "0.0.0.0", "--port", "0", "--db", ":memory:"])).rejects.toThrow(
      /default admin token/,
    );
  });
});
