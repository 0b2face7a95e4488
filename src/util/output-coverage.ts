/**
 * Records which output members the server's answers carried, for the model-coverage check
 * (tools/model-coverage.ts). Off unless PCLOCAL_COVERAGE_DIR names a directory; then each process
 * appends `Operation<TAB>path` lines to its own file there, once per member it sees first.
 */
import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import type { OperationName } from "../model/generated/operations.js";
import { OUTPUT_MEMBERS } from "../model/generated/output-members.js";

export interface OutputCoverage {
  record(operation: OperationName, output: unknown): void;
}

interface Paths {
  members: ReadonlySet<string>;
  /** Paths of maps whose values have members (`X` of `X{}.Y`). */
  maps: ReadonlySet<string>;
}

const pathsByOperation = new Map<OperationName, Paths>();

function pathsOf(operation: OperationName): Paths {
  let paths = pathsByOperation.get(operation);
  if (!paths) {
    const members = new Set(OUTPUT_MEMBERS[operation]);
    const maps = new Set<string>();
    for (const p of members) for (const m of p.matchAll(/\{\}/g)) maps.add(p.slice(0, m.index));
    paths = { members, maps };
    pathsByOperation.set(operation, paths);
  }
  return paths;
}

/** Calls `found` with every member path of the model that `value` holds (null counts as absent). */
export function presentPaths(operation: OperationName, value: unknown, found: (path: string) => void): void {
  const { members, maps } = pathsOf(operation);
  const walk = (v: unknown, prefix: string) => {
    if (v === null || typeof v !== "object") return;
    if (Array.isArray(v)) {
      for (const item of v) walk(item, `${prefix}[]`);
      return;
    }
    const isMap = maps.has(prefix);
    for (const [key, child] of Object.entries(v)) {
      if (child === null || child === undefined) continue;
      if (isMap) {
        walk(child, `${prefix}{}`);
        continue;
      }
      const p = prefix === "" ? key : `${prefix}.${key}`;
      if (!members.has(p)) continue;
      found(p);
      walk(child, p);
    }
  };
  walk(value, "");
}

class FileCoverage implements OutputCoverage {
  private readonly seen = new Set<string>();

  constructor(private readonly file: string) {}

  record(operation: OperationName, output: unknown): void {
    const fresh: string[] = [];
    presentPaths(operation, output, (p) => {
      const line = `${operation}\t${p}\n`;
      if (this.seen.has(line)) return;
      this.seen.add(line);
      fresh.push(line);
    });
    // Synchronous, so a process that is killed loses nothing it already answered.
    if (fresh.length > 0) appendFileSync(this.file, fresh.join(""));
  }
}

const recorders = new Map<string, OutputCoverage>();

/** The recorder writing into `dir` (one per process and directory), or undefined without one. */
export function outputCoverage(dir: string | undefined = process.env.PCLOCAL_COVERAGE_DIR) {
  if (!dir) return undefined;
  const resolved = path.resolve(dir);
  let recorder = recorders.get(resolved);
  if (!recorder) {
    mkdirSync(resolved, { recursive: true });
    recorder = new FileCoverage(path.join(resolved, `${process.pid}.tsv`));
    recorders.set(resolved, recorder);
  }
  return recorder;
}
