import { describe, expect, it } from "vitest";
import { allowedHostHeaders, HostCheck } from "../../src/server/host-check.js";

const MACHINE = { addresses: ["127.0.0.1", "::1", "192.168.1.20", "fe80::1"], hostname: "Dev-Box" };

function check(bind: string, port: number, allowList: string[] = []) {
  const hosts = new HostCheck();
  hosts.set(allowedHostHeaders(bind, port, allowList, MACHINE));
  return hosts;
}

describe("allowed Host headers", () => {
  it("on a wildcard address: every interface address, the machine's name and loopback, on the port", () => {
    const hosts = check("0.0.0.0", 4599);
    for (const ok of [
      "192.168.1.20:4599",
      "[fe80::1]:4599",
      "dev-box:4599",
      "Dev-Box:4599",
      "localhost:4599",
      "127.0.0.1:4599",
      "[::1]:4599",
      "0.0.0.0:4599",
    ]) {
      expect(`${ok} ${hosts.allows(ok)}`).toBe(`${ok} true`);
    }
    for (const no of ["192.168.1.20:80", "192.168.1.21:4599", "evil.example:4599", "dev-box", undefined]) {
      expect(`${no} ${hosts.allows(no)}`).toBe(`${no} false`);
    }
    expect(check("::", 4599).allows("192.168.1.20:4599")).toBe(true);
  });

  it("on a LAN address: that address only (plus the allow-list), not loopback names", () => {
    const hosts = check("192.168.1.20", 4599, ["pclocal.lan"]);
    expect(hosts.allows("192.168.1.20:4599")).toBe(true);
    expect(hosts.allows("pclocal.lan:4599")).toBe(true);
    expect(hosts.allows("localhost:4599")).toBe(false);
    expect(hosts.allows("dev-box:4599")).toBe(false);
  });

  it("on port 80 also the bare names, as browsers send them", () => {
    const hosts = check("127.0.0.1", 80);
    expect(hosts.allows("localhost")).toBe(true);
    expect(hosts.allows("localhost:80")).toBe(true);
  });

  it("takes IPv6 allow-list entries with or without brackets, and refuses everything before the port is known", () => {
    const hosts = check("127.0.0.1", 4599, ["::2", "[::3]:9000"]);
    expect(hosts.allows("[::2]:4599")).toBe(true);
    expect(hosts.allows("[::3]:9000")).toBe(true);
    expect(hosts.allows("[::3]:4599")).toBe(false);
    expect(new HostCheck().allows("localhost:4599")).toBe(false);
  });
});
