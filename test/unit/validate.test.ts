import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ValidationIssue } from "../../src/errors.js";
import { SHAPE_CONSTRAINTS } from "../../src/model/generated/constraints.js";
import { OPERATION_NAMES, OPERATIONS, type OperationName } from "../../src/model/generated/operations.js";
import { parseDateTime } from "../../src/util/rfc3339.js";
import {
  MAX_ISSUES,
  normalizeInput,
  precompileValidators,
  validateInput,
  validateShape,
} from "../../src/validation/validate.js";
import {
  createEngagement,
  createEngagementInvitation,
  customerProjectContext,
  leadContext,
  opportunityInvitationPayload,
} from "./helpers/fixtures.js";

type Json = Record<string, unknown>;

const codes = (issues: ValidationIssue[]) => issues.map((i) => `${i.FieldName ?? ""}:${i.Code}`);
const validate = (op: OperationName, input: unknown) => validateInput(op, input as Json);

describe("validateInput: required members", () => {
  it("reports a missing Catalog", () => {
    const issues = validate("GetEngagement", { Identifier: "eng-0123456789abcd" });
    expect(issues).toEqual([
      { FieldName: "catalog", Code: "REQUIRED_FIELD_MISSING", Message: expect.any(String) },
    ]);
    expect(issues[0]!.Message.length).toBeGreaterThan(0);
  });

  it("treats null like an absent member", () => {
    expect(codes(validate("GetEngagement", { Catalog: null, Identifier: "eng-0123456789abcd" }))).toEqual([
      "catalog:REQUIRED_FIELD_MISSING",
    ]);
    expect(validate("ListEngagements", { Catalog: "AWS", NextToken: null, Sort: null })).toEqual([]);
  });

  it("accepts valid inputs and ignores unknown members", () => {
    expect(validate("GetEngagement", { Catalog: "Sandbox", Identifier: "eng-0123456789abcd" })).toEqual([]);
    expect(validate("CreateEngagement", createEngagement())).toEqual([]);
    expect(validate("CreateEngagement", { ...createEngagement(), Contexts: [leadContext()] })).toEqual([]);
    expect(validate("CreateEngagementInvitation", createEngagementInvitation())).toEqual([]);
    const withUnknown = { ...createEngagement(), Surprise: { a: [1, 2] }, catalog: 7 };
    withUnknown.Contexts[0]!.Payload.CustomerProject.Customer = {
      ...withUnknown.Contexts[0]!.Payload.CustomerProject.Customer,
      Extra: null,
    } as never;
    expect(validate("CreateEngagement", withUnknown)).toEqual([]);
  });
});

