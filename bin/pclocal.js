#!/usr/bin/env node
import { existsSync } from "node:fs";

const entry = new URL("../dist/cli/bin.js", import.meta.url);
if (!existsSync(entry)) {
  console.error("pclocal: the build (dist/) is missing; run `npm run build` (`npm install` runs it too)");
  process.exit(1);
}
await import(entry.href);
