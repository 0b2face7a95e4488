import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** The baseline: a bare node:http server that reads the body and answers a small JSON document. */
const body = JSON.stringify({ Id: "eng-0123456789abcd", Title: "baseline", MemberCount: 1 });
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    res.writeHead(200, {
      "content-type": "application/x-amz-json-1.0",
      "content-length": Buffer.byteLength(body),
    });
    res.end(body);
  });
});
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`bare ready on http://127.0.0.1:${port}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
