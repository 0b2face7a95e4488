/**
 * Reads an answer the way a client does: through the official SDK's own deserializer for the
 * operation (a client whose HTTP handler hands back the bytes the server sent). An answer the
 * SDK cannot read — a timestamp stored as a number, a year past 9999, broken JSON — is what a
 * user of the emulator would see as a crash in their integration.
 */
import * as sdk from "@aws-sdk/client-partnercentral-selling";
import { HttpResponse } from "@smithy/protocol-http";
import type { OperationName } from "../../src/model/generated/operations.js";

type Commands = Record<string, new (input: object) => unknown>;

/**
 * A reader for one worker: its answers are handed back one at a time, so a single client with
 * one slot for the canned answer suffices.
 */
export function sdkReader(): (
  operation: OperationName,
  status: number,
  body: string,
) => Promise<{ output?: Record<string, unknown>; problem?: string }> {
  let canned = { status: 200, body: "" };
  const client = new sdk.PartnerCentralSellingClient({
    region: "us-east-1",
    endpoint: "http://127.0.0.1:9",
    credentials: { accessKeyId: "AKIAFUZZREADER000000", secretAccessKey: "fuzz-reader" },
    maxAttempts: 1,
    cacheMiddleware: true,
    requestHandler: {
      handle: async () => ({
        response: new HttpResponse({
          statusCode: canned.status,
          headers: { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": "fuzz-reader" },
          body: Buffer.from(canned.body, "utf8"),
        }),
      }),
    },
  });
  // Only the deserializer matters here: the rest of the stack (signing, retries, user agent) is
  // per-request cost that reads nothing.
  for (const name of [
    "loggerMiddleware",
    "contentLengthMiddleware",
    "getUserAgentMiddleware",
    "hostHeaderMiddleware",
    "recursionDetectionMiddleware",
    "retryMiddleware",
    "httpSigningMiddleware",
  ])
    client.middlewareStack.remove(name);
  const commands = sdk as unknown as Commands;
  let busy = false;
  return async (operation, status, body) => {
    if (busy) throw new Error("sdkReader: one answer at a time");
    busy = true;
    canned = { status, body };
    try {
      const Command = commands[`${operation}Command`];
      if (!Command) return { problem: `the SDK has no ${operation}Command` };
      const output = (await client.send(new Command({}) as never)) as unknown as Record<string, unknown>;
      return status === 200 ? { output } : { problem: `the SDK read a ${status} answer as a success` };
    } catch (err) {
      if (err instanceof sdk.PartnerCentralSellingServiceException && status !== 200) return {};
      return { problem: `the SDK cannot read the answer: ${String((err as Error).message).split("\n")[0]}` };
    } finally {
      busy = false;
    }
  };
}
