/**
 * Micro-benchmark: verifying N SigV4-signed requests with our verifier (src/auth/sigv4.ts) versus
 * verifying by re-signing each received request with @smithy/signature-v4 and comparing signatures.
 *
 *   npx tsx bench/sigv4.ts [N]
 *
 * smithy is timed with two hash implementations: @aws-crypto/sha256-js (pure JS) and node:crypto (what
 * the SDK uses on Node through @smithy/hash-node). Best of three passes; printed, never asserted.
 */
import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";
import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import type { Checksum, SourceData } from "@smithy/types";
import { AccountRegistry, DEMO_ACCOUNTS } from "../src/auth/accounts.js";
import { authenticate, type IncomingSignedRequest } from "../src/auth/sigv4.js";
import { sdkSigner } from "../test/helpers/sign.js";

const N = Number(process.argv[2] ?? 20_000);
const REGION = "us-east-1";
const SERVICE = "partnercentral-selling";
const NOW = Date.now();
const registry = new AccountRegistry();

/** smithy's Checksum interface on node:crypto (the shape of @smithy/hash-node). */
class NodeSha256 implements Checksum {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash("sha256") : createHmac("sha256", toBuffer(this.secret));
  }
  update(data: SourceData): void {
    this.hash.update(toBuffer(data));
  }
  async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }
  reset(): void {
    this.hash = this.fresh();
  }
}

function toBuffer(data: SourceData): Buffer {
  if (typeof data === "string") return Buffer.from(data, "utf8");
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

type Sha256Ctor = typeof Sha256 | typeof NodeSha256;

const signer = (accessKeyId: string, secretAccessKey: string, sha256: Sha256Ctor) =>
  sdkSigner({ accessKeyId, secretAccessKey }, { service: SERVICE, region: REGION, sha256 });

async function makeRequests(): Promise<IncomingSignedRequest[]> {
  const signers = DEMO_ACCOUNTS.map((a) => signer(a.accessKeyId, a.secretAccessKey, NodeSha256));
  const out: IncomingSignedRequest[] = [];
  for (let i = 0; i < N; i++) {
    const body = JSON.stringify({
      Catalog: "Sandbox",
      Identifier: `eng-${i.toString(36).padStart(14, "0")}`,
      ClientToken: `token-${i}`,
      Payload: { Note: "x".repeat(100 + (i % 400)) },
    });
    const signed = await signers[i % signers.length].sign(
      new HttpRequest({
        method: "POST",
        hostname: "127.0.0.1",
        port: 4599,
        path: "/",
        headers: {
          host: "127.0.0.1:4599",
          "content-type": "application/x-amz-json-1.0",
          "x-amz-target": "AWSPartnerCentralSelling.GetEngagement",
          "x-amz-user-agent": "aws-sdk-js/3.0.0",
          "amz-sdk-invocation-id": `00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`,
          "amz-sdk-request": "attempt=1; max=3",
        },
        body,
      }),
      { signingDate: new Date(NOW - (i % 60) * 1000) },
    );
    out.push({ method: "POST", url: "/", headers: { ...signed.headers }, body: Buffer.from(body) });
  }
  return out;
}

function ours(requests: IncomingSignedRequest[]): number {
  let ok = 0;
  const options = { region: REGION, service: SERVICE };
  for (const req of requests) if (authenticate(req, registry, options)) ok++;
  return ok;
}

async function viaSmithy(requests: IncomingSignedRequest[], sha256: Sha256Ctor): Promise<number> {
  const signers = new Map(
    DEMO_ACCOUNTS.map((a) => [a.accessKeyId, signer(a.accessKeyId, a.secretAccessKey, sha256)] as const),
  );
  let ok = 0;
  for (const req of requests) {
    const auth = req.headers.authorization as string;
    const m = /Credential=([^/]+)\/[^,]+, SignedHeaders=([^,]+), Signature=([0-9a-f]+)/.exec(auth)!;
    const names = m[2].split(";");
    const headers: Record<string, string> = {};
    for (const name of names) headers[name] = req.headers[name] as string;
    const d = req.headers["x-amz-date"] as string;
    const date = new Date(
      `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${d.slice(9, 11)}:${d.slice(11, 13)}:${d.slice(13, 15)}Z`,
    );
    const resigned = await signers
      .get(m[1])!
      .sign(
        new HttpRequest({ method: req.method, hostname: "127.0.0.1", path: "/", headers, body: req.body }),
        {
          signingDate: date,
          signableHeaders: new Set(names),
        },
      );
    if (resigned.headers.authorization.endsWith(m[3])) ok++;
  }
  return ok;
}

/** Best of three timed passes after a warm-up pass (JIT, signing-key caches): the machine is shared. */
async function time(label: string, run: () => number | Promise<number>): Promise<number> {
  await run();
  let best = Number.POSITIVE_INFINITY;
  for (let pass = 0; pass < 3; pass++) {
    const start = process.hrtime.bigint();
    const ok = await run();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
    if (ok !== N) throw new Error(`${label}: only ${ok}/${N} verified`);
  }
  const opsPerSecond = N / best;
  console.log(`${label.padEnd(44)} ${Math.round(opsPerSecond).toLocaleString("en-US").padStart(10)} ops/s`);
  return opsPerSecond;
}

const requests = await makeRequests();
console.log(
  `verifying ${N} signed requests (bodies ${requests[0].body.length}-${requests.at(-1)!.body.length} B)`,
);
const oursOps = await time("ours (src/auth/sigv4.ts, node:crypto)", () => ours(requests));
const smithyNode = await time("re-sign with @smithy/signature-v4 (node:crypto)", () =>
  viaSmithy(requests, NodeSha256),
);
const smithyJs = await time("re-sign with @smithy/signature-v4 (sha256-js)", () =>
  viaSmithy(requests, Sha256),
);
console.log(
  `ratio: ours is ${(oursOps / smithyNode).toFixed(1)}x smithy on node:crypto, ${(oursOps / smithyJs).toFixed(1)}x smithy on sha256-js`,
);
