import { Command, InvalidArgumentError, Option } from "commander";
import { DEFAULT_MAX_CONNECTIONS, startServer } from "../server/server.js";
import type { Durability } from "../store/port.js";
import type { LogLevel } from "../util/logger.js";

const LOG_LEVELS: LogLevel[] = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

function portNumber(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InvalidArgumentError("not a port number");
  return port;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("not a positive integer");
  return n;
}

const hostList = (value: string) =>
  value
    .split(",")
    .map((h) => h.trim())
    .filter((h) => h !== "");

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError("not a number of seconds");
  return n;
}

/** `pclocal serve`: prints `pclocal ready on http://HOST:PORT` once it accepts requests. */
async function serve(opts: {
  host: string;
  port: number;
  db: string;
  adminToken: string;
  accounts?: string;
  logLevel: LogLevel;
  taskDelaySeconds?: number;
  maxConnections: number;
  allowedHosts: string[];
  durability: Durability;
}): Promise<void> {
  const server = await startServer({
    host: opts.host,
    port: opts.port,
    db: opts.db,
    adminToken: opts.adminToken,
    accountsFile: opts.accounts,
    logLevel: opts.logLevel,
    // Without the flag, the task mode stored with the data (or the default, 0) stands.
    settings: opts.taskDelaySeconds === undefined ? {} : { taskDelaySeconds: opts.taskDelaySeconds },
    maxConnections: opts.maxConnections,
    allowedHosts: opts.allowedHosts,
    durability: opts.durability,
  });
  process.stdout.write(`pclocal ready on ${server.url}\n`);

  const shutdown = (signal: string) => {
    server.services.logger.info({ signal }, "shutting down");
    server.close().then(
      () => process.exit(0),
      (err) => {
        server.services.logger.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

export async function main(argv: string[]): Promise<void> {
  const program = new Command("pclocal").description(
    "A local, wire-compatible AWS Partner Central Selling API",
  );
  program
    .command("serve")
    .description("run the API and control plane")
    .addOption(new Option("--host <host>", "interface to listen on").env("PCLOCAL_HOST").default("127.0.0.1"))
    .addOption(
      new Option("--port <port>", "port (0 picks a free one)")
        .env("PCLOCAL_PORT")
        .default(4599)
        .argParser(portNumber),
    )
    .addOption(
      new Option("--db <path>", "SQLite file, or :memory:").env("PCLOCAL_DB").default(".pclocal/pclocal.db"),
    )
    .addOption(
      new Option("--admin-token <token>", "bearer token of the /_pclocal control plane")
        .env("PCLOCAL_ADMIN_TOKEN")
        .default("pclocal-admin"),
    )
    .addOption(new Option("--accounts <file>", "JSON file of extra partner accounts").env("PCLOCAL_ACCOUNTS"))
    .addOption(
      new Option("--log-level <level>", "log level")
        .env("PCLOCAL_LOG_LEVEL")
        .choices(LOG_LEVELS)
        .default("info"),
    )
    .addOption(
      new Option(
        "--task-delay-seconds <n>",
        "Start…Task operations answer IN_PROGRESS and complete after n virtual seconds",
      )
        .env("PCLOCAL_TASK_DELAY_SECONDS")
        .argParser(seconds),
    )
    .addOption(
      new Option("--max-connections <n>", "open connections served at once; more are answered 503")
        .env("PCLOCAL_MAX_CONNECTIONS")
        .default(DEFAULT_MAX_CONNECTIONS)
        .argParser(positiveInteger),
    )
    .addOption(
      new Option(
        "--allowed-hosts <names>",
        "comma-separated Host names (name or name:port; * for any) served besides the server's own addresses",
      )
        .env("PCLOCAL_ALLOWED_HOSTS")
        .default([])
        .argParser(hostList),
    )
    .addOption(
      new Option("--durability <mode>", "normal, or full: sync every commit to disk (survives power loss)")
        .env("PCLOCAL_DURABILITY")
        .choices(["normal", "full"])
        .default("normal"),
    )
    .action(serve);
  await program.parseAsync(argv, { from: "user" });
}
