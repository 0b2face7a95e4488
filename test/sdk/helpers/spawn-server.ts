import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";

export interface Started {
  child: ChildProcess;
  url: string;
  lines: string[];
  exited: Promise<number | null>;
}

/** `pclocal serve` from the sources, as `npm start` runs it from the build. */
export function serve(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Started> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/bin.ts", "serve", ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready: ${lines.join("\n")}`)), 20_000);
    let stderr = "";
    child.stderr!.on("data", (d) => {
      stderr += d;
    });
    exited.then((code) => reject(new Error(`exited ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      lines.push(line);
      const match = /^pclocal ready on (http:\/\/\S+)$/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, lines, exited });
      }
    });
  });
}