describe("validateInput: formats, enums, lists, ranges", () => {
  it("reports a badly formed identifier", () => {
    expect(validate("GetEngagementInvitation", { Catalog: "Sandbox", Identifier: "engi-UPPER" })).toEqual([
      { FieldName: "identifier", Code: "INVALID_STRING_FORMAT", Message: expect.stringContaining("engi-") },
    ]);
    expect(codes(validate("GetEngagement", { Catalog: "AWS 1", Identifier: "eng-x" }))).toEqual([
      "catalog:INVALID_STRING_FORMAT",
      "identifier:INVALID_STRING_FORMAT",
    ]);
  });

  it("explains length-only patterns in words", () => {
    const [issue] = validate("CreateEngagement", { ...createEngagement(), Title: "x".repeat(41) });
    expect(issue).toEqual({
      FieldName: "title",
      Code: "INVALID_STRING_FORMAT",
      Message: "Value must be at most 40 characters long",
    });
  });

  it("reports values outside an enum, with a short message for long enums", () => {
    const issues = validate("ListEngagementInvitations", { Catalog: "AWS", ParticipantType: "BOTH" });
    expect(issues).toEqual([
      {
        FieldName: "participantType",
        Code: "INVALID_ENUM_VALUE",
        Message: "Value must be one of: SENDER, RECEIVER",
      },
    ]);
    const input = createEngagement();
    input.Contexts[0]!.Payload.CustomerProject.Customer.CountryCode = "XX";
    const [country] = validate("CreateEngagement", input);
    expect(country).toMatchObject({
      FieldName: "contexts[0].payload.customerProject.customer.countryCode",
      Code: "INVALID_ENUM_VALUE",
    });
    expect(country!.Message.length).toBeLessThan(100);
    // Wire values, not member names.
    expect(
      validate("ListEngagementInvitations", {
        Catalog: "AWS",
        ParticipantType: "RECEIVER",
        Status: ["PENDING"],
      }),
    ).toEqual([]);
  });

  it("reports lists that are too long or too short", () => {
    const accounts = Array.from({ length: 11 }, (_, i) => String(100000000000 + i));
    expect(codes(validate("ListEngagements", { Catalog: "AWS", CreatedBy: accounts }))).toEqual([
      "createdBy:TOO_MANY_VALUES",
    ]);
    expect(codes(validate("ListEngagements", { Catalog: "AWS", CreatedBy: [] }))).toEqual([
      "createdBy:NOT_ENOUGH_VALUES",
    ]);
    expect(validate("ListEngagements", { Catalog: "AWS", CreatedBy: accounts.slice(0, 10) })).toEqual([]);
    const input = createEngagementInvitation();
    const contacts = input.Invitation.Payload.OpportunityInvitation.SenderContacts;
    contacts.push(...contacts);
    expect(validate("CreateEngagementInvitation", input)).toEqual([
      {
        FieldName: "invitation.payload.opportunityInvitation.senderContacts",
        Code: "TOO_MANY_VALUES",
        Message: "Must have at most 3 items",
      },
    ]);
  });

  it("reports integers out of range, member-level ranges overriding the target's", () => {
    expect(codes(validate("ListEngagements", { Catalog: "AWS", MaxResults: 0 }))).toEqual([
      "maxResults:VALUE_OUT_OF_RANGE",
    ]);
    expect(codes(validate("ListEngagements", { Catalog: "AWS", MaxResults: 101 }))).toEqual([
      "maxResults:VALUE_OUT_OF_RANGE",
    ]);
    expect(validate("ListEngagements", { Catalog: "AWS", MaxResults: 100 })).toEqual([]);
    // PageSize is 1..100, but this member says 1..1000.
    expect(validate("ListEngagementResourceAssociations", { Catalog: "AWS", MaxResults: 1000 })).toEqual([]);
    expect(
      codes(validate("ListEngagementResourceAssociations", { Catalog: "AWS", MaxResults: 1001 })),
    ).toEqual(["maxResults:VALUE_OUT_OF_RANGE"]);
    expect(
      validate("ListEngagementMembers", { Catalog: "AWS", Identifier: "eng-0123456789abcd", MaxResults: 11 }),
    ).toEqual([
      { FieldName: "maxResults", Code: "VALUE_OUT_OF_RANGE", Message: "Value must be between 1 and 10" },
    ]);
  });

  it("checks timestamps: RFC 3339 date-time strings or epoch seconds", () => {
    const update = (EngagementLastModifiedAt: unknown) =>
      validate("UpdateEngagementContext", {
        Catalog: "AWS",
        EngagementIdentifier: "eng-0123456789abcd",
        ContextIdentifier: "1",
        EngagementLastModifiedAt,
        Type: "CustomerProject",
        Payload: { CustomerProject: customerProjectContext().Payload.CustomerProject },
      });
    for (const ok of [
      "2023-05-01T20:37:46Z",
      "2025-01-24T20:48:55.457Z",
      "2025-01-24T20:48:55.457306587Z",
      "2023-05-01T20:37:46+02:00",
      "2024-02-29T00:00:00-05:30",
      1700000000,
      1700000000.5,
    ]) {
      expect(update(ok), String(ok)).toEqual([]);
    }
    for (const bad of [
      "yesterday",
      "2023-05-01",
      "2023-02-30T00:00:00Z",
      "2023-05-01T24:00:00Z",
      "2023-05-01 20:37:46Z",
      true,
      {},
    ]) {
      expect(codes(update(bad)), String(bad)).toEqual(["engagementLastModifiedAt:INVALID_VALUE"]);
    }
    expect(Number.isFinite(parseDateTime("2100-02-29T00:00:00Z"))).toBe(false);
    expect(Number.isFinite(parseDateTime("2000-02-29T00:00:00Z"))).toBe(true);
  });
});

