/**
 * The whole bench in one run, printed as tables (never asserted):
 *
 *   npm run build && npx tsx bench/all.ts
 *
 * - signed GetEngagement and GetEngagementInvitation next to a bare node:http server (same run),
 *   on a store seeded with BENCH_ROWS engagements and BENCH_ROWS invitations (default 1,000,000);
 * - CreateOpportunity and UpdateOpportunity, each request signed afresh (new ClientToken, the
 *   LastModifiedDate the previous update returned);
 * - a ListEngagementInvitations page at BENCH_SMALL_ROWS (10,000) versus BENCH_ROWS;
 * - cold start, spawn → first signed 200 (median of BENCH_STARTS), on the seeded file;
 * - idle RSS and RSS after the load.
 *
 * BENCH_SECONDS (10), BENCH_CONNECTIONS (32), BENCH_PAGES (300), BENCH_STARTS (3) tune it;
 * BENCH_ROWS=100000 BENCH_SECONDS=3 is a quick run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { type ChildServer, spawnServer } from "./lib/child-server.js";
import { measureListPages, percentile, printListComparison } from "./lib/list-pages.js";
import { seedEngagements, seededEngagementId } from "./lib/seed-engagements.js";
import { seedInvitations } from "./lib/seed-invitations.js";
import { call, PARTNER_A, signedRequest } from "./lib/signed.js";
import { signSync } from "./lib/sync-sign.js";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const SMALL_ROWS = Number(process.env.BENCH_SMALL_ROWS ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const PAGES = Number(process.env.BENCH_PAGES ?? 300);
const STARTS = Number(process.env.BENCH_STARTS ?? 3);
const PCLOCAL = "bin/pclocal.js";
const serveArgs = (db: string) => ["serve", "--port", "0", "--db", db, "--log-level", "silent"];

interface Load {
  rps: number;
  p50: number;
  p99: number;
  total: number;
}

function summarize(name: string, result: autocannon.Result): Load {
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  }
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
  };
}

/** The same request over and over (signed once: valid for 15 minutes, SigV4 has no nonce). */
async function loadFixed(name: string, url: string, headers: Record<string, string>, body: string) {
  const result = await autocannon({
    url: `${url}/`,
    method: "POST",
    headers,
    body,
    connections: CONNECTIONS,
    duration: SECONDS,
  });
  return summarize(name, result);
}

/** Every request signed when it is sent, from a body built per request. */
async function loadSigned(name: string, url: string, operation: string, bodyFor: () => string) {
  const { host } = new URL(url);
  const result = await autocannon({
    url: `${url}/`,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: "POST",
        path: "/",
        setupRequest: (req) => {
          const body = bodyFor();
          return { ...req, method: "POST", body, headers: signSync(host, operation, body, PARTNER_A) };
        },
      },
    ],
  });
  return summarize(name, result);
}

/**
 * `workers` concurrent loops over keep-alive connections (fetch's pool) for BENCH_SECONDS, for
 * requests that depend on the previous answer (autocannon resets its per-connection context).
 */
async function loadLoop(
  name: string,
  workers: number,
  once: (worker: number) => Promise<void>,
): Promise<Load> {
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (performance.now() < deadline) {
        const t = performance.now();
        await once(worker);
        latencies.push(performance.now() - t);
      }
    }),
  );
  if (latencies.length === 0) throw new Error(`${name}: no requests completed`);
  const seconds = (performance.now() - started) / 1000;
  return {
    rps: latencies.length / seconds,
    p50: Math.round(percentile(latencies, 0.5)),
    p99: Math.round(percentile(latencies, 0.99)),
    total: latencies.length,
  };
}

/** Spawn → ready line → first GetEngagement answered 200. */
async function coldStart(db: string, id: string): Promise<{ ready: number; first200: number }> {
  const started = performance.now();
  const server = await spawnServer(PCLOCAL, serveArgs(db));
  const ready = performance.now() - started;
  for (;;) {
    const { headers, body } = await signedRequest(server.url, "GetEngagement", {
      Catalog: "Sandbox",
      Identifier: id,
    });
    const res = await fetch(`${server.url}/`, { method: "POST", headers, body });
    await res.arrayBuffer();
    if (res.status === 200) break;
  }
  const first200 = performance.now() - started;
  await server.stop();
  return { ready, first200 };
}

