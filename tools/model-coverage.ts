/**
 * Model coverage: which members of each operation's output the test suite saw in the server's
 * answers, against every member the model defines (src/model/generated/output-members.ts).
 *
 *   npm run model:coverage            run the suite, then check and rewrite docs/model-coverage.md
 *   tsx tools/model-coverage.ts [--dir D] [--exceptions F] [--report F]
 *
 * It reads what the servers recorded under PCLOCAL_COVERAGE_DIR (vitest.config.ts sets it),
 * prints `seen/defined` per operation and exits 1 when a defined member was never seen and is not
 * listed in the exceptions file, or when an exception names a member that was seen or that the
 * model does not define: the file stays short and true. Exception lines are
 * `Operation: path — reason`; a path stands for itself and every member below it.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { OperationName } from "../src/model/generated/operations.js";
import { OUTPUT_MEMBERS } from "../src/model/generated/output-members.js";
import { DEFAULT_COVERAGE_DIR, PROJECT_ROOT } from "./model-file.js";
import { runIfMain } from "./run-if-main.js";

export const DEFAULT_EXCEPTIONS = path.join(PROJECT_ROOT, "test", "model-coverage-exceptions.txt");

export type MemberTable = Readonly<Record<string, readonly string[]>>;

export interface Exception {
  operation: string;
  path: string;
  reason: string;
  line: number;
}

/** `seen` lines (`Operation<TAB>path`) from every file of `dir`. */
export function readSeen(dir: string): Map<string, Set<string>> {
  const seen = new Map<string, Set<string>>();
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith(".tsv")) continue;
    for (const line of readFileSync(path.join(dir, name), "utf8").split("\n")) {
      const tab = line.indexOf("\t");
      if (tab < 0) continue;
      const op = line.slice(0, tab);
      const paths = seen.get(op) ?? new Set<string>();
      paths.add(line.slice(tab + 1));
      seen.set(op, paths);
    }
  }
  return seen;
}

const EXCEPTION = /^(\w+):\s+(\S+)\s+[—-]+\s+(.+)$/;

/** Parses the exceptions file; blank lines and `#` comments are skipped. Throws on a malformed line. */
export function parseExceptions(text: string): Exception[] {
  const out: Exception[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const m = EXCEPTION.exec(line);
    if (!m) throw new Error(`exceptions line ${i + 1}: expected "Operation: path — reason", got ${raw}`);
    out.push({ operation: m[1]!, path: m[2]!, reason: m[3]!.trim(), line: i + 1 });
  });
  return out;
}

