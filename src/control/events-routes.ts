import { randomBytes } from "node:crypto";
import { INVITATION_EXPIRIES, runBackgroundItem } from "../background/background-work.js";
import { notFound, type ValidationIssue, validationError } from "../errors.js";
import { lastEventSeq } from "../events/webhooks.js";
import type { Services } from "../services.js";
import type { WebhookRecord } from "../store/records.js";
import { type ControlRequest, decodePathSegment, parseJsonObject } from "./json-body.js";

/**
 * The event log and its webhooks on the control plane:
 *   GET    /_pclocal/events?account=<id>&after=<seq>&limit=<n>
 *   POST   /_pclocal/webhooks {account, url}
 *   GET    /_pclocal/webhooks[?account=<id>]
 *   DELETE /_pclocal/webhooks/<id>
 * Returns undefined for any other route.
 */
export function routeEventsRequest(req: ControlRequest, services: Services): Promise<unknown> | undefined {
  const query = req.query ?? new URLSearchParams();
  if (req.path === "/_pclocal/events" && req.method === "GET") return listEvents(query, services);
  if (req.path === "/_pclocal/webhooks") {
    if (req.method === "GET") return listWebhooks(query, services);
    if (req.method === "POST") return registerWebhook(req.body, services);
  }
  const hook = /^\/_pclocal\/webhooks\/([^/]+)$/.exec(req.path);
  if (hook?.[1] && req.method === "DELETE") return deleteWebhook(decodePathSegment(hook[1], "id"), services);
  return undefined;
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1_000;
const MAX_URL_LENGTH = 2_048;

/** An account's events, oldest first, after the expiry sweep so they reflect the virtual clock. */
async function listEvents(query: URLSearchParams, services: Services) {
  const issues: ValidationIssue[] = [];
  const account = query.get("account");
  if (!account) {
    issues.push({ FieldName: "account", Message: "account is required", Code: "REQUIRED_FIELD_MISSING" });
  } else if (!/^[0-9]{12}$/.test(account)) {
    issues.push({
      FieldName: "account",
      Message: "account must be a 12-digit AwsAccountId",
      Code: "INVALID_VALUE",
    });
  }
  const after = integerParam(query, "after", 0, 0, Number.MAX_SAFE_INTEGER, issues);
  const limit = integerParam(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT, issues);
  if (issues.length > 0 || !account) throw validationError(issues);
  if (!services.accounts.byAccountId(account)) throw notFound(`No account ${account}`);

  await runBackgroundItem(INVITATION_EXPIRIES, services);
  // Not readonly: a read beside a write transaction in progress could see its uncommitted events.
  const records = await services.store.transaction((tx) => tx.events.listAfter(account, after, limit));
  return {
    events: records.map((r) => ({ seq: r.seq, event: r.event })),
    nextAfter: records.at(-1)?.seq ?? after,
  };
}

function integerParam(
  query: URLSearchParams,
  name: string,
  fallback: number,
  min: number,
  max: number,
  issues: ValidationIssue[],
): number {
  const raw = query.get(name);
  if (raw === null || raw === "") return fallback;
  const value = /^[0-9]+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    issues.push({
      FieldName: name,
      Message: `${name} must be an integer from ${min} to ${max}`,
      Code: "VALUE_OUT_OF_RANGE",
    });
    return fallback;
  }
  return value;
}

const webhookView = (w: WebhookRecord) => ({
  id: w.id,
  account: w.accountId,
  url: w.url,
  createdAt: new Date(w.createdAt).toISOString(),
  deliveredSeq: w.deliveredSeq,
});

/** Registers a webhook; it receives the account's events appended from now on. */
async function registerWebhook(raw: Buffer, services: Services) {
  const body = parseJsonObject(raw);
  const issues: ValidationIssue[] = [];
  const { account, url } = body;
  if (typeof account !== "string" || !services.accounts.byAccountId(account)) {
    issues.push({
      FieldName: "account",
      Message: "account must be the AwsAccountId of a registered partner account",
      Code: account === undefined ? "REQUIRED_FIELD_MISSING" : "INVALID_VALUE",
    });
  }
  if (typeof url !== "string" || !isHttpUrl(url)) {
    issues.push({
      FieldName: "url",
      Message: `url must be an http or https URL of at most ${MAX_URL_LENGTH} characters`,
      Code: url === undefined ? "REQUIRED_FIELD_MISSING" : "INVALID_STRING_FORMAT",
    });
  }
  if (issues.length > 0) throw validationError(issues);

  const accountId = account as string;
  const record = await services.store.transaction(async (tx) => {
    const created: WebhookRecord = {
      id: `wh-${randomBytes(8).toString("hex")}`,
      accountId,
      url: url as string,
      createdAt: services.clock.now(),
      deliveredSeq: await lastEventSeq(tx, accountId),
    };
    await tx.webhooks.put(created);
    return created;
  });
  services.delivery.wake();
  return webhookView(record);
}

async function listWebhooks(query: URLSearchParams, services: Services) {
  const account = query.get("account");
  const hooks = await services.store.transaction((tx) => tx.webhooks.list(), { readonly: true });
  return { webhooks: hooks.filter((w) => !account || w.accountId === account).map(webhookView) };
}

async function deleteWebhook(id: string, services: Services) {
  const deleted = await services.store.transaction((tx) => tx.webhooks.delete(id));
  if (!deleted) throw notFound(`No webhook ${id}`);
  services.delivery.wake();
  return { id, deleted: true };
}

function isHttpUrl(value: string): boolean {
  if (value.length > MAX_URL_LENGTH) return false;
  try {
    const { protocol, hostname } = new URL(value);
    return (protocol === "http:" || protocol === "https:") && hostname !== "";
  } catch {
    return false;
  }
}
