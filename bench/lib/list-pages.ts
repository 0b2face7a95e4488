import { signedRequest } from "./signed.js";

export const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)]!;

async function timedCall(url: string, input: Record<string, unknown>) {
  const { headers, body } = await signedRequest(url, "ListEngagementInvitations", input);
  const started = performance.now();
  const res = await fetch(`${url}/`, { method: "POST", headers, body });
  const json = (await res.json()) as { NextToken?: string; EngagementInvitationSummaries?: unknown[] };
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`ListEngagementInvitations: ${res.status} ${JSON.stringify(json)}`);
  return { ms, json };
}

export interface ListPageResult {
  firstPage: number[];
  deepPage: number[];
  filtered: number[];
}

/**
 * Latencies of ListEngagementInvitations pages (MaxResults 20) received by Partner A on a running
 * server: the first page, `pages` following pages by NextToken, and a filtered first page.
 */
export async function measureListPages(url: string, pages: number): Promise<ListPageResult> {
  const base = { Catalog: "Sandbox", ParticipantType: "RECEIVER", MaxResults: 20 };
  const result: ListPageResult = { firstPage: [], deepPage: [], filtered: [] };
  for (let i = 0; i < 20; i++) await timedCall(url, base); // warm up
  for (let i = 0; i < pages; i++) result.firstPage.push((await timedCall(url, base)).ms);
  // Walk forward through the table: every page after the first resumes from a NextToken.
  let token: string | undefined;
  for (let i = 0; i < pages; i++) {
    const { ms, json } = await timedCall(url, { ...base, NextToken: token });
    if (token) result.deepPage.push(ms);
    token = json.NextToken;
  }
  const filter = { ...base, Status: ["PENDING"], PayloadType: ["LeadInvitation"] };
  for (let i = 0; i < pages; i++) result.filtered.push((await timedCall(url, filter)).ms);
  return result;
}

/** Prints the two cases side by side with the ratio of medians. */
export function printListComparison(
  pages: number,
  small: number,
  large: number,
  a: ListPageResult,
  b: ListPageResult,
): void {
  const row = (label: string, x: number[], y: number[]) => {
    const [x50, y50] = [percentile(x, 0.5), percentile(y, 0.5)];
    console.log(
      `${label.padEnd(34)} ${x50.toFixed(2).padStart(7)} ms ${percentile(x, 0.99).toFixed(2).padStart(7)} ms` +
        ` ${y50.toFixed(2).padStart(7)} ms ${percentile(y, 0.99).toFixed(2).padStart(7)} ms   ×${(y50 / x50).toFixed(2)}`,
    );
  };
  console.log(`\nListEngagementInvitations page latency (MaxResults 20, ${pages} requests per case)\n`);
  console.log(
    `${"".padEnd(34)} ${`${small} p50`.padStart(10)} ${"p99".padStart(10)} ${`${large} p50`.padStart(10)} ${"p99".padStart(10)}   ratio`,
  );
  row("first page, newest first", a.firstPage, b.firstPage);
  row("following pages (NextToken)", a.deepPage, b.deepPage);
  row("filtered (PENDING, leads)", a.filtered, b.filtered);
}