describe("validateInput: JSON types", () => {
  it("reports wrong JSON types as INVALID_VALUE", () => {
    const issues = validate("CreateEngagement", {
      Catalog: 7,
      ClientToken: true,
      Title: ["x"],
      Description: { text: "" },
      Contexts: { not: "a list" },
    });
    expect(codes(issues)).toEqual([
      "catalog:INVALID_VALUE",
      "clientToken:INVALID_VALUE",
      "title:INVALID_VALUE",
      "description:INVALID_VALUE",
      "contexts:INVALID_VALUE",
    ]);
    expect(codes(validate("ListEngagements", { Catalog: "AWS", Sort: [] }))).toEqual(["sort:INVALID_VALUE"]);
    expect(codes(validate("ListEngagements", { Catalog: "AWS", MaxResults: "10" }))).toEqual([
      "maxResults:INVALID_VALUE",
    ]);
    expect(codes(validate("ListEngagements", { Catalog: "AWS", MaxResults: 2.5 }))).toEqual([
      "maxResults:INVALID_VALUE",
    ]);
    expect(codes(validate("ListEngagements", { Catalog: "AWS", ContextTypes: "Lead" }))).toEqual([
      "contextTypes:INVALID_VALUE",
    ]);
    expect(codes(validate("ListEngagements", { Catalog: "AWS", ContextTypes: [null, 3, "Lead"] }))).toEqual([
      "contextTypes[0]:INVALID_VALUE",
      "contextTypes[1]:INVALID_VALUE",
    ]);
    expect(codes(validate("CreateEngagement", { ...createEngagement(), Contexts: [[]] }))).toEqual([
      "contexts[0]:INVALID_VALUE",
    ]);
  });

  it("reports every violation at once, nested ones with their full path", () => {
    const input = createEngagementInvitation();
    const payload = input.Invitation.Payload.OpportunityInvitation;
    payload.SenderContacts[0]!.Email = "not an email";
    payload.SenderContacts[1]!.Phone = "555";
    payload.Project.ExpectedCustomerSpend[0]!.Amount = "1.234";
    payload.Customer.CountryCode = "XX";
    delete (payload.Project as Partial<typeof payload.Project>).Title;
    (input as Json).Catalog = undefined;
    expect(codes(validate("CreateEngagementInvitation", input))).toEqual([
      "catalog:REQUIRED_FIELD_MISSING",
      "invitation.payload.opportunityInvitation.senderContacts[0].email:INVALID_STRING_FORMAT",
      "invitation.payload.opportunityInvitation.senderContacts[1].phone:INVALID_STRING_FORMAT",
      "invitation.payload.opportunityInvitation.customer.countryCode:INVALID_ENUM_VALUE",
      "invitation.payload.opportunityInvitation.project.title:REQUIRED_FIELD_MISSING",
      "invitation.payload.opportunityInvitation.project.expectedCustomerSpend[0].amount:INVALID_STRING_FORMAT",
    ]);
  });

  it("requires exactly one member of a union", () => {
    const withPayload = (Payload: unknown) => {
      const input = createEngagementInvitation();
      (input.Invitation as Json).Payload = Payload;
      return validate("CreateEngagementInvitation", input);
    };
    expect(codes(withPayload({}))).toEqual(["invitation.payload:INVALID_VALUE"]);
    const both = withPayload({
      OpportunityInvitation: opportunityInvitationPayload(),
      LeadInvitation: { Customer: {}, Interaction: {} },
    });
    expect(both).toEqual([
      { FieldName: "invitation.payload", Code: "INVALID_VALUE", Message: expect.stringContaining("found 2") },
    ]);
    expect(
      withPayload({ OpportunityInvitation: opportunityInvitationPayload(), LeadInvitation: null }),
    ).toEqual([]);
    expect(codes(withPayload({ Unknown: {} }))).toEqual(["invitation.payload:INVALID_VALUE"]);
    expect(
      codes(withPayload({ LeadInvitation: { Customer: { CompanyName: "X", CountryCode: "US" } } })),
    ).toEqual(["invitation.payload.leadInvitation.interaction:REQUIRED_FIELD_MISSING"]);
  });

  it("never throws on hostile values, and caps the number of issues", () => {
    const hostile: unknown[] = [
      null,
      [],
      "string",
      42,
      { Catalog: "\ud800", Identifier: "eng-\udc00" },
      { Catalog: Object.create(null) },
      { Contexts: Array.from({ length: 100_000 }, () => 7) },
      { Contexts: [JSON.parse(`${"[".repeat(5000)}${"]".repeat(5000)}`)] },
    ];
    for (const input of hostile) {
      const issues = validate("CreateEngagement", input);
      expect(Array.isArray(issues)).toBe(true);
      expect(issues.length).toBeLessThanOrEqual(MAX_ISSUES);
    }
    const many = validate("UntagResource", {
      ResourceArn: 1,
      TagKeys: Array.from({ length: 100_000 }, (_, i) => i),
    });
    expect(many).toHaveLength(MAX_ISSUES);
    expect(codes(many).slice(0, 3)).toEqual([
      "resourceArn:INVALID_VALUE",
      "tagKeys:TOO_MANY_VALUES",
      "tagKeys[0]:INVALID_VALUE",
    ]);
    expect(codes(validate("CreateEngagement", []))).toEqual([":INVALID_VALUE"]); // no FieldName at the top
    expect(validate("CreateEngagement", [])[0]).not.toHaveProperty("FieldName");
  });

  it("answers the two pathological inputs of the design with INVALID_STRING_FORMAT", () => {
    const engagement = createEngagement();
    engagement.Contexts[0]!.Payload.CustomerProject.Customer.WebsiteUrl = `www.${".".repeat(250)}!`;
    expect(validate("CreateEngagement", engagement)).toEqual([
      {
        FieldName: "contexts[0].payload.customerProject.customer.websiteUrl",
        Code: "INVALID_STRING_FORMAT",
        Message: expect.any(String),
      },
    ]);
    const invitation = createEngagementInvitation();
    invitation.Invitation.Payload.OpportunityInvitation.SenderContacts[0]!.Email = `a@${"a".repeat(77)}!`;
    expect(validate("CreateEngagementInvitation", invitation)).toEqual([
      {
        FieldName: "invitation.payload.opportunityInvitation.senderContacts[0].email",
        Code: "INVALID_STRING_FORMAT",
        Message: expect.any(String),
      },
    ]);
  });
});

