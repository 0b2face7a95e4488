/** The server's record of the output members it answered, which the model-coverage check reads. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CreateEngagementCommand, GetEngagementCommand } from "@aws-sdk/client-partnercentral-selling";
import { afterAll, describe, expect, it } from "vitest";
import { outputCoverage } from "../../src/util/output-coverage.js";
import { PARTNER_A, startHarness } from "./helpers/harness.js";

const dir = mkdtempSync(path.join(tmpdir(), "pclocal-coverage-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const recorded = () =>
  readdirSync(dir)
    .flatMap((f) => readFileSync(path.join(dir, f), "utf8").split("\n"))
    .filter((l) => l !== "");

describe("output member recording", () => {
  it("writes each member an answer carried once per process, into a file of its own", async () => {
    const h = await startHarness({ coverageDir: dir });
    const client = h.client(PARTNER_A);
    const created = await client.send(
      new CreateEngagementCommand({ Catalog: "Sandbox", Title: "Recorded", Description: "Seen members" }),
    );
    await client.send(new GetEngagementCommand({ Catalog: "Sandbox", Identifier: created.Id }));
    await client.send(new GetEngagementCommand({ Catalog: "Sandbox", Identifier: created.Id }));
    await h.close();

    expect(readdirSync(dir)).toEqual([`${process.pid}.tsv`]);
    const lines = recorded();
    expect(lines).toEqual(
      expect.arrayContaining(["CreateEngagement\tId", "GetEngagement\tTitle", "GetEngagement\tArn"]),
    );
    expect(lines.filter((l) => l === "GetEngagement\tTitle")).toHaveLength(1);
    expect(lines.some((l) => l.startsWith("GetEngagement\tContexts[]"))).toBe(false); // no context yet
  });

  it("is off without a directory", () => {
    expect(outputCoverage("")).toBeUndefined();
  });
});
