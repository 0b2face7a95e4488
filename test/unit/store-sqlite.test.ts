import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../src/store/sqlite/migrations.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { storeContract } from "../store/contract.js";

const dir = mkdtempSync(join(tmpdir(), "pclocal-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

async function opened(path: string) {
  const store = new SqliteStore(path);
  await store.open();
  return store;
}

storeContract("sqlite :memory:", async () => ({ store: await opened(":memory:") }));
storeContract("sqlite file", async () => {
  const path = join(dir, `db-${n++}`, "pclocal.db");
  return { store: await opened(path), reopen: () => opened(path) };
});

describe("sqlite migrations", () => {
  it("applies every migration once, in WAL mode", async () => {
    const path = join(dir, "migrations.db");
    const store = await opened(path);
    expect(store.schemaVersion()).toBe(MIGRATIONS.at(-1)!.version);
    await store.close();
    const again = await opened(path);
    expect(again.schemaVersion()).toBe(MIGRATIONS.at(-1)!.version);
    await again.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    expect((raw.prepare("SELECT COUNT(*) AS n FROM schema_migrations").get() as { n: number }).n).toBe(
      MIGRATIONS.length,
    );
    raw.close();
  });
});

describe("sqlite durability", () => {
  it("commits with synchronous=NORMAL by default and FULL when asked, read back from SQLite", async () => {
    const normal = await opened(join(dir, "durability-normal.db"));
    expect(await normal.durability()).toBe("normal");
    await normal.close();

    const path = join(dir, "durability-full.db");
    const full = new SqliteStore(path, { durability: "full" });
    await full.open();
    expect(await full.durability()).toBe("full");
    await full.close();
  });
});
