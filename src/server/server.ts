import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { AccountRegistry } from "../auth/accounts.js";
import { startBackgroundSweeper } from "../background/background-work.js";
import { applyControlState, loadControlState, saveControlState } from "../control/control-state.js";
import { PageTokens } from "../domain/common/page-tokens.js";
import { DEFAULT_SETTINGS, type DomainSettings } from "../domain/context.js";
import { NO_DELIVERY } from "../events/delivery.js";
import { WebhookDispatcher } from "../events/webhooks.js";
import { HANDLERS, type HandlerRegistry } from "../operations/registry.js";
import type { Services } from "../services.js";
import { openStore } from "../store/open-store.js";
import type { Durability, Store } from "../store/port.js";
import { Clock } from "../util/clock.js";
import { createLogger, type Logger, type LogLevel } from "../util/logger.js";
import { outputCoverage } from "../util/output-coverage.js";
import { ConnectionLimit } from "./connection-limit.js";
import { allowedHostHeaders, HostCheck, isLoopback } from "./host-check.js";
import { createRequestListener } from "./http-app.js";

export const DEFAULT_ADMIN_TOKEN = "pclocal-admin";
/** The shortest admin token a non-loopback server accepts. */
export const MIN_ADMIN_TOKEN_LENGTH = 12;
export const DEFAULT_MAX_CONNECTIONS = 256;
/** Time to receive a request's headers, and the whole request (Node's headersTimeout/requestTimeout). */
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface ServerOptions {
  host?: string;
  port?: number;
  /** SQLite file path or `:memory:`. */
  db?: string;
  /** An opened store to serve instead of opening `db` (closed with the server). */
  store?: Store;
  adminToken?: string;
  accountsFile?: string;
  accounts?: AccountRegistry;
  logLevel?: LogLevel;
  logger?: Logger;
  settings?: Partial<DomainSettings>;
  /** Where to record the output members answered (default: env PCLOCAL_COVERAGE_DIR; off without). */
  coverageDir?: string;
  /** Open connections served at once; see ConnectionLimit. */
  maxConnections?: number;
  /** Host names (`name` or `name:port`, `*` for any) served besides the server's own addresses. */
  allowedHosts?: readonly string[];
  /** `full`: SQLite syncs the WAL at every commit (survives a power loss); `normal`: at checkpoints. */
  durability?: Durability;
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** The operations' handlers; default: every operation's real handler. */
  handlers?: HandlerRegistry;
}

export interface RunningServer {
  url: string;
  host: string;
  port: number;
  services: Services;
  /** Stops accepting, lets in-flight requests finish, then closes the store. */
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? "127.0.0.1";
  const adminToken = options.adminToken ?? DEFAULT_ADMIN_TOKEN;
  if (!isLoopback(host)) checkAdminToken(host, adminToken);
  const store =
    options.store ??
    (await openStore(options.db ?? ".pclocal/pclocal.db", { durability: options.durability }));
  const services: Services = {
    store,
    accounts: options.accounts ?? AccountRegistry.withFile(options.accountsFile),
    clock: new Clock(),
    settings: { ...DEFAULT_SETTINGS },
    logger: options.logger ?? createLogger(options.logLevel),
    adminToken,
    region: "us-east-1",
    pageTokens: await store.transaction((tx) => PageTokens.load(tx)),
    handlers: options.handlers ?? HANDLERS,
    delivery: NO_DELIVERY,
    coverage: outputCoverage(options.coverageDir),
  };
  // What the control plane set before a restart; options given at start take precedence.
  applyControlState(await store.transaction((tx) => loadControlState(tx)), services);
  Object.assign(services.settings, options.settings);
  await saveControlState(services);
  // events & webhooks: deliver the event log to webhooks in the background
  const dispatcher = new WebhookDispatcher(store, services.logger);
  services.delivery = dispatcher;

  const headersTimeout = options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const hosts = new HostCheck();
  const server = createServer({
    keepAliveTimeout: 65_000,
    headersTimeout,
    requestTimeout,
    // How often Node looks for requests past those timeouts (its default is 30 s).
    connectionsCheckingInterval: Math.min(1_000, Math.max(50, Math.floor(headersTimeout / 4))),
  });
  const limit = new ConnectionLimit(server, options.maxConnections ?? DEFAULT_MAX_CONNECTIONS);
  server.on(
    "request",
    createRequestListener(services, {
      allowsHost: (h) => hosts.allows(h),
      isOverCap: (socket) => limit.isOverCap(socket),
    }),
  );
  await listen(server, host, options.port ?? 4599);
  const port = (server.address() as AddressInfo).port;
  hosts.set(allowedHostHeaders(host, port, options.allowedHosts));

  // What the clock moves: expiries, delayed tasks, auto-approvals, the idempotency purge.
  const background = startBackgroundSweeper(services);
  // events & webhooks: resume stored webhooks
  dispatcher.start();

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    host,
    port,
    services,
    close: () => {
      closing ??= (async () => {
        await background.stop();
        await services.delivery.stop();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          setTimeout(() => server.closeAllConnections(), 5_000).unref();
        });
        await store.close();
      })();
      return closing;
    },
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/** A server others can reach needs an admin token of its own, and not a guessable one. */
function checkAdminToken(host: string, token: string): void {
  const flag = "set --admin-token or PCLOCAL_ADMIN_TOKEN";
  if (token === DEFAULT_ADMIN_TOKEN) {
    throw new Error(`Refusing to listen on ${host} with the default admin token; ${flag}.`);
  }
  if (token.length < MIN_ADMIN_TOKEN_LENGTH) {
    throw new Error(
      `Refusing to listen on ${host} with an admin token of ${token.length} characters; a non-loopback host needs one of at least ${MIN_ADMIN_TOKEN_LENGTH} characters (${flag}).`,
    );
  }
}
