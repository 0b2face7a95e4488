/**
 * Amounts as the model writes them (`MonetaryAmount`, `MonetaryValue.Amount`: up to 31 integer
 * digits and 2 decimals), handled as whole cents so sums and shares stay exact.
 */

/** `"25000.5"` → 2500050n; undefined unless a model amount. */
export function cents(amount: unknown): bigint | undefined {
  const m = typeof amount === "string" ? /^(0|[1-9][0-9]{0,30})(?:\.([0-9]{0,2}))?$/.exec(amount) : null;
  if (!m) return undefined;
  return BigInt(m[1]!) * 100n + BigInt((m[2] ?? "").padEnd(2, "0"));
}

/** The largest amount the model's amounts hold (31 integer digits). */
export const MAX_CENTS = 10n ** 33n - 1n;

/** 2500050n → `"25000.50"`, capped at the largest model amount. */
export const amountOf = (c: bigint): string => {
  const capped = c > MAX_CENTS ? MAX_CENTS : c < 0n ? 0n : c;
  return `${capped / 100n}.${String(capped % 100n).padStart(2, "0")}`;
};
