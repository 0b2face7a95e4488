/**
 * Page latency of ListEngagementInvitations at two table sizes (default 10k and 1M invitations
 * received by one partner), through signed HTTP requests to a server on the seeded file.
 * `npx tsx bench/list-invitations.ts [small] [large]`; BENCH_PAGES sets the samples per case.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnServer } from "./lib/child-server.js";
import { seedInvitations } from "./lib/seed-invitations.js";
import { signedRequest } from "./lib/signed.js";

const SIZES = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const [SMALL, LARGE] = SIZES.length === 2 ? SIZES : [10_000, 1_000_000];
const PAGES = Number(process.env.BENCH_PAGES ?? 300);

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)]!;

async function timedCall(url: string, input: Record<string, unknown>) {
  const { headers, body } = await signedRequest(url, "ListEngagementInvitations", input);
  const started = performance.now();
  const res = await fetch(`${url}/`, { method: "POST", headers, body });
  const json = (await res.json()) as { NextToken?: string; EngagementInvitationSummaries?: unknown[] };
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`ListEngagementInvitations: ${res.status} ${JSON.stringify(json)}`);
  return { ms, json };
}

interface CaseResult {
  firstPage: number[];
  deepPage: number[];
  filtered: number[];
}

async function measure(size: number): Promise<CaseResult> {
  const dir = mkdtempSync(join(tmpdir(), "pclocal-bench-"));
  const db = join(dir, "bench.db");
  try {
    await seedInvitations(db, size);
    const server = await spawnServer("bin/pclocal.js", [
      "serve",
      "--port",
      "0",
      "--db",
      db,
      "--log-level",
      "silent",
    ]);
    const base = { Catalog: "Sandbox", ParticipantType: "RECEIVER", MaxResults: 20 };
    const result: CaseResult = { firstPage: [], deepPage: [], filtered: [] };
    for (let i = 0; i < 20; i++) await timedCall(server.url, base); // warm up
    for (let i = 0; i < PAGES; i++) result.firstPage.push((await timedCall(server.url, base)).ms);
    // Walk forward through the table: every page after the first resumes from a NextToken.
    let token: string | undefined;
    for (let i = 0; i < PAGES; i++) {
      const { ms, json } = await timedCall(server.url, { ...base, NextToken: token });
      if (token) result.deepPage.push(ms);
      token = json.NextToken;
    }
    const filter = { ...base, Status: ["PENDING"], PayloadType: ["LeadInvitation"] };
    for (let i = 0; i < PAGES; i++) result.filtered.push((await timedCall(server.url, filter)).ms);
    await server.stop();
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const small = await measure(SMALL!);
  const large = await measure(LARGE!);
  const row = (label: string, a: number[], b: number[]) => {
    const [a50, b50] = [percentile(a, 0.5), percentile(b, 0.5)];
    console.log(
      `${label.padEnd(34)} ${a50.toFixed(2).padStart(7)} ms ${percentile(a, 0.99).toFixed(2).padStart(7)} ms` +
        ` ${b50.toFixed(2).padStart(7)} ms ${percentile(b, 0.99).toFixed(2).padStart(7)} ms   ×${(b50 / a50).toFixed(2)}`,
    );
  };
  console.log(`\nListEngagementInvitations page latency (MaxResults 20, ${PAGES} requests per case)\n`);
  console.log(
    `${"".padEnd(34)} ${`${SMALL} p50`.padStart(10)} ${"p99".padStart(10)} ${`${LARGE} p50`.padStart(10)} ${"p99".padStart(10)}   ratio`,
  );
  row("first page, newest first", small.firstPage, large.firstPage);
  row("following pages (NextToken)", small.deepPage, large.deepPage);
  row("filtered (PENDING, leads)", small.filtered, large.filtered);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