describe("validateShape", () => {
  it("validates a value against a named shape under a base path", () => {
    const payload = opportunityInvitationPayload();
    payload.Customer.CountryCode = "XX";
    expect(codes(validateShape("OpportunityInvitationPayload", payload, "payload"))).toEqual([
      "payload.customer.countryCode:INVALID_ENUM_VALUE",
    ]);
    expect(validateShape("EngagementTitle", "", "engagementTitle")).toEqual([]);
    expect(codes(validateShape("EngagementTitle", "x".repeat(41), "engagementTitle"))).toEqual([
      "engagementTitle:INVALID_STRING_FORMAT",
    ]);
    expect(validateShape("EngagementContextDetails", leadContext(), "context")).toEqual([]);
    expect(validateShape("EngagementTitle", undefined)).toEqual([]);
    expect(() => validateShape("NoSuchShape", {})).toThrow(/NoSuchShape/);
  });

  it("compiles every shape ahead of time without error", () => {
    expect(() => precompileValidators()).not.toThrow();
  });
});

describe("normalizeInput", () => {
  it("sets top-level defaults of absent or null members and keeps given values", () => {
    expect(normalizeInput("ListEngagements", { Catalog: "AWS" })).toEqual({ Catalog: "AWS", MaxResults: 20 });
    const members = { Catalog: "AWS", Identifier: "eng-0123456789abcd", MaxResults: null };
    expect(normalizeInput("ListEngagementMembers", members).MaxResults).toBe(5);
    expect(normalizeInput("ListResourceSnapshotJobs", { Catalog: "AWS", MaxResults: 7 }).MaxResults).toBe(7);
    expect(normalizeInput("ListOpportunities", { Catalog: "AWS" })).toEqual({ Catalog: "AWS" });
  });

  it("sets defaults in nested structures and lists", () => {
    const input = { ...createEngagement(), Contexts: [customerProjectContext(), leadContext()] };
    const out = normalizeInput("CreateEngagement", input) as typeof input;
    expect((out.Contexts[1]!.Payload as { Lead: Json }).Lead.QualificationStatus).toBe("Unqualified");
    expect(out.Contexts[0]).toEqual(customerProjectContext());

    const invitation = createEngagementInvitation();
    const spend = invitation.Invitation.Payload.OpportunityInvitation.Project.ExpectedCustomerSpend;
    delete (spend[0] as Partial<(typeof spend)[0]>).Amount;
    const normalized = normalizeInput("CreateEngagementInvitation", invitation) as typeof invitation;
    expect(normalized.Invitation.Payload.OpportunityInvitation.Project.ExpectedCustomerSpend[0]!.Amount).toBe(
      "",
    ); // @addedDefault
  });

  it("keeps the one null AWS gives a meaning: UpdateOpportunity's Project.ExpectedContractDuration", () => {
    const body = {
      Catalog: "Sandbox",
      Identifier: "O1234567",
      LastModifiedDate: "2026-01-01T00:00:00.000Z",
      Project: { Title: "T", ExpectedContractDuration: null, AdditionalComments: null },
      PartnerOpportunityIdentifier: null,
    };
    expect(normalizeInput("UpdateOpportunity", body)).toEqual({
      Catalog: "Sandbox",
      Identifier: "O1234567",
      LastModifiedDate: "2026-01-01T00:00:00.000Z",
      Project: { Title: "T", ExpectedContractDuration: null },
    });
    const { Identifier: _i, LastModifiedDate: _l, ...create } = body;
    expect(normalizeInput("CreateOpportunity", create)).toEqual({
      Catalog: "Sandbox",
      Project: { Title: "T" },
    });
  });

  it("drops unknown members at every level without visiting them, and nulls", () => {
    let deep: unknown = "bottom";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const input = {
      ...createEngagement(),
      Unknown: deep,
      Description: null,
      Contexts: [{ ...customerProjectContext(), Extra: deep }],
    };
    const out = normalizeInput("CreateEngagement", input);
    const { Description: _dropped, ...expected } = createEngagement();
    expect(out).toEqual({ ...expected, Contexts: [customerProjectContext()] });
    expect(JSON.stringify(out)).not.toContain("bottom");
  });
});

