/**
 * Renders a ModelDiff as markdown: a summary, the operations, then the shapes grouped by the
 * operations that use them (the groups a maintainer reviews together: a change to a shape every
 * opportunity operation reads sits under those operations).
 */
import type { ModelDiff, ShapeChange } from "./changes.js";

const code = (s: string) => `\`${s}\``;

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function summary(diff: ModelDiff): string {
  const shapes = diff.changes.filter((c) => c.type !== "operation");
  const ops = diff.changes.filter((c) => c.type === "operation");
  const by = (list: ShapeChange[], kind: ShapeChange["kind"]) => list.filter((c) => c.kind === kind);
  const { before, after } = diff.operations;
  const removed = by(shapes, "removed");
  const parts = [
    `${before} → ${count(after, "operation")}`,
    `${count(by(ops, "added").length, "operation")} added, ${by(ops, "removed").length} removed, ${by(ops, "changed").length} changed`,
    `${count(by(shapes, "added").length, "shape")} added, ${removed.length} removed${
      removed.length > 0 && removed.length <= 5 ? ` (${removed.map((c) => code(c.name)).join(", ")})` : ""
    }, ${by(shapes, "changed").length} changed`,
  ];
  return `${parts.join("; ")}.`;
}

function heading(operations: readonly string[]): string {
  return operations.length === 0
    ? "The service, and shapes no operation uses"
    : operations.map(code).join(", ");
}

export function renderMarkdown(diff: ModelDiff, fromLabel: string, toLabel: string): string {
  const out = [`# Model changes: ${code(fromLabel)} → ${code(toLabel)}`, "", summary(diff), ""];
  if (diff.changes.length === 0) {
    out.push("The two models state the same facts.");
    return `${out.join("\n")}\n`;
  }

  out.push("## Operations", "");
  const ops = diff.changes.filter((c) => c.type === "operation");
  if (ops.length === 0) out.push("- No operation added, removed or changed.");
  for (const c of ops) for (const line of c.lines) out.push(`- ${line}`);
  out.push("");

  const groups = new Map<string, { operations: string[]; changes: ShapeChange[] }>();
  for (const c of diff.changes) {
    if (c.type === "operation") continue;
    const operations = diff.usedBy.get(c.id) ?? [];
    const key = operations.join(",");
    const group = groups.get(key) ?? { operations, changes: [] };
    group.changes.push(c);
    groups.set(key, group);
  }
  const ordered = [...groups.values()].sort((a, b) => {
    if (a.operations.length === 0 || b.operations.length === 0)
      return b.operations.length - a.operations.length;
    const x = a.operations.join(",");
    const y = b.operations.join(",");
    return x < y ? -1 : x > y ? 1 : 0;
  });
  for (const group of ordered) {
    out.push(`## ${heading(group.operations)}`, "");
    const kinds: ShapeChange["kind"][] = ["changed", "added", "removed"];
    for (const kind of kinds)
      for (const c of group.changes.filter((x) => x.kind === kind))
        for (const line of c.lines) out.push(`- ${line}`);
    out.push("");
  }
  return `${out.join("\n").trimEnd()}\n`;
}
