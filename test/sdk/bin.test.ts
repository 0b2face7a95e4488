/**
 * The `pclocal` command as users start it: `bin/pclocal.js` from the build (what `npm start` and
 * an installed package run) and `npx pclocal` from the checkout. Needs `dist/`, which
 * `npm install` builds; without it the suite says so and skips.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { ListEngagementsCommand, PartnerCentralSellingClient } from "@aws-sdk/client-partnercentral-selling";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../tools/model-file.js";
import { PARTNER_A } from "./helpers/harness.js";

const BUILT = existsSync(path.join(PROJECT_ROOT, "dist", "cli", "bin.js"));
const SKIP = BUILT ? "" : " (skipped: no dist/, run `npm run build`)";

interface Running {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

/** Starts `command` in its own process group and waits for the ready line. */
function start(command: string, args: string[]): Promise<Running> {
  const child = spawn(command, args, {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PCLOCAL_LOG_LEVEL: "silent" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let output = "";
  child.stderr!.on("data", (d) => {
    output += d;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop(child);
      reject(new Error(`no ready line within 25 s: ${output}`));
    }, 25_000);
    exited.then((code) => reject(new Error(`exited ${code}: ${output}`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      output += `${line}\n`;
      const match = /^pclocal ready on (http:\/\/\S+)$/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, exited });
      }
    });
  });
}

/** SIGTERM to the whole group: npx runs the server as its child. */
function stop(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch {
    // already gone
  }
}

async function answersTheSdk(url: string): Promise<void> {
  const health = await fetch(`${url}/_pclocal/health`);
  expect(await health.json()).toMatchObject({ status: "ok" });
  const client = new PartnerCentralSellingClient({
    endpoint: url,
    region: "us-east-1",
    credentials: { accessKeyId: PARTNER_A.accessKeyId, secretAccessKey: PARTNER_A.secretAccessKey },
    maxAttempts: 1,
  });
  const listed = await client.send(new ListEngagementsCommand({ Catalog: "Sandbox" }));
  expect(listed.EngagementSummaryList).toEqual([]);
  client.destroy();
}

describe.skipIf(!BUILT)(`the pclocal command${SKIP}`, () => {
  it("bin/pclocal.js serve --port 0 prints its ready line, answers the SDK and stops on SIGTERM", async () => {
    const server = await start(process.execPath, [
      "bin/pclocal.js",
      "serve",
      "--port",
      "0",
      "--db",
      ":memory:",
    ]);
    await answersTheSdk(server.url);
    stop(server.child);
    expect(await server.exited).toBe(0);
  });

  it("npx pclocal serve runs the checkout's own command", async () => {
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const server = await start(npm, [
      "exec",
      "--offline",
      "--",
      "pclocal",
      "serve",
      "--port",
      "0",
      "--db",
      ":memory:",
    ]);
    await answersTheSdk(server.url);
    stop(server.child);
    await server.exited;
  });
});

describe("the pclocal command without a build", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "pclocal-nobuild-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("says how to build instead of failing on a missing module", () => {
    mkdirSync(path.join(dir, "bin"));
    writeFileSync(path.join(dir, "package.json"), '{ "type": "module" }\n');
    copyFileSync(path.join(PROJECT_ROOT, "bin", "pclocal.js"), path.join(dir, "bin", "pclocal.js"));
    const run = spawnSync(process.execPath, [path.join(dir, "bin", "pclocal.js"), "serve"], {
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("the build (dist/) is missing; run `npm run build`");
  });
});
