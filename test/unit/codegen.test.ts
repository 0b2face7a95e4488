import { beforeAll, expect, it } from "vitest";
import { SHAPE_CONSTRAINTS, type ShapeConstraint } from "../../src/model/generated/constraints.js";
import { ERROR_SHAPES, OPERATION_NAMES, OPERATIONS } from "../../src/model/generated/operations.js";
import { ReviewStatus_VALUES } from "../../src/model/generated/shapes.js";
import { GENERATED_DIR, generate, HEADER, staleFiles } from "../../tools/codegen.js";
import { describeWithModel, rawModel } from "./helpers/model.js";

const structure = (name: string) => {
  const shape = SHAPE_CONSTRAINTS[name];
  if (shape?.type !== "structure") throw new Error(`${name} is not a structure`);
  return shape;
};

const member = (shape: string, name: string) => {
  const m = structure(shape).members.find((x) => x.name === name);
  if (!m) throw new Error(`${shape} has no member ${name}`);
  return m;
};

describeWithModel("generator", () => {
  let files: Record<string, string> = {};
  beforeAll(() => {
    files = generate(rawModel());
  });

  it("finds the 45 operations of the service, its resources and nested resources", () => {
    expect(OPERATION_NAMES).toHaveLength(45);
    expect(Object.keys(OPERATIONS).sort()).toEqual([...OPERATION_NAMES]);
    expect(OPERATION_NAMES).toContain("StartProspectingFromEngagementTask"); // merged prospecting shapes
    expect(OPERATION_NAMES).toContain("CreateEngagementContext"); // bound on the service directly
    expect([...OPERATION_NAMES]).toEqual([...OPERATION_NAMES].sort());
  });

  it("keeps the committed output in sync with the model (the --check of CI)", () => {
    expect(staleFiles(files, GENERATED_DIR)).toEqual([]);
  });

  it("is deterministic and marks every file as generated, without documentation text", () => {
    expect(generate(rawModel())).toEqual(files);
    for (const [name, content] of Object.entries(files)) {
      expect(content.startsWith(`${HEADER}\n`), name).toBe(true);
      expect(content, name).not.toContain("\t");
      expect(content, name).not.toContain("Grants permission"); // iam action documentation
      expect(content, name).not.toContain("<p>"); // model documentation is HTML
    }
  });

  it("describes operations: input, output, errors, idempotency token, readonly, pagination", () => {
    expect(OPERATIONS.GetEngagementInvitation).toMatchObject({
      input: "GetEngagementInvitationRequest",
      output: "GetEngagementInvitationResponse",
      readonly: true,
    });
    expect(OPERATIONS.GetEngagementInvitation.idempotencyToken).toBeUndefined();
    expect(OPERATIONS.CreateEngagement.idempotencyToken).toBe("ClientToken");
    expect(OPERATIONS.AcceptEngagementInvitation.output).toBeNull();
    expect(OPERATIONS.ListEngagements.paginated).toEqual({
      inputToken: "NextToken",
      outputToken: "NextToken",
      pageSize: "MaxResults",
      items: "EngagementSummaryList",
    });
    expect(OPERATIONS.CreateEngagement.errors).toContain("ServiceQuotaExceededException");
    const tokenOps = OPERATION_NAMES.filter((op) => OPERATIONS[op].idempotencyToken);
    expect(tokenOps).toHaveLength(10); // 9 in the model + StartProspectingFromEngagementTask
  });

  it("lists the seven error shapes with their HTTP status", () => {
    const statuses = Object.fromEntries(Object.values(ERROR_SHAPES).map((e) => [e.name, e.httpStatus]));
    expect(statuses).toEqual({
      AccessDeniedException: 403,
      ConflictException: 409,
      InternalServerException: 500,
      ResourceNotFoundException: 404,
      ServiceQuotaExceededException: 402,
      ThrottlingException: 429,
      ValidationException: 400,
    });
    expect(ERROR_SHAPES.ValidationException.members.map((m) => [m.name, m.required])).toEqual([
      ["Message", true],
      ["Reason", true],
      ["ErrorList", false],
    ]);
  });

  it("records required members", () => {
    const required = structure("GetEngagementInvitationRequest")
      .members.filter((m) => m.required)
      .map((m) => m.name);
    expect(required).toEqual(["Catalog", "Identifier"]);
    expect(member("ListEngagementsRequest", "NextToken").required).toBeUndefined();
  });

  it("keeps patterns as the model's strings", () => {
    expect(SHAPE_CONSTRAINTS.EngagementTitle).toEqual({ type: "string", pattern: "^(?s).{0,40}$" });
    expect(SHAPE_CONSTRAINTS.TaskArnOrIdentifier).toEqual({
      type: "string",
      pattern: "^(arn:.*|task-[0-9a-z]{13})$",
    });
    expect(member("ExpectedCustomerSpend", "TargetCompany")).toMatchObject({
      target: "smithy.api#String",
      pattern: "^(?s).{1,80}$",
    });
    expect(SHAPE_CONSTRAINTS.CompanyWebsiteUrl).toMatchObject({ sensitive: true });
  });

  it("keeps a member-level range beside its target's (the member's wins)", () => {
    expect(member("ListEngagementResourceAssociationsRequest", "MaxResults")).toMatchObject({
      target: "PageSize",
      range: { min: 1, max: 1000 },
      default: 100,
    });
    expect(SHAPE_CONSTRAINTS.PageSize).toEqual({ type: "integer", range: { min: 1, max: 100 } });
    expect(SHAPE_CONSTRAINTS.ResourceSnapshotRevision).toEqual({ type: "integer", range: { min: 1 } });
  });

  it("records list lengths, member-level lengths and defaults", () => {
    expect(SHAPE_CONSTRAINTS.SenderContactList).toEqual({
      type: "list",
      member: { target: "SenderContact" },
      length: { min: 1, max: 3 },
    });
    expect(member("ListOpportunitiesRequest", "Identifier")).toMatchObject({
      target: "FilterIdentifier",
      length: { max: 20 },
    });
    expect(member("ListEngagementsRequest", "MaxResults").default).toBe(20);
    expect(member("LeadContext", "QualificationStatus").default).toBe("Unqualified");
    expect(member("ExpectedCustomerSpend", "Amount")).toMatchObject({ default: "", addedDefault: true });
  });

  it("uses the wire values of enums, spaces included", () => {
    const reviewStatus = SHAPE_CONSTRAINTS.ReviewStatus as Extract<ShapeConstraint, { type: "enum" }>;
    expect(reviewStatus.values).toContain("Pending Submission");
    expect(reviewStatus.values).not.toContain("PENDING_SUBMISSION");
    expect([...ReviewStatus_VALUES]).toEqual(reviewStatus.values);
    expect(files["shapes.ts"]).toContain('| "Pending Submission"');
    const country = SHAPE_CONSTRAINTS.CountryCode as Extract<ShapeConstraint, { type: "enum" }>;
    expect(country.values).toHaveLength(249);
  });

  it("has constraints for every shape an operation input or output reaches", () => {
    for (const op of OPERATION_NAMES) expect(SHAPE_CONSTRAINTS[OPERATIONS[op].input]?.type).toBe("structure");
    const missing: string[] = [];
    for (const shape of Object.values(SHAPE_CONSTRAINTS)) {
      const targets =
        shape.type === "structure" || shape.type === "union"
          ? shape.members.map((m) => m.target)
          : shape.type === "list"
            ? [shape.member.target]
            : shape.type === "map"
              ? [shape.key.target, shape.value.target]
              : [];
      for (const t of targets) if (!SHAPE_CONSTRAINTS[t]) missing.push(t);
    }
    expect(missing).toEqual([]);
    // Output-only shapes too, for what the control plane lets AWS supply.
    expect(SHAPE_CONSTRAINTS.GetEngagementResponse?.type).toBe("structure");
    expect(member("EnrichmentContext", "LeadInsights").target).toBe("LeadInsights");
    expect(member("OpportunityQuality", "Score").range).toEqual({ min: 0, max: 100 });
  });

  it("generates wire types: interfaces with required members, unions with optional members", () => {
    const shapes = files["shapes.ts"]!;
    expect(shapes).toContain(
      "export interface GetEngagementInvitationRequest {\n  Catalog: string;\n  Identifier: string;\n}",
    );
    expect(shapes).toMatch(
      /export interface Payload \{\n {2}OpportunityInvitation\?: OpportunityInvitationPayload;/,
    );
    expect(shapes).toContain("  CreatedAt?: string;"); // timestamps are ISO-8601 strings
    expect(shapes).toContain("  SenderContacts?: SenderContact[];");
    expect(files["operations.ts"]).toContain(
      "AcceptEngagementInvitation: { input: AcceptEngagementInvitationRequest; output: Record<string, never> };",
    );
  });
});
