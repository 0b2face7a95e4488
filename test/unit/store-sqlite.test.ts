import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../src/store/sqlite/migrations.js";
import { sqliteRepositories } from "../../src/store/sqlite/sqlite-repos.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { STATEMENT_CACHE_SIZE, StatementCache } from "../../src/store/sqlite/statement-cache.js";
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

/** The repositories over a fresh schema, remembering the SQL of the last statement they used. */
function recordingRepositories() {
  const db = new Database(":memory:");
  for (const step of MIGRATIONS) db.exec(step.sql);
  class Recording extends StatementCache {
    last = "";
    override prepare(sql: string) {
      this.last = sql;
      return super.prepare(sql);
    }
  }
  const statements = new Recording(db);
  const plan = () => {
    const params = (statements.last.match(/\?/g) ?? []).map(() => "x");
    return (db.prepare(`EXPLAIN QUERY PLAN ${statements.last}`).all(...params) as { detail: string }[]).map(
      (row) => row.detail,
    );
  };
  return { repos: sqliteRepositories(statements), plan };
}

describe("sqlite list plans", () => {
  const ORDERS = ["ASCENDING", "DESCENDING"] as const;
  const after = { sort: 1, id: "x" };

  /** One index search that starts at the keyset position and needs no sort of its own. */
  const expectKeysetSearch = (plan: string[], index: RegExp) => {
    expect(plan).toHaveLength(1);
    expect(plan[0]).toMatch(index);
    expect(plan[0]).toMatch(/(\(\w+,id\)|id)[<>]/);
  };

  it("pages prospecting tasks along an index in each sort, from where the last page ended", async () => {
    const { repos, plan } = recordingRepositories();
    const indexes = {
      startTime: /USING INDEX tasks_by_account/,
      name: /USING INDEX tasks_by_name/,
      failedCount: /USING INDEX tasks_by_failed_count/,
    } as const;
    for (const sortBy of ["startTime", "name", "failedCount"] as const) {
      for (const order of ORDERS) {
        await repos.tasks.list({
          catalog: "Sandbox",
          kind: "ProspectingFromEngagement",
          accountId: "111122223333",
          sortBy,
          order,
          after,
          limit: 21,
        });
        expectKeysetSearch(plan(), indexes[sortBy]);
      }
    }
  });

  it("pages solutions along an index in each sort, from where the last page ended", async () => {
    const { repos, plan } = recordingRepositories();
    const indexes = {
      id: /USING PRIMARY KEY/,
      name: /USING INDEX solutions_by_name/,
      status: /USING INDEX solutions_by_status/,
      category: /USING INDEX solutions_by_category/,
      createdAt: /USING INDEX solutions_by_created/,
    } as const;
    for (const sortBy of ["id", "name", "status", "category", "createdAt"] as const) {
      for (const order of ORDERS) {
        await repos.solutions.list({
          catalog: "Sandbox",
          ownerAccountId: "111122223333",
          sortBy,
          order,
          after,
          limit: 21,
        });
        expectKeysetSearch(plan(), indexes[sortBy]);
      }
    }
  });

  it("finds opportunities due for auto-review along their submission index", async () => {
    const { repos, plan } = recordingRepositories();
    await repos.opportunities.awaitingReview(1_000, { submittedAt: 1, catalog: "AWS", id: "O1" }, 100);
    expect(plan()).toEqual([
      expect.stringMatching(
        /USING INDEX opportunities_awaiting_review \(\(submitted_at,catalog,id\)>\(\?,\?,\?\) AND submitted_at<\?\)/,
      ),
    ]);
  });

  it("looks identifiers up by key", async () => {
    const { repos, plan } = recordingRepositories();
    await repos.solutions.list({
      catalog: "Sandbox",
      ownerAccountId: "111122223333",
      ids: ["S-1", "S-2"],
      sortBy: "name",
      order: "ASCENDING",
      limit: 21,
    });
    expect(plan()[0]).toMatch(/USING PRIMARY KEY \(catalog=\? AND owner_account_id=\? AND id=\?\)/);
    await repos.tasks.list({
      catalog: "Sandbox",
      kind: "ProspectingFromEngagement",
      accountId: "111122223333",
      ids: ["task-1"],
      order: "DESCENDING",
      limit: 21,
    });
    expect(plan()[0]).toMatch(/USING PRIMARY KEY \(catalog=\? AND id=\?\)/);
  });
});

