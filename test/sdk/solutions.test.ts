import {
  AssociateOpportunityCommand,
  CreateOpportunityCommand,
  ListSolutionsCommand,
  type ListSolutionsCommandInput,
  paginateListSolutions,
  type SolutionBase,
} from "@aws-sdk/client-partnercentral-selling";
import { beforeAll, describe, expect, it } from "vitest";
import { PARTNER_A, PARTNER_B, PARTNER_C, rejectionOf, useHarness } from "./helpers/harness.js";

const h = useHarness();

const list = (input: Partial<ListSolutionsCommandInput> = {}, account = PARTNER_A) =>
  h.client(account).send(new ListSolutionsCommand({ Catalog: "Sandbox", ...input }));
const ids = (items: SolutionBase[] | undefined) => (items ?? []).map((s) => String(s.Id));
const addSolution = (body: Record<string, unknown>) =>
  h.control<Record<string, any>>("POST", "/_pclocal/solutions", body);

describe("ListSolutions defaults", () => {
  it("gives every account S-1234567 and a few more in Sandbox, newest identifier first", async () => {
    const res = await list({}, PARTNER_C);
    expect(ids(res.SolutionSummaries)).toEqual(["S-1234567", "S-0123456", "S-0098765", "S-0052021"]);
    expect(res.NextToken).toBeUndefined();
    expect(res.SolutionSummaries![0]).toEqual({
      Catalog: "Sandbox",
      Id: "S-1234567",
      Arn: `arn:aws:partnercentral:us-east-1:${PARTNER_C.awsAccountId}:catalog/Sandbox/solution/S-1234567`,
      Name: "Sandbox Sample Solution",
      Status: "Active",
      Category: "Software Product",
      CreatedDate: new Date("2024-01-15T09:00:00.000Z"),
    });
    expect(new Set(res.SolutionSummaries!.map((s) => s.Status))).toEqual(
      new Set(["Active", "Inactive", "Draft"]),
    );
  });

  it("keeps the AWS catalog apart, with other ids", async () => {
    const res = await list({ Catalog: "AWS" }, PARTNER_C);
    expect(ids(res.SolutionSummaries)).toEqual(["S-0071234", "S-0067302", "S-0041817"]);
    expect(res.SolutionSummaries!.every((s) => s.Catalog === "AWS")).toBe(true);
  });
});

