import type { Durability, Store } from "./port.js";
import { SqliteStore } from "./sqlite/sqlite-store.js";

/** Opens the store named by `--db`: a SQLite file path or `:memory:`. */
export async function openStore(db: string, options: { durability?: Durability } = {}): Promise<Store> {
  const store = new SqliteStore(db, options);
  await store.open();
  return store;
}
