/**
 * Checks the package as a user gets it: `npm pack`, install the tarball into an empty folder with
 * `npm install --omit=dev`, then `npx pclocal serve --port 0` there must print its ready line and
 * answer the health check. Run on demand (`npm run check:package`); it takes about a minute
 * because the install compiles better-sqlite3 when no prebuilt binary can be downloaded.
 *
 *   npm run check:package [-- --keep]    --keep leaves the temporary folder for a look
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { PROJECT_ROOT } from "./model-file.js";

const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

/** What a user needs in the tarball besides package.json and the README. */
const REQUIRED = ["bin/pclocal.js", "dist/cli/bin.js", "dist/cli/main.js", "dist/server/server.js"];

function npm(args: string[], cwd: string): string {
  return execFileSync(NPM, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
}

function timed<T>(label: string, step: () => T): T {
  const started = performance.now();
  const result = step();
  console.log(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/** Runs `npx pclocal serve --port 0` in `cwd`; resolves with the URL of its ready line, then stops it. */
function serveOnce(cwd: string): Promise<string> {
  const child = spawn(
    NPM,
    ["exec", "--offline", "--", "pclocal", "serve", "--port", "0", "--db", ":memory:"],
    {
      cwd,
      env: { ...process.env, PCLOCAL_LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "inherit"],
      detached: true,
    },
  );
  const stop = () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error("no ready line within 30 s"));
    }, 30_000);
    child.once("exit", (code) => reject(new Error(`npx pclocal exited ${code} before its ready line`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      console.log(`  ${line}`);
      const match = /^pclocal ready on (http:\/\/\S+)$/.exec(line);
      if (!match) return;
      clearTimeout(timer);
      fetch(`${match[1]}/_pclocal/health`)
        .then(async (res) => {
          const body = (await res.json()) as { status?: string };
          if (body.status !== "ok") throw new Error(`health answered ${JSON.stringify(body)}`);
          resolve(match[1]!);
        })
        .catch(reject)
        .finally(stop);
    });
  });
}

async function main(): Promise<number> {
  const keep = process.argv.includes("--keep");
  const dir = mkdtempSync(path.join(tmpdir(), "pclocal-package-"));
  try {
    const packed = timed("npm pack", () =>
      JSON.parse(npm(["pack", "--json", "--pack-destination", dir], PROJECT_ROOT)),
    ) as { filename: string; files: { path: string }[] }[];
    const { filename, files } = packed[0]!;
    const missing = REQUIRED.filter((f) => !files.some((x) => x.path === f));
    if (missing.length > 0) throw new Error(`the tarball lacks ${missing.join(", ")}`);
    const stray = files.filter(
      (f) => !/^(bin|dist)\//.test(f.path) && !/^(package\.json|README\.md|LICENSE)$/.test(f.path),
    );
    if (stray.length > 0)
      throw new Error(`the tarball holds files users do not need: ${stray.map((f) => f.path)}`);
    console.log(`${filename}: ${files.length} files`);

    const app = path.join(dir, "app");
    mkdirSync(app);
    writeFileSync(path.join(app, "package.json"), '{ "name": "pclocal-package-check", "private": true }\n');
    timed("npm install --omit=dev <tarball>", () =>
      npm(
        ["install", "--omit=dev", "--no-audit", "--no-fund", "--prefer-offline", path.join(dir, filename)],
        app,
      ),
    );
    const installed = readdirSync(path.join(app, "node_modules", "partnercentral-local")).sort();
    console.log(`installed: ${installed.join(", ")}`);
    const url = await serveOnce(app);
    console.log(`package check passed: npx pclocal serve answered on ${url}`);
    return 0;
  } finally {
    if (keep) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`package check failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