describe("ListSolutions filters, sorts and pages", () => {
  beforeAll(async () => {
    for (const [Id, Name, Status, Category] of [
      ["S-2000001", "Zeta Analytics", "Active", "Software Product"],
      ["S-2000002", "Alpha Advisory", "Inactive", "Consulting Service"],
      ["S-2000003", "Mid Managed", "Draft", "Managed Service"],
    ]) {
      await addSolution({ Account: PARTNER_B.awsAccountId, Catalog: "Sandbox", Id, Name, Status, Category });
      await h.control("POST", "/_pclocal/clock", { advanceSeconds: 60 });
    }
  });

  it("filters by status, identifier and category", async () => {
    expect(ids((await list({ Status: ["Active"] }, PARTNER_B)).SolutionSummaries)).toEqual([
      "S-2000001",
      "S-1234567",
      "S-0052021",
    ]);
    expect(
      ids((await list({ Identifier: ["S-2000002", "S-0052021", "S-9999999"] }, PARTNER_B)).SolutionSummaries),
    ).toEqual(["S-2000002", "S-0052021"]);
    expect(
      ids(
        (await list({ Category: ["Managed Service"], Status: ["Draft", "Inactive"] }, PARTNER_B))
          .SolutionSummaries,
      ),
    ).toEqual(["S-2000003", "S-0098765"]);
  });

  it("sorts by each field in both orders", async () => {
    const sorted = async (SortBy: string, SortOrder: string) =>
      ids((await list({ Sort: { SortBy, SortOrder } as never }, PARTNER_B)).SolutionSummaries);
    expect(await sorted("Identifier", "ASCENDING")).toEqual([
      "S-0052021",
      "S-0098765",
      "S-0123456",
      "S-1234567",
      "S-2000001",
      "S-2000002",
      "S-2000003",
    ]);
    expect((await sorted("Name", "ASCENDING"))[0]).toBe("S-2000002"); // Alpha Advisory
    expect((await sorted("Name", "DESCENDING"))[0]).toBe("S-2000001"); // Zeta Analytics
    expect((await sorted("CreatedDate", "DESCENDING")).slice(0, 3)).toEqual([
      "S-2000003",
      "S-2000002",
      "S-2000001",
    ]);
    expect((await sorted("CreatedDate", "ASCENDING"))[0]).toBe("S-1234567");
    // Ties break by identifier in the same order.
    expect(await sorted("Status", "ASCENDING")).toEqual([
      "S-0052021",
      "S-1234567",
      "S-2000001",
      "S-0123456",
      "S-2000003",
      "S-0098765",
      "S-2000002",
    ]);
    expect((await sorted("Category", "DESCENDING"))[0]).toBe("S-2000001"); // Software Product
  });

  it("pages with NextToken without gaps or repeats, in any sort", async () => {
    const all: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await list(
        { MaxResults: 2, NextToken, Sort: { SortBy: "Name", SortOrder: "ASCENDING" } },
        PARTNER_B,
      );
      expect(page.SolutionSummaries!.length).toBeLessThanOrEqual(2);
      all.push(...ids(page.SolutionSummaries));
      NextToken = page.NextToken;
    } while (NextToken);
    const everything = ids(
      (await list({ MaxResults: 100, Sort: { SortBy: "Name", SortOrder: "ASCENDING" } }, PARTNER_B))
        .SolutionSummaries,
    );
    expect(all).toEqual(everything);
    expect(all).toHaveLength(7);

    const paged: string[] = [];
    for await (const page of paginateListSolutions(
      { client: h.client(PARTNER_B), pageSize: 3 },
      { Catalog: "Sandbox" },
    ))
      paged.push(...ids(page.SolutionSummaries));
    expect(paged).toHaveLength(7);
  });

  it("refuses a token of another query and a page size over 100", async () => {
    const first = await list({ MaxResults: 1 }, PARTNER_B);
    const other = await rejectionOf(list({ NextToken: first.NextToken, Status: ["Active"] }, PARTNER_B));
    expect(other.name).toBe("ValidationException");
    expect((await rejectionOf(list({ MaxResults: 101 }, PARTNER_B))).name).toBe("ValidationException");
  });

  it("shows an account only its own solutions", async () => {
    expect(ids((await list({}, PARTNER_A)).SolutionSummaries)).not.toContain("S-2000001");
  });
});

