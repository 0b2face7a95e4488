/**
 * Prints, as markdown, what changed between two Smithy JSON AST models of the service:
 *
 *   npm run model:diff -- OLD.json NEW.json [--out FILE]
 *
 * Use it before adopting a newer model from AWS (README, "Following AWS"): every operation,
 * shape, member, enum value and constraint that differs, grouped by the operations that use it.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { loadModel } from "./codegen.js";
import { diffModels } from "./model-diff/changes.js";
import { renderMarkdown } from "./model-diff/markdown.js";
import { runIfMain } from "./run-if-main.js";

export function modelDiffMarkdown(oldFile: string, newFile: string): string {
  const diff = diffModels(loadModel(oldFile), loadModel(newFile));
  return renderMarkdown(diff, path.basename(oldFile), path.basename(newFile));
}

function main(argv: string[]): number {
  const files: string[] = [];
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out") out = argv[++i];
    else files.push(argv[i]!);
  }
  if (files.length !== 2 || (out !== undefined && out === "")) {
    console.error("usage: npm run model:diff -- OLD.json NEW.json [--out FILE]");
    return 2;
  }
  const markdown = modelDiffMarkdown(files[0]!, files[1]!);
  if (out) writeFileSync(out, markdown);
  else process.stdout.write(markdown);
  return 0;
}

runIfMain(import.meta.url, () => main(process.argv.slice(2)));
