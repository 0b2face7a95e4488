import { describe, expect, it } from "vitest";
import type { SmithyModel, SmithyShape } from "../../tools/codegen.js";
import { diffModels } from "../../tools/model-diff/changes.js";
import { renderMarkdown } from "../../tools/model-diff/markdown.js";
import { modelDiffMarkdown } from "../../tools/model-diff.js";
import { KNOWN_REFRESH, skipReason } from "../../tools/model-file.js";

const NS = "example.service#";
const id = (name: string) => (name.includes("#") ? name : `${NS}${name}`);
const req = { "smithy.api#required": {} };

/** A small service model: `Svc` with the given operations, plus `shapes` (by bare name). */
function model(operations: string[], shapes: Record<string, SmithyShape>): SmithyModel {
  const all: Record<string, SmithyShape> = {
    [id("Svc")]: { type: "service", operations: operations.map((o) => ({ target: id(o) })) },
  };
  for (const [name, shape] of Object.entries(shapes)) all[id(name)] = shape;
  return { smithy: "2.0", shapes: all };
}

const op = (input: string, output: string, traits: Record<string, unknown> = {}): SmithyShape => ({
  type: "operation",
  input: { target: id(input) },
  output: { target: id(output) },
  traits,
});
const struct = (
  members: Record<string, { target: string; traits?: Record<string, unknown> }>,
): SmithyShape => ({
  type: "structure",
  members: Object.fromEntries(Object.entries(members).map(([k, m]) => [k, { ...m, target: id(m.target) }])),
});
const str = (traits: Record<string, unknown> = {}): SmithyShape => ({ type: "string", traits });
const enumOf = (values: Record<string, string>): SmithyShape => ({
  type: "enum",
  members: Object.fromEntries(
    Object.entries(values).map(([k, v]) => [
      k,
      { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": v } },
    ]),
  ),
});

/** GetThing (Thing: Title, Kind) and ListThings. */
function base(): Record<string, SmithyShape> {
  return {
    GetThing: op("GetThingRequest", "GetThingResponse", { "smithy.api#readonly": {} }),
    GetThingRequest: struct({ Id: { target: "ThingId", traits: req } }),
    GetThingResponse: struct({ Thing: { target: "Thing" } }),
    ListThings: op("ListThingsRequest", "ListThingsResponse"),
    ListThingsRequest: struct({ MaxResults: { target: "smithy.api#Integer" } }),
    ListThingsResponse: struct({ Things: { target: "ThingList" } }),
    ThingList: { type: "list", member: { target: id("Thing") } },
    Thing: struct({ Title: { target: "Title", traits: req }, Kind: { target: "Kind" } }),
    ThingId: str({ "smithy.api#pattern": "^t-[0-9]+$" }),
    Title: str({ "smithy.api#pattern": "^(?s).{1,40}$", "smithy.api#documentation": "<p>old prose</p>" }),
    Kind: enumOf({ SMALL: "Small", LARGE: "Large" }),
  };
}

const OPS = ["GetThing", "ListThings"];
const diffOf = (change: (s: Record<string, SmithyShape>) => void) => {
  const after = base();
  change(after);
  return diffModels(
    model(OPS, base()),
    model(
      Object.keys(after).filter((k) => after[k]!.type === "operation"),
      after,
    ),
  );
};
const linesOf = (change: (s: Record<string, SmithyShape>) => void) =>
  diffOf(change).changes.flatMap((c) => c.lines);

describe("model diff", () => {
  it("finds nothing between a model and itself, and ignores documentation and empty trait objects", () => {
    const diff = diffOf((s) => {
      s.Title = str({
        "smithy.api#pattern": "^(?s).{1,40}$",
        "smithy.api#documentation": "<p>new prose</p>",
      });
      s.Thing = { ...s.Thing!, traits: {} };
    });
    expect(diff.changes).toEqual([]);
    expect(renderMarkdown(diff, "a.json", "b.json")).toContain("The two models state the same facts.");
  });

  it("reports operations added and removed, and operation traits", () => {
    const diff = diffOf((s) => {
      s.DeleteThing = op("GetThingRequest", "GetThingResponse", { "smithy.api#idempotent": {} });
      s.GetThing = op("GetThingRequest", "GetThingResponse");
      delete s.ListThings;
      delete s.ListThingsRequest;
      delete s.ListThingsResponse;
      delete s.ThingList;
    });
    const lines = diff.changes.flatMap((c) => c.lines);
    expect(lines).toContain(
      "New operation `DeleteThing` (input `GetThingRequest`, output `GetThingResponse`; `@idempotent`).",
    );
    expect(lines).toContain(
      "Removed operation `ListThings` (input `ListThingsRequest`, output `ListThingsResponse`).",
    );
    expect(lines).toContain("`GetThing` is no longer `@readonly`.");
    const md = renderMarkdown(diff, "a.json", "b.json");
    expect(md).toContain("2 → 2 operations; 1 operation added, 1 removed, 1 changed;");
    expect(md.indexOf("## Operations")).toBeLessThan(md.indexOf("`DeleteThing`"));
    expect(md).toContain(
      "## The service, and shapes no operation uses\n\n- `Svc`: operations gain `DeleteThing`.",
    );
  });

  it("reports a new idempotent flag, new errors, a changed output and pagination", () => {
    const lines = linesOf((s) => {
      s.ThingNotFound = { type: "structure", members: {}, traits: { "smithy.api#error": "client" } };
      s.ListThingsOutput2 = struct({ Things: { target: "ThingList" } });
      s.ListThings = {
        ...op("ListThingsRequest", "ListThingsOutput2", { "smithy.api#idempotent": {} }),
        errors: [{ target: id("ThingNotFound") }],
        traits: { "smithy.api#idempotent": {}, "smithy.api#paginated": { items: "Things" } },
      };
    });
    expect(lines).toContain("`ListThings` is now `@idempotent`.");
    expect(lines).toContain("`ListThings`: errors gain `ThingNotFound`.");
    expect(lines).toContain("`ListThings`: output `ListThingsResponse` → `ListThingsOutput2`.");
    expect(lines).toContain('`ListThings`: `@paginated` added (`{"items":"Things"}`).');
  });

  it("reports members added and removed, required-ness and member targets", () => {
    const lines = linesOf((s) => {
      s.Note = str({ "smithy.api#length": { min: 0, max: 255 } });
      s.Thing = struct({
        Title: { target: "Title" },
        Kind: { target: "smithy.api#String" },
        Note: { target: "Note", traits: req },
      });
      s.GetThingRequest = struct({
        Id: { target: "ThingId", traits: req },
        Verbose: { target: "smithy.api#Boolean" },
      });
      delete s.Kind;
    });
    expect(lines).toContain("`Thing.Title` is optional.");
    expect(lines).toContain("`Thing.Kind`: `Kind` (enum) → `String` (string).");
    expect(lines).toContain("`Thing` gains `Note` → `Note` (required).");
    expect(lines).toContain("`GetThingRequest` gains `Verbose` → `Boolean`.");
    expect(lines).toContain("New string `Note` (length 0–255).");
    expect(lines).toContain("Removed enum `Kind` = `Small` (member `SMALL`), `Large` (member `LARGE`).");
  });

  it("reports enum values gained, lost and changed", () => {
    const lines = linesOf((s) => {
      s.Kind = enumOf({ SMALL: "small", HUGE: "Huge" });
    });
    expect(lines).toEqual([
      "`Kind.SMALL`: value `Small` → `small`.",
      "`Kind` gains `Huge` (member `HUGE`).",
      "`Kind` loses `Large` (member `LARGE`).",
    ]);
  });

  it("reports constraints: pattern, length, range, sensitivity, on shapes and on members", () => {
    const lines = linesOf((s) => {
      s.Title = str({ "smithy.api#pattern": "^(?s).{0,40}$", "smithy.api#sensitive": {} });
      s.ThingId = str({ "smithy.api#length": { min: 3 } });
      s.ListThingsRequest = struct({
        MaxResults: { target: "smithy.api#Integer", traits: { "smithy.api#range": { min: 1, max: 100 } } },
      });
      s.ThingList = {
        type: "list",
        member: { target: id("Thing") },
        traits: { "smithy.api#length": { max: 10 } },
      };
    });
    expect(lines).toContain("`Title`: pattern `^(?s).{1,40}$` → `^(?s).{0,40}$`.");
    expect(lines).toContain("`Title` is now `@sensitive`.");
    expect(lines).toContain("`ThingId`: length ≥ 3 added.");
    expect(lines).toContain("`ThingId`: pattern `^t-[0-9]+$` removed.");
    expect(lines).toContain("`ListThingsRequest.MaxResults`: range 1–100 added.");
    expect(lines).toContain("`ThingList`: length ≤ 10 added.");
  });

  it("reports a changed shape type and a list's element target", () => {
    const lines = linesOf((s) => {
      s.Kind = str({ "smithy.api#length": { min: 0, max: 20 } });
      s.OtherThing = struct({ Title: { target: "Title" } });
      s.ThingList = { type: "list", member: { target: id("OtherThing") } };
    });
    expect(lines).toContain("`Kind`: enum → string, now string `Kind` (length 0–20).");
    expect(lines).toContain("`ThingList`: elements `Thing` → `OtherThing`.");
  });

  it("groups shapes under the operations that use them", () => {
    const diff = diffOf((s) => {
      s.Title = str({ "smithy.api#pattern": "^(?s).{0,40}$" });
      s.ThingId = str({ "smithy.api#pattern": "^t-[0-9a-z]+$" });
    });
    expect(diff.usedBy.get(id("Title"))).toEqual(["GetThing", "ListThings"]);
    expect(diff.usedBy.get(id("ThingId"))).toEqual(["GetThing"]);
    const md = renderMarkdown(diff, "old.json", "new.json");
    expect(md).toMatch(/^# Model changes: `old.json` → `new.json`\n/);
    expect(md).toContain("## `GetThing`\n\n- `ThingId`: pattern");
    expect(md).toContain("## `GetThing`, `ListThings`\n\n- `Title`: pattern");
    expect(md).toContain("- No operation added, removed or changed.");
  });
});

const REFRESH_SKIP = skipReason(
  "model-diff test of the 2026-11 refresh",
  [KNOWN_REFRESH.from, KNOWN_REFRESH.to],
  "it needs both models",
);

describe.skipIf(REFRESH_SKIP !== undefined)(
  `model diff of AWS's 2026-11 refresh${REFRESH_SKIP ? ` (${REFRESH_SKIP})` : ""}`,
  () => {
    it("reports the known facts of the refresh", () => {
      const md = modelDiffMarkdown(KNOWN_REFRESH.from, KNOWN_REFRESH.to);
      expect(md).toContain("45 → 45 operations; 0 operations added, 0 removed, 1 changed;");
      expect(md).toContain("39 shapes added, 1 removed (`MarketSegment`), 39 changed.");
      expect(md).toContain("- `StartProspectingFromEngagementTask` is now `@idempotent`.");
      expect(md).toContain("- `EngagementTitle`: pattern `^(?s).{1,40}$` → `^(?s).{0,40}$`.");
      expect(md).toContain(
        "- `RelatedEntityType` gains `AwsMarketplaceSolutions` (member `AWS_MARKETPLACE_SOLUTIONS`).",
      );
      expect(md).toContain("- Removed enum `MarketSegment` = `Enterprise` (member `ENTERPRISE`)");
      expect(md).toContain("- `LeadCustomer.Industry`: `Industry` (enum) → `LeadIndustry` (string).");
      expect(md).toContain("- `CreateEngagementRequest.Title` is optional.");
      expect(md).toContain(
        "## `AssociateOpportunity`, `DisassociateOpportunity`\n\n- `RelatedEntityType` gains",
      );
    });
  },
);
