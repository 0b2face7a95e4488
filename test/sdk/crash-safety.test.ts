import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CreateEngagementCommand,
  GetEngagementCommand,
  PartnerCentralSellingClient,
} from "@aws-sdk/client-partnercentral-selling";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { PARTNER_A } from "./helpers/harness.js";
import { serve } from "./helpers/spawn-server.js";

const CYCLES = Number(process.env.PCLOCAL_CRASH_CYCLES ?? 20);
const WRITERS = 4;

const dir = mkdtempSync(join(tmpdir(), "pclocal-crash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A seeded PRNG keeps the kill moments reproducible from run to run.
let seed = 20261123;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};

const client = (url: string) =>
  new PartnerCentralSellingClient({
    endpoint: url,
    region: "us-east-1",
    credentials: { accessKeyId: PARTNER_A.accessKeyId, secretAccessKey: PARTNER_A.secretAccessKey },
    maxAttempts: 1,
  });

describe("crash safety", () => {
  it(`keeps every acknowledged write across ${CYCLES} SIGKILLs`, { timeout: 240_000 }, async () => {
    const db = join(dir, "crash.db");
    const acknowledged: string[] = [];
    let attempted = 0;

    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const server = await serve(["--port", "0", "--db", db, "--log-level", "silent"]);
      const c = client(server.url);
      let stop = false;
      const writer = async (w: number) => {
        for (let i = 0; !stop; i++) {
          attempted++;
          try {
            const out = await c.send(
              new CreateEngagementCommand({
                Catalog: "Sandbox",
                ClientToken: `crash-${cycle}-${w}-${i}`,
                Title: `cycle ${cycle} writer ${w} #${i}`,
                Description: "",
              }),
            );
            acknowledged.push(out.Id!);
          } catch {
            return; // the server died under this request: it was never acknowledged
          }
        }
      };
      const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
      await new Promise((r) => setTimeout(r, 50 + random() * 300));
      server.child.kill("SIGKILL");
      stop = true;
      await Promise.all(writers);
      await server.exited;
      c.destroy();
    }

    const server = await serve(["--port", "0", "--db", db, "--log-level", "silent"]);
    const c = client(server.url);
    const missing: string[] = [];
    for (const id of acknowledged) {
      try {
        await c.send(new GetEngagementCommand({ Catalog: "Sandbox", Identifier: id }));
      } catch {
        missing.push(id);
      }
    }
    c.destroy();
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);

    console.log(
      `crash safety: ${CYCLES} kills, ${attempted} writes attempted, ${acknowledged.length} acknowledged`,
    );
    expect(acknowledged.length).toBeGreaterThan(CYCLES);
    expect(missing).toEqual([]);
    const raw = new Database(db, { readonly: true });
    expect(raw.pragma("integrity_check", { simple: true })).toBe("ok");
    raw.close();
  });
});