// ---------------------------------------------------------------------------------------------
// Fuzzing: model-shaped values with junk mixed in, and pure junk.

const junk = fc.oneof(
  fc.anything({
    maxDepth: 3,
    withBoxedValues: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withBigInt: true,
    withDate: true,
    withTypedArray: true,
    withSparseArray: true,
    withObjectString: true,
  }),
  fc.constantFrom(
    "\ud800",
    "a\udc00b",
    "",
    "\u0000",
    "x".repeat(3000),
    -0,
    Number.NaN,
    Number.MAX_VALUE,
    1e21,
  ),
);

const SAMPLE_STRINGS = [
  "AWS",
  "Sandbox",
  "eng-0123456789abcd",
  "engi-0123456789abc",
  "O123",
  "2024-01-31",
  "a@b.co",
  "1",
];
const memo = new Map<string, fc.Arbitrary<unknown>>();

function modelValue(target: string): fc.Arbitrary<unknown> {
  const known = memo.get(target);
  if (known) return known;
  const shape = SHAPE_CONSTRAINTS[target]!;
  let good: fc.Arbitrary<unknown>;
  switch (shape.type) {
    case "structure":
      good = fc.record(Object.fromEntries(shape.members.map((m) => [m.name, modelValue(m.target)])), {
        requiredKeys: [],
      });
      break;
    case "union":
      good = fc.oneof(
        ...shape.members.map((m) => fc.record({ [m.name]: modelValue(m.target) })),
        fc.constant({}),
      );
      break;
    case "list":
      good = fc.array(modelValue(shape.member.target), { maxLength: 3 });
      break;
    case "map":
      good = fc.dictionary(fc.string(), modelValue(shape.value.target), { maxKeys: 3 });
      break;
    case "enum":
      good = fc.constantFrom(...shape.values);
      break;
    case "integer":
    case "number":
      good = fc.integer({ min: -5, max: 2000 });
      break;
    case "boolean":
      good = fc.boolean();
      break;
    case "timestamp":
      good = fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      break;
    default:
      good = fc.oneof(fc.string(), fc.constantFrom(...SAMPLE_STRINGS));
  }
  const arbitrary = fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: junk });
  memo.set(target, arbitrary);
  return arbitrary;
}

describe("fuzzing", () => {
  it("never throws for any operation, whatever the JSON", () => {
    for (const op of OPERATION_NAMES) {
      const input = fc.oneof(modelValue(OPERATIONS[op].input), fc.dictionary(fc.string(), junk), junk);
      fc.assert(
        fc.property(input, (value) => {
          const issues = validateInput(op, value as Json);
          expect(issues.length).toBeLessThanOrEqual(MAX_ISSUES);
          for (const issue of issues) expect(typeof issue.Message).toBe("string");
          if (issues.length === 0) normalizeInput(op, value as Json);
        }),
        { numRuns: 8 },
      );
    }
  });
});
