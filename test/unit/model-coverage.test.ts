import { describe, expect, it } from "vitest";
import { OUTPUT_MEMBERS } from "../../src/model/generated/output-members.js";
import { presentPaths } from "../../src/util/output-coverage.js";
import { generate, type SmithyModel } from "../../tools/codegen.js";
import {
  computeCoverage,
  markdownReport,
  parseExceptions,
  summaryLines,
  under,
} from "../../tools/model-coverage.js";

const NS = "com.amazonaws.partnercentralselling#";

/** The service with one operation whose output nests a list, a union, a map of structures and itself. */
const TINY: SmithyModel = {
  smithy: "2.0",
  shapes: {
    [`${NS}AWSPartnerCentralSelling`]: { type: "service", operations: [{ target: `${NS}GetThing` }] },
    [`${NS}GetThing`]: {
      type: "operation",
      input: { target: `${NS}GetThingRequest` },
      output: { target: `${NS}Thing` },
    },
    [`${NS}GetThingRequest`]: { type: "structure", members: { Id: { target: "smithy.api#String" } } },
    [`${NS}Thing`]: {
      type: "structure",
      members: {
        Id: { target: "smithy.api#String" },
        Parts: { target: `${NS}PartList` },
        Payload: { target: `${NS}Payload` },
        ByName: { target: `${NS}PartMap` },
        Tags: { target: `${NS}TagMap` },
      },
    },
    [`${NS}PartList`]: { type: "list", member: { target: `${NS}Part` } },
    [`${NS}Part`]: {
      type: "structure",
      members: { Name: { target: "smithy.api#String" }, Parts: { target: `${NS}PartList` } },
    },
    [`${NS}Payload`]: {
      type: "union",
      members: { Lead: { target: `${NS}Part` }, Note: { target: "smithy.api#String" } },
    },
    [`${NS}PartMap`]: { type: "map", key: { target: "smithy.api#String" }, value: { target: `${NS}Part` } },
    [`${NS}TagMap`]: {
      type: "map",
      key: { target: "smithy.api#String" },
      value: { target: "smithy.api#String" },
    },
  },
};

describe("output member table (generated)", () => {
  it("lists every member path of an output: lists as [], maps of structures as {}, recursion cut", () => {
    const file = generate(TINY)["output-members.ts"]!;
    const paths = [
      "Id",
      "Parts",
      "Parts[].Name",
      "Parts[].Parts",
      "Payload",
      "Payload.Lead",
      "Payload.Lead.Name",
      "Payload.Lead.Parts",
      "Payload.Note",
      "ByName",
      "ByName{}.Name",
      "ByName{}.Parts",
      "Tags",
    ];
    expect(file).toContain(`GetThing: [\n${paths.map((p) => `    "${p}",`).join("\n")}\n  ]`);
  });

  it("has the real operations' output members, e.g. a lead context's customer industry", () => {
    expect(OUTPUT_MEMBERS.GetEngagement).toContain("Contexts[].Payload.Lead.Customer.Industry");
    expect(OUTPUT_MEMBERS.AcceptEngagementInvitation).toEqual([]);
    expect(OUTPUT_MEMBERS.GetAwsOpportunitySummary).toContain("Insights.Recommendations[].Attributes");
  });
});

