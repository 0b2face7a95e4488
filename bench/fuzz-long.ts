/**
 * Long model-driven fuzz run: `npx tsx bench/fuzz-long.ts [count] [seed]` (default 1,000,000).
 * Starts its own server (in-memory store), sends `count` cases with the generator and oracle of
 * test/fuzz/, prints progress and final counts, and exits non-zero on any oracle violation.
 */
import { AccountRegistry, DEMO_ACCOUNTS } from "../src/auth/accounts.js";
import { startServer } from "../src/server/server.js";
import { describeViolations, runFuzz, summarize } from "../test/fuzz/runner.js";

const count = Number(process.argv[2] ?? 1_000_000);
const seed = Number(process.argv[3] ?? Date.now() % 2 ** 31);
if (!Number.isInteger(count) || count <= 0) {
  console.error("usage: npx tsx bench/fuzz-long.ts [count] [seed]");
  process.exit(2);
}

const server = await startServer({
  port: 0,
  db: ":memory:",
  adminToken: "fuzz-admin-token",
  accounts: new AccountRegistry([...DEMO_ACCOUNTS]),
  logLevel: "silent",
});
console.log(`fuzz-long: ${count} requests, seed ${seed}, server ${server.url}`);

const stats = await runFuzz({
  url: server.url,
  count,
  seed,
  concurrency: 16,
  keepViolations: 50,
  progressEvery: Math.max(1000, Math.min(50_000, Math.floor(count / 20))),
  onProgress: (done, s) => {
    const rate = done / (s.elapsedMs / 1000);
    console.log(
      `  ${done}/${count} (${((100 * done) / count).toFixed(1)}%) ${rate.toFixed(0)} req/s, violations ${s.violationCount}, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
    );
  },
});
await server.close();

console.log(summarize(stats));
if (stats.violationCount > 0) {
  console.log(`\nfirst violations (seed ${seed}):\n${describeViolations(stats, 20)}`);
  process.exit(1);
}
console.log("no oracle violations");
