import {
  AcceptEngagementInvitationCommand,
  CreateOpportunityCommand,
  GetOpportunityCommand,
  ListTagsForResourceCommand,
  StartOpportunityFromEngagementTaskCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-partnercentral-selling";
import { describe, expect, it } from "vitest";
import { LEAD_CONTEXT, LEAD_INVITATION_PAYLOAD } from "./helpers/fixtures.js";
import { PARTNER_A, PARTNER_B, rejectionOf, useHarness } from "./helpers/harness.js";

const h = useHarness();

const opportunityArn = (account: string, id: string, catalog = "Sandbox") =>
  `arn:aws:partnercentral:us-east-1:${account}:catalog/${catalog}/opportunity/${id}`;

async function newOpportunity(account = PARTNER_A, extra: object = {}) {
  const { Id } = await h.client(account).send(new CreateOpportunityCommand({ Catalog: "Sandbox", ...extra }));
  return opportunityArn(account.awsAccountId, Id!);
}

const tag = (ResourceArn: string, Tags: { Key: string; Value: string }[], account = PARTNER_A) =>
  h.client(account).send(new TagResourceCommand({ ResourceArn, Tags }));
const untag = (ResourceArn: string, TagKeys: string[], account = PARTNER_A) =>
  h.client(account).send(new UntagResourceCommand({ ResourceArn, TagKeys }));
const tagsOf = async (ResourceArn: string, account = PARTNER_A) =>
  (await h.client(account).send(new ListTagsForResourceCommand({ ResourceArn }))).Tags;

describe("tags on an opportunity", () => {
  it("tags, lists, overwrites and untags", async () => {
    const arn = await newOpportunity();
    expect(await tagsOf(arn)).toEqual([]);
    const res = await tag(arn, [
      { Key: "team", Value: "emea" },
      { Key: "crm-id", Value: "0061x00000ABC" },
    ]);
    expect(Object.keys(res)).toEqual(["$metadata"]);
    expect(await tagsOf(arn)).toEqual([
      { Key: "team", Value: "emea" },
      { Key: "crm-id", Value: "0061x00000ABC" },
    ]);
    // A key given again takes the later value, within a request too.
    await tag(arn, [
      { Key: "team", Value: "apj" },
      { Key: "tier", Value: "1" },
      { Key: "tier", Value: "2" },
    ]);
    expect(await tagsOf(arn)).toEqual([
      { Key: "team", Value: "apj" },
      { Key: "crm-id", Value: "0061x00000ABC" },
      { Key: "tier", Value: "2" },
    ]);
    await untag(arn, ["team", "not-there"]);
    expect(await tagsOf(arn)).toEqual([
      { Key: "crm-id", Value: "0061x00000ABC" },
      { Key: "tier", Value: "2" },
    ]);
    await untag(arn, ["crm-id", "tier"]);
    expect(await tagsOf(arn)).toEqual([]);
  });

  it("keeps the tags given to CreateOpportunity", async () => {
    const arn = await newOpportunity(PARTNER_A, { Tags: [{ Key: "source", Value: "crm" }] });
    expect(await tagsOf(arn)).toEqual([{ Key: "source", Value: "crm" }]);
    const reserved = await rejectionOf(
      h
        .client(PARTNER_A)
        .send(
          new CreateOpportunityCommand({ Catalog: "Sandbox", Tags: [{ Key: "aws:created", Value: "x" }] }),
        ),
    );
    expect(reserved.name).toBe("ValidationException");
  });

  it("puts the tags of a Start…Task on the opportunity it creates", async () => {
    const lead = await h.control<{ Id: string; EngagementId: string }>(
      "POST",
      "/_pclocal/aws/engagement-invitations",
      {
        Catalog: "Sandbox",
        ReceiverAwsAccountId: PARTNER_A.awsAccountId,
        PayloadType: "LeadInvitation",
        Payload: LEAD_INVITATION_PAYLOAD,
        Context: LEAD_CONTEXT,
      },
    );
    const a = h.client(PARTNER_A);
    await a.send(new AcceptEngagementInvitationCommand({ Catalog: "Sandbox", Identifier: lead.Id }));
    const task = await a.send(
      new StartOpportunityFromEngagementTaskCommand({
        Catalog: "Sandbox",
        Identifier: lead.EngagementId,
        ContextIdentifier: "1",
        Tags: [{ Key: "source", Value: "lead-conversion" }],
      }),
    );
    const opportunity = await a.send(
      new GetOpportunityCommand({ Catalog: "Sandbox", Identifier: task.OpportunityId }),
    );
    expect(await tagsOf(opportunity.Arn!)).toEqual([{ Key: "source", Value: "lead-conversion" }]);
  });

  it("allows at most 200 tags per resource", async () => {
    const arn = await newOpportunity();
    const many = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({ Key: `k${from + i}`, Value: "v" }));
    await tag(arn, many(0, 150));
    const over = await rejectionOf(tag(arn, many(150, 51)));
    expect(over.name).toBe("ValidationException");
    expect(over.Reason).toBe("BUSINESS_VALIDATION_FAILED");
    expect(over.ErrorList[0]).toMatchObject({ FieldName: "tags", Code: "TOO_MANY_VALUES" });
    expect(await tagsOf(arn)).toHaveLength(150);
    // Overwriting existing keys does not count twice.
    await tag(arn, [...many(100, 50), ...many(150, 50)]);
    expect(await tagsOf(arn)).toHaveLength(200);
    // A single request over 200 is refused by the model's length bound.
    const tooLong = await rejectionOf(tag(arn, many(0, 201)));
    expect(tooLong.name).toBe("ValidationException");
    expect(tooLong.Reason).toBe("REQUEST_VALIDATION_FAILED");
  });

  it("reserves keys starting with aws:", async () => {
    const arn = await newOpportunity();
    const err = await rejectionOf(
      tag(arn, [
        { Key: "ok", Value: "1" },
        { Key: "aws:owner", Value: "x" },
      ]),
    );
    expect(err.name).toBe("ValidationException");
    expect(err.ErrorList[0]).toMatchObject({ FieldName: "tags[1].key", Code: "INVALID_VALUE" });
    expect(await tagsOf(arn)).toEqual([]);
    expect((await rejectionOf(untag(arn, ["AWS:owner"]))).name).toBe("ValidationException");
  });

  it("hides another account's resources and refuses malformed or untaggable ARNs", async () => {
    const arn = await newOpportunity(PARTNER_A);
    for (const call of [
      tag(arn, [{ Key: "k", Value: "v" }], PARTNER_B),
      untag(arn, ["k"], PARTNER_B),
      tagsOf(arn, PARTNER_B),
    ]) {
      expect((await rejectionOf(call)).name).toBe("ResourceNotFoundException");
    }
    // The same id under the caller's own account names nothing either.
    const id = arn.split("/").pop()!;
    expect((await rejectionOf(tagsOf(opportunityArn(PARTNER_B.awsAccountId, id), PARTNER_B))).name).toBe(
      "ResourceNotFoundException",
    );
    expect((await rejectionOf(tagsOf(opportunityArn(PARTNER_A.awsAccountId, "O999999")))).name).toBe(
      "ResourceNotFoundException",
    );
    expect((await rejectionOf(tagsOf(opportunityArn(PARTNER_A.awsAccountId, id, "AWS")))).name).toBe(
      "ResourceNotFoundException",
    );
    const job = `arn:aws:partnercentral:us-east-1:${PARTNER_A.awsAccountId}:catalog/Sandbox/resource-snapshot-job/job-0000000000000`;
    expect((await rejectionOf(tagsOf(job))).name).toBe("ResourceNotFoundException");

    // No account field (an engagement ARN) → the model's pattern refuses it.
    const engagement = "arn:aws:partnercentral:us-east-1::catalog/Sandbox/engagement/eng-00000000000000";
    const malformed = await rejectionOf(tagsOf(engagement));
    expect(malformed.name).toBe("ValidationException");
    expect(malformed.Reason).toBe("REQUEST_VALIDATION_FAILED");
    expect((await rejectionOf(tag("not-an-arn", [{ Key: "k", Value: "v" }]))).name).toBe(
      "ValidationException",
    );
    // Well-formed but not a taggable resource type.
    const solution = `arn:aws:partnercentral:us-east-1:${PARTNER_A.awsAccountId}:catalog/Sandbox/solution/S-1234567`;
    const untaggable = await rejectionOf(tagsOf(solution));
    expect(untaggable.name).toBe("ValidationException");
    expect(untaggable.ErrorList[0].FieldName).toBe("resourceArn");
  });

  it("tags a resource snapshot job of the caller once one is stored", async () => {
    const job = `arn:aws:partnercentral:us-east-1:${PARTNER_A.awsAccountId}:catalog/Sandbox/resource-snapshot-job/job-abcdefghij123`;
    await h.server.services.store.transaction((tx) =>
      tx.resources.put({
        kind: "resource-snapshot-job",
        catalog: "Sandbox",
        id: "job-abcdefghij123",
        ownerAccountId: PARTNER_A.awsAccountId,
        createdAt: Date.now(),
        doc: {},
      }),
    );
    await tag(job, [{ Key: "env", Value: "test" }]);
    expect(await tagsOf(job)).toEqual([{ Key: "env", Value: "test" }]);
  });
});
