import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { validationError } from "../../errors.js";
import type { StoreTx } from "../../store/port.js";
import type { KeysetCursor } from "../../store/records.js";
import { sha256Hex, stableStringify } from "../../util/stable-json.js";

const META_KEY = "page-token-key";

/**
 * Opaque, tamper-evident NextTokens. A token holds where the previous page ended (keyset) and a
 * MAC over it and its scope — operation, account, catalog and the query's filters — so a forged
 * token, or one from another account, operation or query, is refused.
 */
export class PageTokens {
  constructor(private readonly key: Buffer) {}

  /** The key kept with the data, so tokens outlive a restart of the server. */
  static async load(tx: StoreTx): Promise<PageTokens> {
    let key = await tx.meta.get(META_KEY);
    if (!key) {
      key = randomBytes(32).toString("base64");
      await tx.meta.put(META_KEY, key);
    }
    return new PageTokens(Buffer.from(key, "base64"));
  }

  issue(scope: string, cursor: KeysetCursor): string {
    const body = Buffer.from(JSON.stringify([cursor.sort, cursor.id])).toString("base64url");
    return `${body}.${this.mac(scope, body)}`;
  }

  read(scope: string, token: string): KeysetCursor {
    const [body, mac] = token.split(".");
    if (body && mac) {
      const expected = Buffer.from(this.mac(scope, body));
      const given = Buffer.from(mac);
      if (given.length === expected.length && timingSafeEqual(expected, given)) {
        const [sort, id] = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as [number, string];
        return { sort, id };
      }
    }
    throw validationError([
      { FieldName: "nextToken", Message: "The NextToken is invalid or expired.", Code: "INVALID_VALUE" },
    ]);
  }

  private mac(scope: string, body: string): string {
    return createHmac("sha256", this.key).update(scope).update("\n").update(body).digest("base64url");
  }
}

/** The scope a token is bound to: who asked, where, and with which filters (not the page size). */
export function pageScope(operation: string, account: string, catalog: string, input: object): string {
  const { NextToken: _t, MaxResults: _m, ...query } = input as Record<string, unknown>;
  return `${operation}|${account}|${catalog}|${sha256Hex(stableStringify(query))}`;
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/** Fetches one more than a page to learn whether another page follows. */
export async function keysetPage<T>(
  tokens: PageTokens,
  scope: string,
  nextToken: string | undefined,
  limit: number,
  fetch: (after: KeysetCursor | undefined, limit: number) => Promise<T[]>,
  cursorOf: (item: T) => KeysetCursor,
): Promise<Page<T>> {
  const after = nextToken === undefined ? undefined : tokens.read(scope, nextToken);
  const rows = await fetch(after, limit + 1);
  if (rows.length <= limit) return { items: rows };
  const items = rows.slice(0, limit);
  return { items, nextToken: tokens.issue(scope, cursorOf(items[items.length - 1]!)) };
}

/** The order of two keyset positions: by sort value, then id, in the given direction. */
export function compareCursors(a: KeysetCursor, b: KeysetCursor, order: "ASCENDING" | "DESCENDING"): number {
  const direction = order === "ASCENDING" ? 1 : -1;
  return direction * (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * One keyset page of a small, fixed set of items held in memory (e.g. a catalog's default
 * solutions): those after `after` in `order` by (sort value, id), at most `limit`. Anything that
 * grows with an account's data pages in the store instead.
 */
export function pageInMemory<T>(
  items: readonly T[],
  cursorOf: (item: T) => KeysetCursor,
  order: "ASCENDING" | "DESCENDING",
  after: KeysetCursor | undefined,
  limit: number,
): T[] {
  return items
    .filter((item) => !after || compareCursors(cursorOf(item), after, order) > 0)
    .sort((a, b) => compareCursors(cursorOf(a), cursorOf(b), order))
    .slice(0, limit);
}
