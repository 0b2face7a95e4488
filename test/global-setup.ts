/**
 * Runs once before the test files. Says in one line which model-reading tests a clone without
 * the model skips, and why (under PCLOCAL_REQUIRE_MODEL a missing model fails the run here), and
 * empties the directory where the servers record the output members they answer.
 */
import { mkdirSync, rmSync } from "node:fs";
import { DEFAULT_COVERAGE_DIR, KNOWN_REFRESH, modelSkipReason, skipReason } from "../tools/model-file.js";

export default function setup(): void {
  const skipped = [
    modelSkipReason("model tests"),
    skipReason(
      "model-diff test of the 2026-11 refresh",
      [KNOWN_REFRESH.from, KNOWN_REFRESH.to],
      "it needs both models",
    ),
  ];
  for (const line of skipped) if (line) console.log(line);
  const coverageDir = process.env.PCLOCAL_COVERAGE_DIR ?? DEFAULT_COVERAGE_DIR; // as vitest.config.ts
  rmSync(coverageDir, { recursive: true, force: true });
  mkdirSync(coverageDir, { recursive: true });
}
