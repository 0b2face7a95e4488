/**
 * Page latency of ListEngagementInvitations at two table sizes (default 10k and 1M invitations
 * received by one partner), through signed HTTP requests to a server on the seeded file.
 * `npx tsx bench/list-invitations.ts [small] [large]`; BENCH_PAGES sets the samples per case.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnServer } from "./lib/child-server.js";
import { type ListPageResult, measureListPages, printListComparison } from "./lib/list-pages.js";
import { seedInvitations } from "./lib/seed-invitations.js";

const SIZES = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const [SMALL, LARGE] = SIZES.length === 2 ? SIZES : [10_000, 1_000_000];
const PAGES = Number(process.env.BENCH_PAGES ?? 300);

async function measure(size: number): Promise<ListPageResult> {
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
    const result = await measureListPages(server.url, PAGES);
    await server.stop();
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const small = await measure(SMALL!);
  const large = await measure(LARGE!);
  printListComparison(PAGES, SMALL!, LARGE!, small, large);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