describe("sqlite statement cache", () => {
  it(`keeps at most ${STATEMENT_CACHE_SIZE} prepared statements whatever filters clients combine`, async () => {
    const store = await opened(":memory:");
    await store.transaction(async (tx) => {
      await tx.tasks.put({
        catalog: "Sandbox",
        id: "task-kept",
        kind: "OpportunityFromEngagement",
        accountId: "111122223333",
        startTime: 1,
        status: "COMPLETE",
        engagementId: "eng-1",
        doc: {},
      });
    });
    let shapes = 0;
    for (let ids = 1; ids <= 40; ids++) {
      for (let statuses = 1; statuses <= 5; statuses++) {
        for (let engagements = 1; engagements <= 15; engagements++) {
          const found = await store.transaction(
            (tx) =>
              tx.tasks.list({
                catalog: "Sandbox",
                kind: "OpportunityFromEngagement",
                accountId: "111122223333",
                ids: ["task-kept", ...Array.from({ length: ids - 1 }, (_, i) => `task-${i}`)],
                statuses: ["COMPLETE", ...Array.from({ length: statuses - 1 }, (_, i) => `S${i}`)],
                engagementIds: ["eng-1", ...Array.from({ length: engagements - 1 }, (_, i) => `eng-x${i}`)],
                order: "DESCENDING",
                limit: 10,
              }),
            { readonly: true },
          );
          expect(found.map((t) => t.id)).toEqual(["task-kept"]);
          shapes++;
          expect(store.statementCacheSize()).toBeLessThanOrEqual(STATEMENT_CACHE_SIZE);
        }
      }
    }
    expect(shapes).toBe(3_000);
    expect(store.statementCacheSize()).toBe(STATEMENT_CACHE_SIZE);
    // Statements dropped from the cache are prepared again when they come back.
    expect((await store.transaction((tx) => tx.tasks.get("Sandbox", "task-kept")))?.id).toBe("task-kept");
    await store.close();
  });

  it("drops the least recently used statement first", () => {
    const db = new Database(":memory:");
    const cache = new StatementCache(db, 2);
    const a = cache.prepare("SELECT 1");
    cache.prepare("SELECT 2");
    expect(cache.prepare("SELECT 1")).toBe(a); // now the most recent
    cache.prepare("SELECT 3"); // drops SELECT 2
    expect(cache.size).toBe(2);
    expect(cache.prepare("SELECT 1")).toBe(a);
    db.close();
  });
});

describe("sqlite migration 4", () => {
  it("moves solutions into their table and indexes existing prospecting tasks' names and counts", async () => {
    const path = join(dir, "v3.db");
    const raw = new Database(path);
    raw.exec(
      "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)",
    );
    for (const step of MIGRATIONS.filter((m) => m.version <= 3)) {
      raw.exec(step.sql);
      raw.prepare("INSERT INTO schema_migrations VALUES (?, ?, 0)").run(step.version, step.name);
    }
    const oldSolution = {
      kind: "solution",
      catalog: "Sandbox",
      id: "111122223333/S-7000001",
      ownerAccountId: "111122223333",
      status: "Active",
      createdAt: 42,
      sortKey: "Kept",
      doc: {
        Id: "S-7000001",
        Name: "Kept",
        Status: "Active",
        Category: "Managed Service",
        AwsMarketplaceSolutionArn: "arn:aws:aws-marketplace:us-east-1:111122223333:AWSMarketplace/Solution/s",
      },
    };
    raw
      .prepare(
        "INSERT INTO resources (kind, catalog, id, owner_account_id, status, created_at, sort_key, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      )
      .run(
        "solution",
        "Sandbox",
        oldSolution.id,
        oldSolution.ownerAccountId,
        "Active",
        42,
        "Kept",
        JSON.stringify(oldSolution),
      );
    const oldTask = {
      catalog: "Sandbox",
      id: "task-00000000000001",
      kind: "ProspectingFromEngagement",
      accountId: "111122223333",
      startTime: 7,
      status: "COMPLETE",
      doc: { TaskId: "task-00000000000001", TaskName: "Old task", FailedEngagementCount: 3 },
    };
    raw
      .prepare(
        "INSERT INTO tasks (catalog, id, kind, account_id, start_time, status, doc) VALUES (?, ?, ?, ?, ?, ?, ?)",
      )
      .run("Sandbox", oldTask.id, oldTask.kind, oldTask.accountId, 7, "COMPLETE", JSON.stringify(oldTask));
    raw.close();

    const store = await opened(path);
    expect(store.schemaVersion()).toBe(MIGRATIONS.at(-1)!.version);
    await store.transaction(async (tx) => {
      expect(await tx.solutions.get("Sandbox", "111122223333", "S-7000001")).toEqual({
        catalog: "Sandbox",
        ownerAccountId: "111122223333",
        id: "S-7000001",
        name: "Kept",
        status: "Active",
        category: "Managed Service",
        createdAt: 42,
        awsMarketplaceSolutionArn: oldSolution.doc.AwsMarketplaceSolutionArn,
      });
      expect(await tx.resources.get("solution", "Sandbox", oldSolution.id)).toBeUndefined();
      const [task] = await tx.tasks.list({
        catalog: "Sandbox",
        kind: "ProspectingFromEngagement",
        accountId: "111122223333",
        names: ["Old task"],
        sortBy: "failedCount",
        order: "ASCENDING",
        limit: 5,
      });
      expect(task).toMatchObject({ id: oldTask.id, name: "Old task", failedCount: 3 });
    });
    await store.close();
  });
});

describe("sqlite store open", () => {
  it("refuses a database of a newer schema and leaves it as it was", async () => {
    const path = join(dir, "future.db");
    const store = await opened(path);
    await store.close();
    const raw = new Database(path);
    raw.prepare("INSERT INTO schema_migrations VALUES (1000, 'from the future', 0)").run();
    raw.close();
    await expect(opened(path)).rejects.toThrow(
      /newer version of pclocal \(schema 1000; this one knows up to \d+\)/,
    );
  });
});
