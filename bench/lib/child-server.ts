import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";

export interface ChildServer {
  url: string;
  pid: number;
  /** Milliseconds from spawn to the ready line. */
  startupMs: number;
  rssMb(): number;
  stop(): Promise<void>;
}

/** Spawns `node <script> ...args` and waits for a line `... ready on http://HOST:PORT`. */
export function spawnServer(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<ChildServer> {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [script, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`${script} did not become ready`)), 30_000);
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
    lines.on("line", (line) => {
      const match = /ready on (http:\/\/\S+)/.exec(line);
      if (!match) return;
      clearTimeout(timer);
      const startupMs = performance.now() - started;
      child.stdout!.resume();
      resolve({
        url: match[1]!,
        pid: child.pid!,
        startupMs,
        rssMb: () => rssOf(child.pid!),
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners("exit");
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    });
  });
}

/** Resident set size of a process in MiB, from /proc. */
export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}
