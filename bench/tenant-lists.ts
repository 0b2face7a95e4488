/**
 * One tenant must not slow another: a light tenant's ListSolutions and
 * ListProspectingFromEngagementTasks page latency on a store where it is alone, and on one where a
 * heavy tenant holds BENCH_HEAVY (100,000) solutions and as many prospecting tasks; and the heavy
 * tenant's own first and deeper pages. Printed, never asserted.
 *
 *   npm run bench:tenants          (BENCH_HEAVY=20000 BENCH_PAGES=100 for a quick run)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_ACCOUNTS } from "../src/auth/accounts.js";
import { SqliteStore } from "../src/store/sqlite/sqlite-store.js";
import { spawnServer } from "./lib/child-server.js";
import { percentile } from "./lib/list-pages.js";
import { progressBar } from "./lib/progress.js";
import { seedProspectingTasks, seedSolutions } from "./lib/seed-tenants.js";
import { signedRequest } from "./lib/signed.js";

const HEAVY = Number(process.env.BENCH_HEAVY ?? 100_000);
const LIGHT = Number(process.env.BENCH_LIGHT ?? 50);
const PAGES = Number(process.env.BENCH_PAGES ?? 300);
const [HEAVY_ACCOUNT, LIGHT_ACCOUNT] = [DEMO_ACCOUNTS[0]!, DEMO_ACCOUNTS[1]!];

type Account = typeof HEAVY_ACCOUNT;

async function seed(path: string, withHeavy: boolean): Promise<void> {
  const store = new SqliteStore(path);
  await store.open();
  await seedSolutions(store, LIGHT_ACCOUNT.awsAccountId, LIGHT);
  await seedProspectingTasks(store, LIGHT_ACCOUNT.awsAccountId, LIGHT);
  if (withHeavy) {
    const tick = progressBar(`seeding ${HEAVY} solutions and ${HEAVY} prospecting tasks`, 2 * HEAVY);
    await seedSolutions(store, HEAVY_ACCOUNT.awsAccountId, HEAVY, { progress: tick });
    await seedProspectingTasks(store, HEAVY_ACCOUNT.awsAccountId, HEAVY, {
      progress: (n) => tick(HEAVY + n),
    });
  }
  await store.close();
}

async function timed(url: string, operation: string, input: Record<string, unknown>, account: Account) {
  const { headers, body } = await signedRequest(url, operation, input, account);
  const started = performance.now();
  const res = await fetch(`${url}/`, { method: "POST", headers, body });
  const json = (await res.json()) as { NextToken?: string };
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`${operation}: ${res.status} ${JSON.stringify(json)}`);
  return { ms, json };
}

interface Case {
  label: string;
  operation: string;
  input: Record<string, unknown>;
  account: Account;
  /** Follow NextToken from page to page instead of asking for the first page again. */
  deep?: boolean;
}

async function measure(url: string, c: Case): Promise<number[]> {
  const input = { Catalog: "Sandbox", MaxResults: 20, ...c.input };
  for (let i = 0; i < 20; i++) await timed(url, c.operation, input, c.account); // warm up
  const samples: number[] = [];
  let token: string | undefined;
  for (let i = 0; i < PAGES; i++) {
    const { ms, json } = await timed(
      url,
      c.operation,
      c.deep ? { ...input, NextToken: token } : input,
      c.account,
    );
    if (!c.deep || token) samples.push(ms);
    token = json.NextToken;
  }
  return samples;
}

const LIGHT_CASES: Case[] = [
  { label: "ListSolutions", operation: "ListSolutions", input: {}, account: LIGHT_ACCOUNT },
  {
    label: "ListSolutions by Name",
    operation: "ListSolutions",
    input: { Sort: { SortBy: "Name", SortOrder: "ASCENDING" } },
    account: LIGHT_ACCOUNT,
  },
  {
    label: "ListProspectingFromEngagementTasks",
    operation: "ListProspectingFromEngagementTasks",
    input: {},
    account: LIGHT_ACCOUNT,
  },
  {
    label: "ListProspecting… by TaskName",
    operation: "ListProspectingFromEngagementTasks",
    input: { Sort: { SortBy: "TaskName", SortOrder: "ASCENDING" } },
    account: LIGHT_ACCOUNT,
  },
];

const HEAVY_CASES: Case[] = [
  { label: "heavy: ListSolutions first page", operation: "ListSolutions", input: {}, account: HEAVY_ACCOUNT },
  {
    label: "heavy: ListSolutions following pages",
    operation: "ListSolutions",
    input: { Sort: { SortBy: "Name", SortOrder: "ASCENDING" } },
    account: HEAVY_ACCOUNT,
    deep: true,
  },
  {
    label: "heavy: ListProspecting… first page",
    operation: "ListProspectingFromEngagementTasks",
    input: {},
    account: HEAVY_ACCOUNT,
  },
  {
    label: "heavy: ListProspecting… following pages",
    operation: "ListProspectingFromEngagementTasks",
    input: { Sort: { SortBy: "FailedEngagementCount", SortOrder: "DESCENDING" } },
    account: HEAVY_ACCOUNT,
    deep: true,
  },
];

async function serveOn(db: string) {
  return spawnServer("bin/pclocal.js", ["serve", "--port", "0", "--db", db, "--log-level", "silent"]);
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "pclocal-bench-tenants-"));
  try {
    const alone = join(dir, "alone.db");
    const beside = join(dir, "beside.db");
    await seed(alone, false);
    await seed(beside, true);

    // Both servers run side by side and each case is measured on one then the other, so warm-up
    // and machine load fall on both alike.
    const results = new Map<string, { alone?: number[]; beside: number[] }>();
    const a = await serveOn(alone);
    const b = await serveOn(beside);
    for (const c of LIGHT_CASES) {
      const aloneMs = await measure(a.url, c);
      results.set(c.label, { alone: aloneMs, beside: await measure(b.url, c) });
    }
    for (const c of HEAVY_CASES) results.set(c.label, { beside: await measure(b.url, c) });
    await a.stop();
    await b.stop();

    const ms = (xs: number[]) =>
      `${percentile(xs, 0.5).toFixed(2).padStart(7)} ms ${percentile(xs, 0.99).toFixed(2).padStart(7)} ms`;
    console.log(
      `\nLight tenant (${LIGHT} solutions, ${LIGHT} tasks) alone vs beside a heavy tenant (${HEAVY} of each); MaxResults 20, ${PAGES} requests per case\n`,
    );
    console.log(
      `${"".padEnd(40)} ${"alone p50".padStart(10)} ${"p99".padStart(10)} ${"beside p50".padStart(10)} ${"p99".padStart(10)}   ratio`,
    );
    for (const c of LIGHT_CASES) {
      const r = results.get(c.label)!;
      const ratio = percentile(r.beside, 0.5) / percentile(r.alone!, 0.5);
      console.log(`${c.label.padEnd(40)} ${ms(r.alone!)} ${ms(r.beside)}   ×${ratio.toFixed(2)}`);
    }
    console.log("");
    const base = percentile(results.get("ListSolutions")!.alone!, 0.5);
    for (const c of HEAVY_CASES) {
      const r = results.get(c.label)!;
      console.log(
        `${c.label.padEnd(40)} ${"".padStart(21)} ${ms(r.beside)}   ×${(percentile(r.beside, 0.5) / base).toFixed(2)} of the light tenant's ListSolutions alone`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
