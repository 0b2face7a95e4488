import type { Durability, Store, StoreTx } from "../../../src/store/port.js";

/**
 * A store that counts the records its repositories hand out: every element of a list answer and
 * every record a get finds. A request's count is how much of the data it read, whatever the
 * machine's speed.
 */
export class CountingStore implements Store {
  rowsRead = 0;

  constructor(private readonly inner: Store) {}

  /** Rows read by `fn`. */
  async reads(fn: () => Promise<unknown>): Promise<number> {
    const before = this.rowsRead;
    await fn();
    return this.rowsRead - before;
  }

  open(): Promise<void> {
    return this.inner.open();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
  reset(): Promise<void> {
    return this.inner.reset();
  }
  durability(): Promise<Durability> {
    return this.inner.durability();
  }
  transaction<T>(fn: (tx: StoreTx) => Promise<T>, options?: { readonly?: boolean }): Promise<T> {
    return this.inner.transaction((tx) => fn(this.counted(tx)), options);
  }

  private counted(tx: StoreTx): StoreTx {
    const count = (value: unknown) => {
      if (Array.isArray(value)) this.rowsRead += value.length;
      else if (value !== null && typeof value === "object") this.rowsRead += 1;
      return value;
    };
    const repos = tx as unknown as Record<string, Record<string, unknown>>;
    return Object.fromEntries(
      Object.entries(repos).map(([name, repo]) => [
        name,
        Object.fromEntries(
          Object.entries(repo).map(([method, fn]) => [
            method,
            typeof fn === "function"
              ? async (...args: unknown[]) => count(await (fn as (...a: unknown[]) => unknown)(...args))
              : fn,
          ]),
        ),
      ]),
    ) as unknown as StoreTx;
  }
}
