/**
 * Platform numbers: startup to the ready line, idle RSS, and signed GetEngagement throughput next
 * to a bare node:http server measured in the same run. Run with `npm run bench`
 * (BENCH_SECONDS, BENCH_CONNECTIONS and BENCH_STARTS tune it).
 */
import autocannon from "autocannon";
import { spawnServer } from "./lib/child-server.js";
import { call, signedRequest } from "./lib/signed.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const STARTS = Number(process.env.BENCH_STARTS ?? 5);
const PCLOCAL = "bin/pclocal.js";
const SERVE = ["serve", "--port", "0", "--db", ":memory:", "--log-level", "silent"];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function load(url: string, headers: Record<string, string>, body: string) {
  const result = await autocannon({
    url: `${url}/`,
    method: "POST",
    headers,
    body,
    connections: CONNECTIONS,
    duration: SECONDS,
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  }
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

async function main() {
  const startups: number[] = [];
  const idle: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const s = await spawnServer(PCLOCAL, SERVE);
    startups.push(s.startupMs);
    await new Promise((r) => setTimeout(r, 500));
    idle.push(s.rssMb());
    await s.stop();
  }

  const bare = await spawnServer("--import=tsx", ["bench/lib/bare-server.ts"]);
  const pclocal = await spawnServer(PCLOCAL, SERVE);
  const created = await call(pclocal.url, "CreateEngagement", {
    Catalog: "Sandbox",
    ClientToken: "bench",
    Title: "Bench engagement",
    Description: "measured",
  });
  const get = await signedRequest(pclocal.url, "GetEngagement", {
    Catalog: "Sandbox",
    Identifier: created.Id,
  });

  const baseline = await load(bare.url, { "content-type": "application/x-amz-json-1.0" }, get.body);
  const signed = await load(pclocal.url, get.headers, get.body);
  const loadedRss = pclocal.rssMb();
  await Promise.all([bare.stop(), pclocal.stop()]);

  const rows = [
    [`startup to ready line (median of ${STARTS})`, `${median(startups).toFixed(0)} ms`],
    ["idle RSS (median)", `${median(idle).toFixed(1)} MiB`],
    ["RSS after load", `${loadedRss.toFixed(1)} MiB`],
    ["bare node:http", `${baseline.rps.toFixed(0)} req/s  p50 ${baseline.p50} ms  p99 ${baseline.p99} ms`],
    ["signed GetEngagement", `${signed.rps.toFixed(0)} req/s  p50 ${signed.p50} ms  p99 ${signed.p99} ms`],
    ["ratio GetEngagement / bare", `${(signed.rps / baseline.rps).toFixed(2)}`],
  ];
  console.log(`\npartnercentral-local platform bench (${CONNECTIONS} connections, ${SECONDS} s per run)\n`);
  for (const [k, v] of rows) console.log(`${k!.padEnd(40)} ${v}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
