import path from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Runs a tool's `main` when its file is the script node was started with (not when a test
 * imports it): the exit code is main's, and a thrown error prints its message and exits 1.
 */
export function runIfMain(moduleUrl: string, main: () => number): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(path.resolve(process.argv[1])).href) return;
  try {
    process.exitCode = main();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  }
}