describe("the answer walker", () => {
  const seen = (operation: "GetEngagement" | "GetAwsOpportunitySummary", value: unknown) => {
    const out: string[] = [];
    presentPaths(operation, value, (p) => out.push(p));
    return out;
  };

  it("records members present in an answer, through lists and unions; null and unknown keys are not members", () => {
    const answer = {
      Id: "eng-1",
      Title: null,
      Extra: "not in the model",
      Contexts: [
        { Id: "1", Payload: { Lead: { Customer: { Industry: "Other" } } } },
        { Id: "2", Type: "CustomerProject" },
      ],
    };
    expect(seen("GetEngagement", answer)).toEqual([
      "Id",
      "Contexts",
      "Contexts[].Id",
      "Contexts[].Payload",
      "Contexts[].Payload.Lead",
      "Contexts[].Payload.Lead.Customer",
      "Contexts[].Payload.Lead.Customer.Industry",
      "Contexts[].Id",
      "Contexts[].Type",
    ]);
  });

  it("does not take the keys of a map of strings for members", () => {
    const answer = {
      Insights: { Recommendations: [{ Type: "t", Attributes: { Type: "a key named like a member" } }] },
    };
    expect(seen("GetAwsOpportunitySummary", answer)).toEqual([
      "Insights",
      "Insights.Recommendations",
      "Insights.Recommendations[].Type",
      "Insights.Recommendations[].Attributes",
    ]);
  });
});

describe("model coverage check", () => {
  const table = { GetThing: ["Id", "Parts", "Parts[].Name", "Parts[].Size", "Note"], Accept: [] };
  const seen = new Map([["GetThing", new Set(["Id", "Parts", "Parts[].Name"])]]);

  it("parses `Operation: path — reason` lines, skipping comments, and refuses anything else", () => {
    expect(parseExceptions("# why\n\nGetThing: Note — AWS-only field not yet produced\n")).toEqual([
      { operation: "GetThing", path: "Note", reason: "AWS-only field not yet produced", line: 3 },
    ]);
    expect(() => parseExceptions("GetThing Note because")).toThrow(
      /line 1: expected "Operation: path — reason"/,
    );
    expect(() => parseExceptions("GetThing: Note —")).toThrow(/line 1/);
  });

  it("a path covers itself and what lies below it, not a sibling that shares its prefix", () => {
    expect(under("Parts[].Name", "Parts")).toBe(true);
    expect(under("Parts", "Parts")).toBe(true);
    expect(under("PartsCount", "Parts")).toBe(false);
    expect(under("ByName{}.Name", "ByName")).toBe(true);
  });

  it("fails on a member neither seen nor excepted, and passes once it is excepted", () => {
    const open = computeCoverage(table, seen, parseExceptions("GetThing: Note — not yet produced"));
    expect(open.operations[0]!.uncovered).toEqual(["Parts[].Size"]);
    expect(open.wrongExceptions).toEqual([]);
    const closed = computeCoverage(
      table,
      seen,
      parseExceptions("GetThing: Note — not yet produced\nGetThing: Parts[].Size — no test sends it"),
    );
    expect(closed.operations.flatMap((o) => o.uncovered)).toEqual([]);
    expect(summaryLines(closed).at(-1)).toBe(
      "model coverage: 3/5 output members seen, 2 listed as exceptions, 0 uncovered",
    );
  });

  it("refuses exceptions for members that were seen, do not exist, or repeat", () => {
    const result = computeCoverage(
      table,
      seen,
      parseExceptions(
        [
          "GetThing: Parts — seen after all",
          "GetThing: Colour — no such member",
          "Nope: Id — no such operation",
          "GetThing: Note — first",
          "GetThing: Note — again",
        ].join("\n"),
      ),
    );
    expect(result.wrongExceptions).toEqual([
      "line 1: GetThing: Parts: was seen, remove the exception",
      "line 2: GetThing: Colour: the model defines no such output member",
      "line 3: Nope: Id: no such operation",
      "line 5: GetThing: Note: listed twice",
    ]);
  });

  it("writes a report with seen/defined per operation and each unseen member's reason", () => {
    const report = markdownReport(
      computeCoverage(
        { GetThing: ["Id", "Parts", "Parts[].Name", "Parts[].Size"] },
        new Map([["GetThing", new Set(["Id"])]]),
        parseExceptions("GetThing: Parts — no test lists parts"),
      ),
    );
    expect(report).toContain("**1 of 4** output members seen; 3 not seen, each with a reason.");
    expect(report).toContain("| `GetThing` | 1 | 4 |");
    expect(report).toContain("- `Parts` and the 2 members below it: no test lists parts");
  });
});