describe("control plane /_pclocal/solutions", () => {
  it("adds one with a generated id, changes it, and lists them", async () => {
    const added = await addSolution({
      Account: PARTNER_A.awsAccountId,
      Catalog: "AWS",
      Name: "New Solution",
      Status: "Draft",
      Category: "Software Product",
    });
    expect(added.Id).toMatch(/^S-[0-9]{7}$/);
    expect(added.Arn).toBe(
      `arn:aws:partnercentral:us-east-1:${PARTNER_A.awsAccountId}:catalog/AWS/solution/${added.Id}`,
    );
    const changed = await addSolution({
      Account: PARTNER_A.awsAccountId,
      Catalog: "AWS",
      Id: added.Id,
      Status: "Active",
    });
    expect(changed).toMatchObject({
      Id: added.Id,
      Name: "New Solution",
      Status: "Active",
      CreatedDate: added.CreatedDate,
    });

    const api = await list({ Catalog: "AWS", Identifier: [added.Id] });
    expect(api.SolutionSummaries).toEqual([{ ...changed, CreatedDate: new Date(changed.CreatedDate) }]);

    const listed = await h.control<{ SolutionSummaries: any[] }>(
      "GET",
      `/_pclocal/solutions?account=${PARTNER_A.awsAccountId}&catalog=AWS`,
    );
    expect(listed.SolutionSummaries.map((s) => s.Id)).toContain(added.Id);
    expect(listed.SolutionSummaries).toHaveLength(4);
  });

  it("changes a default solution for one account only", async () => {
    await addSolution({
      Account: PARTNER_A.awsAccountId,
      Catalog: "Sandbox",
      Id: "S-1234567",
      Status: "Inactive",
    });
    const mine = await list({ Identifier: ["S-1234567"] });
    expect(mine.SolutionSummaries![0]).toMatchObject({ Status: "Inactive", Name: "Sandbox Sample Solution" });
    const theirs = await list({ Identifier: ["S-1234567"] }, PARTNER_C);
    expect(theirs.SolutionSummaries![0]!.Status).toBe("Active");
  });

  it("refuses bad bodies", async () => {
    const missing = await h.controlRaw("POST", "/_pclocal/solutions", {
      Account: PARTNER_A.awsAccountId,
      Catalog: "Sandbox",
      Id: "S-7777777",
    });
    expect(missing.status).toBe(400);
    const bad = await h.controlRaw("POST", "/_pclocal/solutions", {
      Account: "000000000000",
      Catalog: "Mars",
      Id: "X-1",
      Status: "Gone",
      Name: "n",
      Category: "c",
    });
    expect(bad.status).toBe(400);
    expect(bad.json.ErrorList.map((e: { FieldName: string }) => e.FieldName)).toEqual([
      "account",
      "catalog",
      "id",
      "status",
    ]);
  });
});

describe("AssociateOpportunity and solutions", () => {
  it("links a solution of the caller and refuses an unknown one", async () => {
    const a = h.client(PARTNER_A);
    const { Id } = await a.send(new CreateOpportunityCommand({ Catalog: "Sandbox" }));
    const associate = (RelatedEntityIdentifier: string, Catalog = "Sandbox", client = a) =>
      client.send(
        new AssociateOpportunityCommand({
          Catalog,
          OpportunityIdentifier: Id!,
          RelatedEntityType: "Solutions",
          RelatedEntityIdentifier,
        }),
      );
    await associate("S-0052021");
    const unknown = await rejectionOf(associate("S-7654321"));
    expect(unknown.name).toBe("ResourceNotFoundException");
    // Another partner's own solution is unknown to the caller.
    const foreign = await rejectionOf(associate("S-2000001"));
    expect(foreign.name).toBe("ResourceNotFoundException");
    // An AWS-catalog solution does not exist in Sandbox.
    expect((await rejectionOf(associate("S-0041817"))).name).toBe("ResourceNotFoundException");
  });
});