/** True when `member` is `root` or lies below it. */
export const under = (member: string, root: string) =>
  member === root || (member.startsWith(root) && /^[.[{]/.test(member.slice(root.length)));

export interface OperationCoverage {
  operation: string;
  defined: number;
  seen: string[];
  /** Unseen members with the exception (`root`, its path) that covers them. */
  excused: { path: string; root: string; reason: string }[];
  /** Unseen members that no exception covers: the check fails on these. */
  uncovered: string[];
}

export interface CoverageResult {
  operations: OperationCoverage[];
  /** Exceptions that name a member that was seen, that the model lacks, or that repeat one. */
  wrongExceptions: string[];
}

export function computeCoverage(
  table: MemberTable,
  seen: ReadonlyMap<string, ReadonlySet<string>>,
  exceptions: readonly Exception[],
): CoverageResult {
  const wrongExceptions: string[] = [];
  const keys = new Set<string>();
  for (const e of exceptions) {
    const where = `line ${e.line}: ${e.operation}: ${e.path}`;
    const defined = table[e.operation];
    if (!defined) wrongExceptions.push(`${where}: no such operation`);
    else if (!defined.includes(e.path))
      wrongExceptions.push(`${where}: the model defines no such output member`);
    else if (seen.get(e.operation)?.has(e.path))
      wrongExceptions.push(`${where}: was seen, remove the exception`);
    const key = `${e.operation}\t${e.path}`;
    if (keys.has(key)) wrongExceptions.push(`${where}: listed twice`);
    keys.add(key);
  }
  const operations = Object.entries(table).map(([operation, defined]) => {
    const saw = seen.get(operation) ?? new Set<string>();
    const mine = exceptions.filter((e) => e.operation === operation);
    const result: OperationCoverage = {
      operation,
      defined: defined.length,
      seen: [],
      excused: [],
      uncovered: [],
    };
    for (const member of defined) {
      if (saw.has(member)) {
        result.seen.push(member);
        continue;
      }
      const excuse = mine.find((e) => under(member, e.path));
      if (excuse) result.excused.push({ path: member, root: excuse.path, reason: excuse.reason });
      else result.uncovered.push(member);
    }
    return result;
  });
  return { operations, wrongExceptions };
}

export function summaryLines(result: CoverageResult): string[] {
  const width = Math.max(...result.operations.map((o) => o.operation.length));
  const lines = result.operations.map((o) => {
    const extra = o.excused.length > 0 ? `  (${o.excused.length} excepted)` : "";
    return `  ${o.operation.padEnd(width)}  ${String(o.seen.length).padStart(3)}/${String(o.defined).padEnd(3)}${extra}`;
  });
  const t = totals(result);
  lines.push(
    `model coverage: ${t.seen}/${t.defined} output members seen, ${t.excused} listed as exceptions, ${t.uncovered} uncovered`,
  );
  return lines;
}

function totals(result: CoverageResult) {
  const sum = (f: (o: OperationCoverage) => number) => result.operations.reduce((n, o) => n + f(o), 0);
  return {
    defined: sum((o) => o.defined),
    seen: sum((o) => o.seen.length),
    excused: sum((o) => o.excused.length),
    uncovered: sum((o) => o.uncovered.length),
  };
}

export function markdownReport(result: CoverageResult): string {
  const t = totals(result);
  const out = [
    "# Model coverage",
    "",
    "Generated by `npm run model:coverage`; do not edit. For each operation, the members of its",
    "output (as the model defines them) that the test suite saw in the server's answers. A member",
    "not seen is listed with its reason from `test/model-coverage-exceptions.txt`.",
    "",
    `**${t.seen} of ${t.defined}** output members seen; ${t.excused} not seen, each with a reason.`,
    "",
    "| operation | seen | defined |",
    "|---|---|---|",
    ...result.operations.map((o) => `| \`${o.operation}\` | ${o.seen.length} | ${o.defined} |`),
  ];
  for (const o of result.operations) {
    if (o.defined === 0) continue;
    out.push("", `## ${o.operation}`, "");
    out.push(o.seen.length > 0 ? `Seen: ${o.seen.map((p) => `\`${p}\``).join(", ")}.` : "Seen: none.");
    if (o.excused.length + o.uncovered.length > 0) {
      out.push("", "Not seen:", "");
      for (const root of new Set(o.excused.map((e) => e.root))) {
        const covered = o.excused.filter((e) => e.root === root);
        const n = covered.length - 1;
        const below = n === 0 ? "" : n === 1 ? " and the member below it" : ` and the ${n} members below it`;
        out.push(`- \`${root}\`${below}: ${covered[0]!.reason}`);
      }
      for (const p of o.uncovered) out.push(`- \`${p}\`: no reason given`);
    }
  }
  return `${out.join("\n")}\n`;
}

function parseArgs(argv: string[]) {
  const args = {
    dir: process.env.PCLOCAL_COVERAGE_DIR ?? DEFAULT_COVERAGE_DIR,
    exceptions: DEFAULT_EXCEPTIONS,
  };
  let report: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = argv[++i];
    if (!value) throw new Error(`${flag} needs a value`);
    if (flag === "--dir") args.dir = path.resolve(value);
    else if (flag === "--exceptions") args.exceptions = path.resolve(value);
    else if (flag === "--report") report = path.resolve(value);
    else
      throw new Error(
        `Unknown argument ${flag} (usage: model-coverage [--dir D] [--exceptions F] [--report F])`,
      );
  }
  return { ...args, report };
}

function main(): number {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(args.dir) || !readdirSync(args.dir).some((f) => f.endsWith(".tsv")))
    throw new Error(`no output members recorded in ${args.dir}: run the test suite first (npx vitest run)`);
  const exceptions = existsSync(args.exceptions)
    ? parseExceptions(readFileSync(args.exceptions, "utf8"))
    : [];
  const result = computeCoverage(
    OUTPUT_MEMBERS as Record<OperationName, readonly string[]>,
    readSeen(args.dir),
    exceptions,
  );
  for (const line of summaryLines(result)) console.log(line);
  if (args.report) {
    writeFileSync(args.report, markdownReport(result));
    console.log(`wrote ${path.relative(PROJECT_ROOT, args.report)}`);
  }
  const exceptionsFile = path.relative(PROJECT_ROOT, args.exceptions);
  const uncovered = result.operations.flatMap((o) => o.uncovered.map((p) => `${o.operation}: ${p}`));
  if (uncovered.length > 0) {
    console.error(
      `\n${uncovered.length} output members were never seen in an answer; test them, or list them in ${exceptionsFile} with a reason:`,
    );
    for (const u of uncovered) console.error(`  ${u}`);
  }
  if (result.wrongExceptions.length > 0) {
    console.error(`\n${exceptionsFile} is out of date:`);
    for (const w of result.wrongExceptions) console.error(`  ${w}`);
  }
  return uncovered.length > 0 || result.wrongExceptions.length > 0 ? 1 : 0;
}

runIfMain(import.meta.url, main);