const fmt = (l: Load) =>
  `${l.rps.toFixed(0).padStart(7)} req/s  p50 ${String(l.p50).padStart(3)} ms  p99 ${String(l.p99).padStart(4)} ms`;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "pclocal-bench-all-"));
  const bigDb = join(dir, "big.db");
  const smallDb = join(dir, "small.db");
  const servers: ChildServer[] = [];
  try {
    await seedEngagements(bigDb, ROWS);
    await seedInvitations(bigDb, ROWS);
    await seedInvitations(smallDb, SMALL_ROWS);
    const engagementId = seededEngagementId(Math.floor(ROWS / 2));
    const invitationId = `engi-${Math.floor(ROWS / 2)
      .toString(36)
      .padStart(13, "0")}`;

    process.stderr.write("cold starts…\n");
    const starts: { ready: number; first200: number }[] = [];
    for (let i = 0; i < STARTS; i++) starts.push(await coldStart(bigDb, engagementId));

    const bare = await spawnServer("--import=tsx", ["bench/lib/bare-server.ts"]);
    servers.push(bare);
    const pclocal = await spawnServer(PCLOCAL, serveArgs(bigDb));
    servers.push(pclocal);
    await new Promise((r) => setTimeout(r, 1000));
    const idleRss = pclocal.rssMb();

    const getEng = await signedRequest(pclocal.url, "GetEngagement", {
      Catalog: "Sandbox",
      Identifier: engagementId,
    });
    const getInv = await signedRequest(pclocal.url, "GetEngagementInvitation", {
      Catalog: "Sandbox",
      Identifier: invitationId,
    });
    // Fail early (and readably) if the seeded rows are not found.
    await call(pclocal.url, "GetEngagement", { Catalog: "Sandbox", Identifier: engagementId });
    await call(pclocal.url, "GetEngagementInvitation", { Catalog: "Sandbox", Identifier: invitationId });

    process.stderr.write("load: bare, GetEngagement, GetEngagementInvitation…\n");
    const bareLoad = await loadFixed(
      "bare",
      bare.url,
      { "content-type": "application/x-amz-json-1.0" },
      getEng.body,
    );
    const engLoad = await loadFixed("GetEngagement", pclocal.url, getEng.headers, getEng.body);
    const invLoad = await loadFixed("GetEngagementInvitation", pclocal.url, getInv.headers, getInv.body);

    process.stderr.write("load: CreateOpportunity, UpdateOpportunity…\n");
    let token = 0;
    const createLoad = await loadSigned("CreateOpportunity", pclocal.url, "CreateOpportunity", () =>
      JSON.stringify({ Catalog: "Sandbox", ClientToken: `bench-${process.pid}-${token++}` }),
    );
    // One opportunity per connection; each update carries the LastModifiedDate the last one returned.
    const pool: { id: string; lastModified: string }[] = [];
    for (let i = 0; i < CONNECTIONS; i++) {
      const created = await call(pclocal.url, "CreateOpportunity", {
        Catalog: "Sandbox",
        ClientToken: `bench-update-${process.pid}-${i}`,
      });
      pool.push({ id: created.Id, lastModified: created.LastModifiedDate });
    }
    const updateLoad = await loadLoop("UpdateOpportunity", pool.length, async (worker) => {
      const opp = pool[worker]!;
      const body = JSON.stringify({
        Catalog: "Sandbox",
        Identifier: opp.id,
        LastModifiedDate: opp.lastModified,
        Project: { Title: `update ${token++}` },
      });
      const res = await fetch(`${pclocal.url}/`, {
        method: "POST",
        headers: signSync(new URL(pclocal.url).host, "UpdateOpportunity", body, PARTNER_A),
        body,
      });
      const json = (await res.json()) as { LastModifiedDate?: string };
      if (res.status !== 200) throw new Error(`UpdateOpportunity: ${res.status} ${JSON.stringify(json)}`);
      opp.lastModified = json.LastModifiedDate!;
    });
    const loadedRss = pclocal.rssMb();

    process.stderr.write(`list pages: ${SMALL_ROWS} vs ${ROWS}…\n`);
    const large = await measureListPages(pclocal.url, PAGES);
    await pclocal.stop();
    servers.pop();
    const smallServer = await spawnServer(PCLOCAL, serveArgs(smallDb));
    servers.push(smallServer);
    const small = await measureListPages(smallServer.url, PAGES);

    const firstOk = starts.map((s) => s.first200);
    const ready = starts.map((s) => s.ready);
    console.log(
      `\npartnercentral-local bench: ${ROWS} engagements + ${ROWS} invitations seeded, ` +
        `${CONNECTIONS} connections, ${SECONDS} s per load\n`,
    );
    const rows: [string, string][] = [
      ["bare node:http", fmt(bareLoad)],
      ["signed GetEngagement", `${fmt(engLoad)}   ×${(engLoad.rps / bareLoad.rps).toFixed(2)} of bare`],
      [
        "signed GetEngagementInvitation",
        `${fmt(invLoad)}   ×${(invLoad.rps / bareLoad.rps).toFixed(2)} of bare`,
      ],
      ["CreateOpportunity (signed per request)", `${fmt(createLoad)}   (${createLoad.total} created)`],
      ["UpdateOpportunity (signed, fetch loop)", `${fmt(updateLoad)}   (${updateLoad.total} updates)`],
      [`cold start → ready line (median of ${STARTS})`, `${percentile(ready, 0.5).toFixed(0)} ms`],
      [`cold start → first signed 200 (median)`, `${percentile(firstOk, 0.5).toFixed(0)} ms`],
      ["idle RSS", `${idleRss.toFixed(1)} MiB`],
      ["RSS after the loads", `${loadedRss.toFixed(1)} MiB`],
    ];
    for (const [k, v] of rows) console.log(`${k.padEnd(44)} ${v}`);
    printListComparison(PAGES, SMALL_ROWS, ROWS, small, large);
  } finally {
    for (const s of servers) await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
