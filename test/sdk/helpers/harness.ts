import { PartnerCentralSellingClient } from "@aws-sdk/client-partnercentral-selling";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { type Account, AccountRegistry, DEMO_ACCOUNTS } from "../../../src/auth/accounts.js";
import { type RunningServer, type ServerOptions, startServer } from "../../../src/server/server.js";

export const PARTNER_A = DEMO_ACCOUNTS[0]!;
export const PARTNER_B = DEMO_ACCOUNTS[1]!;
/** A third account, added the way `--accounts FILE` adds them. */
export const PARTNER_C: Account = {
  awsAccountId: "777788889999",
  alias: "partner-c",
  companyName: "Example Partner C",
  accessKeyId: "AKIAPCLOCALPARTNERC1",
  secretAccessKey: "pclocal-partner-c-secret",
};

/**
 * Ten more partner accounts (`partner-x01` … `partner-x10`), for engagements that reach the
 * ten-member limit. Registered only when a test asks for them with `extraAccounts`.
 */
export const EXTRA_PARTNERS: readonly Account[] = Array.from({ length: 10 }, (_, i) => {
  const n = String(i + 1).padStart(2, "0");
  return {
    awsAccountId: `1000000000${n}`,
    alias: `partner-x${n}`,
    companyName: `Example Partner X${n}`,
    websiteUrl: `https://partner-x${n}.example.com`,
    accessKeyId: `AKIAPCLOCALPARTNEX${n}`,
    secretAccessKey: `pclocal-partner-x${n}-secret`,
  };
});

export const ADMIN_TOKEN = "test-admin-token";

export interface HarnessOptions extends ServerOptions {
  /** Accounts registered besides Partner A, B and C. */
  extraAccounts?: readonly Account[];
}

export interface Harness {
  server: RunningServer;
  url: string;
  client(
    account: Account,
    overrides?: Partial<ConstructorParameters<typeof PartnerCentralSellingClient>[0]>,
  ): PartnerCentralSellingClient;
  /** Calls the control plane with the admin token; throws on a non-2xx answer. */
  control<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T>;
  /** Calls the control plane and returns status and JSON whatever the status. */
  controlRaw(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<{ status: number; json: any }>;
  close(): Promise<void>;
}

/** A server on a free port with an in-memory store, and SDK clients pointed at it. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const { extraAccounts = [], ...serverOptions } = options;
  const accounts = new AccountRegistry([...DEMO_ACCOUNTS, PARTNER_C, ...extraAccounts]);
  const server = await startServer({
    port: 0,
    db: ":memory:",
    adminToken: ADMIN_TOKEN,
    accounts,
    logLevel: "silent",
    ...serverOptions,
  });
  const clients: PartnerCentralSellingClient[] = [];
  const controlRaw = async (method: string, path: string, body?: unknown, token = ADMIN_TOKEN) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  };
  return {
    server,
    url: server.url,
    client(account, overrides = {}) {
      const client = new PartnerCentralSellingClient({
        endpoint: server.url,
        region: "us-east-1",
        credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey },
        maxAttempts: 1,
        ...overrides,
      });
      clients.push(client);
      return client;
    },
    controlRaw,
    async control(method, path, body) {
      const { status, json } = await controlRaw(method, path, body);
      if (status < 200 || status >= 300)
        throw new Error(`${method} ${path} → ${status} ${JSON.stringify(json)}`);
      return json;
    },
    async close() {
      for (const c of clients) c.destroy();
      await server.close();
    },
  };
}

/**
 * The harness of a test file: started before its tests, closed after them and, with `resetEach`,
 * reset before each test. The returned object stands for the running harness.
 */
export function useHarness(options: HarnessOptions = {}, { resetEach = false } = {}): Harness {
  let running: Harness | undefined;
  const current = () => {
    if (!running) throw new Error("the harness is used before it started (outside a test or hook)");
    return running;
  };
  beforeAll(async () => {
    running = await startHarness(options);
  });
  afterAll(() => running?.close());
  if (resetEach)
    beforeEach(async () => {
      await current().control("POST", "/_pclocal/reset");
    });
  return {
    get server() {
      return current().server;
    },
    get url() {
      return current().url;
    },
    client: (account, overrides) => current().client(account, overrides),
    control: (method, path, body) => current().control(method, path, body),
    controlRaw: (method, path, body, token) => current().controlRaw(method, path, body, token),
    close: () => current().close(),
  };
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error("expected the call to fail, but it succeeded");
}
