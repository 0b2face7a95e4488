import { hostname, networkInterfaces } from "node:os";

/** Names a loopback server answers to besides the address it is bound to. */
const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "::1"];
const WILDCARDS = new Set(["0.0.0.0", "::", ""]);

export interface MachineNames {
  /** Every address of the machine's interfaces. */
  addresses: string[];
  hostname: string;
}

/**
 * The `Host` header values the server answers, or `null` for any (an allow-list entry `*`).
 *
 * DNS rebinding makes a browser send a page's own name (`Host: evil.example:4599`) to a loopback
 * or LAN address, so only names that are the server's own addresses pass: the bound address with
 * its port (and `localhost`, `127.0.0.1`, `[::1]` when it is loopback), every interface address
 * and the machine's host name when bound to a wildcard (`0.0.0.0`, `::`), and the allow-list.
 * An allow-list entry without a port passes with the server's port and bare (as a proxy on a
 * default port forwards it); one with a port passes with that port only.
 */
export function allowedHostHeaders(
  bindHost: string,
  port: number,
  allowList: readonly string[] = [],
  machine: MachineNames = machineNames(),
): Set<string> | null {
  const entries = allowList.map((e) => e.trim().toLowerCase()).filter((e) => e !== "");
  if (entries.includes("*")) return null;
  const allowed = new Set<string>();
  const withPort = (name: string) => {
    allowed.add(`${bracketed(name)}:${port}`);
    if (port === 80) allowed.add(bracketed(name));
  };

  const bound = unbracketed(bindHost.toLowerCase());
  withPort(bound);
  if (WILDCARDS.has(bound)) {
    for (const address of machine.addresses) withPort(address);
    withPort(machine.hostname.toLowerCase());
  }
  if (WILDCARDS.has(bound) || isLoopback(bound)) for (const name of LOOPBACK_NAMES) withPort(name);

  for (const entry of entries) {
    const explicitPort = /^(\[[^\]]*\]|[^:]+):\d+$/.test(entry);
    if (explicitPort) allowed.add(entry);
    else {
      const name = unbracketed(entry);
      withPort(name);
      allowed.add(bracketed(name));
    }
  }
  return allowed;
}

export function isLoopback(host: string): boolean {
  const bare = unbracketed(host);
  return bare === "localhost" || bare === "::1" || /^127\./.test(bare);
}

/**
 * Answers whether a request's `Host` is one the server serves: one Set lookup per request (a
 * second, lower-cased, only for a name that missed).
 */
export class HostCheck {
  /** Nothing passes until the server knows its port. */
  private allowed: Set<string> | null = new Set();

  set(allowed: Set<string> | null): void {
    this.allowed = allowed;
  }

  allows(host: string | undefined): boolean {
    if (this.allowed === null) return true;
    if (host === undefined) return false;
    return this.allowed.has(host) || this.allowed.has(host.toLowerCase());
  }
}

function machineNames(): MachineNames {
  const addresses: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const info of list ?? []) addresses.push(info.address.toLowerCase());
  }
  return { addresses, hostname: hostname() };
}

const bracketed = (name: string) => (name.includes(":") ? `[${name}]` : name);
const unbracketed = (name: string) => (name.startsWith("[") && name.endsWith("]") ? name.slice(1, -1) : name);