describe("AWS Marketplace solution ARNs", () => {
  const listing = (account: string, id: string) =>
    `arn:aws:aws-marketplace:us-east-1:${account}:AWSMarketplace/Solution/${id}`;
  const C = PARTNER_C.awsAccountId;

  it("lists the default listings of S-0052021 (Sandbox) and S-0041817 (AWS), in the account's name", async () => {
    const sandbox = (await list({}, PARTNER_C)).SolutionSummaries!;
    expect(sandbox.find((s) => s.Id === "S-0052021")?.AwsMarketplaceSolutionArn).toBe(
      listing(C, "soln-a0052021sbxdm"),
    );
    expect(sandbox.filter((s) => s.AwsMarketplaceSolutionArn !== undefined).map((s) => s.Id)).toEqual([
      "S-0052021",
    ]);
    const aws = (await list({ Catalog: "AWS" }, PARTNER_C)).SolutionSummaries!;
    expect(aws.find((s) => s.Id === "S-0041817")?.AwsMarketplaceSolutionArn).toBe(
      listing(C, "soln-a0041817awspa"),
    );
  });

  it("filters on up to 10 ARNs, matching the solutions listed under one of them", async () => {
    const mine = listing(C, "soln-a0052021sbxdm");
    const added = await addSolution({
      Account: C,
      Catalog: "Sandbox",
      Id: "S-3000001",
      Name: "Listed Solution",
      Status: "Active",
      Category: "Software Product",
      AwsMarketplaceSolutionArn: listing(C, "soln-3000001"),
    });
    expect(added.AwsMarketplaceSolutionArn).toBe(listing(C, "soln-3000001"));
    expect(ids((await list({ AwsMarketplaceSolutionArn: [mine] }, PARTNER_C)).SolutionSummaries)).toEqual([
      "S-0052021",
    ]);
    const both = await list(
      { AwsMarketplaceSolutionArn: [mine, listing(C, "soln-3000001"), listing(C, "soln-none")] },
      PARTNER_C,
    );
    expect(ids(both.SolutionSummaries)).toEqual(["S-3000001", "S-0052021"]);
    // Another account's listing of the same default solution is not this account's.
    const foreign = listing(PARTNER_A.awsAccountId, "soln-a0052021sbxdm");
    expect((await list({ AwsMarketplaceSolutionArn: [foreign] }, PARTNER_C)).SolutionSummaries).toEqual([]);
    expect(
      ids(
        (await list({ AwsMarketplaceSolutionArn: [mine], Status: ["Active"] }, PARTNER_C)).SolutionSummaries,
      ),
    ).toEqual(["S-0052021"]);

    const tooMany = Array.from({ length: 11 }, (_, i) => listing(C, `soln-${i}`));
    const err = await rejectionOf(list({ AwsMarketplaceSolutionArn: tooMany }, PARTNER_C));
    expect(err.name).toBe("ValidationException");
    expect(err.ErrorList[0].FieldName).toBe("awsMarketplaceSolutionArn");
    const bad = await rejectionOf(list({ AwsMarketplaceSolutionArn: ["soln-123"] }, PARTNER_C));
    expect(bad.ErrorList[0].FieldName).toBe("awsMarketplaceSolutionArn[0]");
  });

  it("the control plane sets, keeps and removes a solution's listing, and checks it", async () => {
    const body = { Account: C, Catalog: "AWS", Id: "S-3000002" };
    await addSolution({ ...body, Name: "Later Listed", Status: "Draft", Category: "Managed Service" });
    expect(
      (await list({ Catalog: "AWS", Identifier: ["S-3000002"] }, PARTNER_C)).SolutionSummaries![0],
    ).not.toHaveProperty("AwsMarketplaceSolutionArn");
    const arn = listing(C, "soln-3000002");
    await addSolution({ ...body, AwsMarketplaceSolutionArn: arn });
    const renamed = await addSolution({ ...body, Name: "Listed Now" });
    expect(renamed).toMatchObject({ Name: "Listed Now", AwsMarketplaceSolutionArn: arn });
    expect(
      (await list({ Catalog: "AWS", AwsMarketplaceSolutionArn: [arn] }, PARTNER_C)).SolutionSummaries![0],
    ).toMatchObject({ Id: "S-3000002", Name: "Listed Now", AwsMarketplaceSolutionArn: arn });

    const removed = await addSolution({ ...body, AwsMarketplaceSolutionArn: null });
    expect(removed).not.toHaveProperty("AwsMarketplaceSolutionArn");
    expect(
      (await list({ Catalog: "AWS", AwsMarketplaceSolutionArn: [arn] }, PARTNER_C)).SolutionSummaries,
    ).toEqual([]);

    for (const value of ["soln-3000002", "arn", 42, `arn:${"x".repeat(2045)}`]) {
      const res = await h.controlRaw("POST", "/_pclocal/solutions", {
        ...body,
        AwsMarketplaceSolutionArn: value,
      });
      expect(res.status).toBe(400);
      const fields = new Set(res.json.ErrorList.map((e: { FieldName: string }) => e.FieldName));
      expect([...fields]).toEqual(["awsMarketplaceSolutionArn"]);
    }
  });
});
