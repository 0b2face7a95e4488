import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const config = require("../../.dependency-cruiser.cjs") as {
  forbidden: { name: string; from: { path?: string }; to: { path?: string } }[];
};
const src = new URL("../../src/", import.meta.url);
const rooms = readdirSync(src, { withFileTypes: true }).map((e) =>
  e.isDirectory() ? `src/${e.name}/` : `src/${e.name}`,
);
const upward = config.forbidden.filter((r) => r.name.startsWith("no-upward-from-"));

/** The floor of each room: how many upward rules name it on their `from` side, counted from the top. */
const floorOf = (room: string) => upward.findIndex((r) => new RegExp(r.from.path!).test(room)) + 1;

describe("the house rules for imports", () => {
  it("puts every room of src/ on one floor", () => {
    for (const room of rooms) {
      const froms = upward.filter((r) => new RegExp(r.from.path!).test(room)).length;
      const top =
        !upward.some((r) => new RegExp(r.from.path!).test(room)) &&
        upward.some((r) => new RegExp(r.to.path!).test(room));
      expect(`${room}: ${froms === 1 || top}`).toBe(`${room}: true`);
    }
  });

  it("matches the floors docs/architecture.md lists", () => {
    const doc = readFileSync(new URL("../../docs/architecture.md", import.meta.url), "utf8");
    const listed = new Map<string, number>();
    for (const m of doc.matchAll(/^\| (\d+) \| (.+?) \| /gm)) {
      for (const name of m[2]!.matchAll(/`src\/([^`]+)`/g)) listed.set(`src/${name[1]}`, Number(m[1]));
    }
    for (const room of rooms) expect(`${room}: ${listed.get(room)}`).toBe(`${room}: ${floorOf(room) + 1}`);
  });
});
