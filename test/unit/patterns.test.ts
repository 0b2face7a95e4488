/**
 * Differential tests of the safe pattern engine (re2js) against the faithful JavaScript RegExp
 * translation, for every pattern of the model.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileSafePattern, lengthWithin, toJsRegExp } from "../../src/validation/patterns.js";
import { describeWithModel, modelPatterns, patternOf } from "./helpers/model.js";

const x = (n: number, s = "x") => s.repeat(n);
const hex32 = "0123456789abcdef0123456789abcdef";

/** Ordinary inputs per pattern: what must match and what must not. */
const EXAMPLES: Record<string, { valid: string[]; invalid: string[] }> = {
  "^(?s).{0,255}$": {
    valid: ["", "Seattle", "line\nbreak", x(255), x(255, "😀")],
    invalid: [x(256), x(256, "😀")],
  },
  "^(?s).{0,120}$": { valid: ["", "Example Partner A"], invalid: [x(121)] },
  "^(?s).{0,20}$": { valid: ["", "98101", "SW1A 1AA"], invalid: [x(21, "1")] },
  "^(?s).{0,80}$": { valid: ["", "Jane", "Partner Development Manager"], invalid: [x(81)] },
  "^((0|([1-9][0-9]{0,30}))(\\.[0-9]{0,2})?)?$": {
    valid: ["", "0", "100", "25000.50", "10.", "0.5", `9${x(30, "9")}`],
    invalid: ["01", "1.234", "-1", "1e5", "abc", " 1", `9${x(31, "9")}`],
  },
  "^(?s).{1,255}$": { valid: ["Unqualified", "a", "multi\nline"], invalid: ["", x(256)] },
  "^([0-9]{12}|\\w{1,12})$": {
    valid: ["111122223333", "444455556666", "aws", "partner_a", "123"],
    invalid: ["", "1111222233334", "partner-a", "abcdefghijklm", "111122223333\n"],
  },
  "^arn:aws:aws-marketplace:[a-z]{1,2}-[a-z]*-\\d+:\\d{12}:AWSMarketplace/Offer/.*$": {
    valid: ["arn:aws:aws-marketplace:us-east-1:123456789012:AWSMarketplace/Offer/offer-abc123"],
    invalid: [
      "arn:aws:aws-marketplace:useast1:123456789012:AWSMarketplace/Offer/x",
      "arn:aws:aws-marketplace:us-east-1:12345:AWSMarketplace/Offer/x",
      "arn:aws:aws-marketplace:us-east-1:123456789012:AWSMarketplace/Offer/a\nb",
    ],
  },
  "^arn:aws:aws-marketplace:[a-z]{1,2}-[a-z]*-\\d+:\\d{12}:AWSMarketplace/OfferSet/offerset-.*": {
    valid: ["arn:aws:aws-marketplace:us-east-1:123456789012:AWSMarketplace/OfferSet/offerset-abc"],
    invalid: ["arn:aws:aws-marketplace:us-east-1:123456789012:AWSMarketplace/Offer/offer-abc"],
  },
  "^[a-zA-Z]+$": { valid: ["AWS", "Sandbox", "Production"], invalid: ["", "AWS1", "Sand box", "AWS\n"] },
  "^.{1,255}$": {
    valid: ["token-engagement-1", "a", x(255)],
    invalid: ["", "a\nb", "a\rb", "a\u2028b", x(256)],
  },
  "^(?s).{1,120}$": { valid: ["Example Partner B"], invalid: ["", x(121)] },
  "^(?=.{4,255}$)((http|https)://)??(www[.])??([a-zA-Z0-9]|-)+?([.][a-zA-Z0-9(-|/|=|?)??]+?)+?$": {
    valid: [
      "https://partner-a.example.com",
      "https://www.examplebank.com",
      "www.exampleclinics.com",
      "example.com",
      "http://www.example.co.uk/path?x=1",
    ],
    invalid: ["www", "example", "ex ample.com", "https://", `a.${x(254, "b")}`],
  },
  "^[1-9][0-9]*$": { valid: ["1", "2", "10"], invalid: ["0", "01", "", "a"] },
  "^(?s).{0,64}$": { valid: ["", "CRM-0042"], invalid: [x(65)] },
  "^[1-9][0-9]{3}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$": {
    valid: ["2024-07-30", "2027-06-30", "2024-02-31"],
    invalid: ["2024-13-01", "0999-01-01", "2024-1-01", "2024-02-32", "2023-05-01T20:37:46Z"],
  },
  "^[0-9]{9}$": { valid: ["123456789"], invalid: ["12345678", "1234567890", "12345678a"] },
  "^(?=.{0,80}$)[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$":
    {
      valid: ["cio@example-university.edu", "a@b.co", "first+tag@sub.example.org"],
      invalid: [
        "Jane@example.com",
        "a@b",
        "a@-b.com",
        "@example.com",
        `${x(75, "a")}@b.com`,
        "a..b@example.com",
      ],
    },
  "^arn:.*": {
    valid: [
      "arn:aws:partnercentral:us-east-1::catalog/Sandbox/engagement/eng-m1l0v2mnccwtv4",
      "arn:",
      "arn:\nx",
    ],
    invalid: ["", "ARN:aws", "xarn:"],
  },
  "^(arn:.*|eng-[0-9a-z]{14})$": {
    valid: [
      "eng-m1l0v2mnccwtv4",
      "arn:aws:partnercentral:us-east-1::catalog/Sandbox/engagement/eng-m1l0v2mnccwtv4",
    ],
    invalid: ["eng-0123456789abc", "eng-0123456789ABCD", "nope", "arn:x\ny"],
  },
  "^(?s).{1,3}$": { valid: ["1", "2", "999"], invalid: ["", "1000"] },
  "^(?s).{20,2000}$": {
    valid: [x(20), "Modernize the core banking platform on managed container services."],
    invalid: ["too short", x(2001)],
  },
  "^eng-[0-9a-z]{14}$": {
    valid: ["eng-m1l0v2mnccwtv4", "eng-0123456789abcd"],
    invalid: [
      "eng-m1l0v2mnccwtv",
      "eng-M1L0V2MNCCWTV4",
      "arn:aws:partnercentral:us-east-1::catalog/AWS/engagement/eng-x",
    ],
  },
  "^arn:aws:partnercentral::[0-9]{12}:[a-zA-Z]+/engagement-invitation/engi-[0-9,a-z]{13}$": {
    valid: ["arn:aws:partnercentral::111122223333:Sandbox/engagement-invitation/engi-0123456789abc"],
    invalid: ["arn:aws:partnercentral:us-east-1::catalog/Sandbox/engagement-invitation/engi-0123456789abc"],
  },
  "^(?=.{1,255}$)(arn:.*|engi-[0-9a-z]{13})$": {
    valid: [
      "engi-0123456789abc",
      "arn:aws:partnercentral:us-east-1::catalog/Sandbox/engagement-invitation/engi-0123456789abc",
    ],
    invalid: ["engi-UPPER", "engi-0123456789ab,", `arn:${x(252)}`, ""],
  },
  "^engi-[0-9,a-z]{13}$": {
    valid: ["engi-0123456789abc", "engi-,,,,,,,,,,,,,"],
    invalid: ["engi-0123456789ab", "engi-0123456789ABC"],
  },
  "^(?s).{0,40}$": { valid: ["", "Once", x(40)], invalid: [x(41)] },
  "^ctx-[0-9a-z]{14}$": {
    valid: ["ctx-0123456789abcd"],
    invalid: ["ctx-0123456789abc", "ctx-0123456789ABCD", "1"],
  },
  "^task-[0-9a-z]{14}$": {
    valid: ["task-0123456789abcd"],
    invalid: ["task-0123456789abc", "arn:aws:partnercentral-selling:us-east-1::catalog/Sandbox/x"],
  },
  "^arn:aws:partnercentral-selling:.*:.*:catalog/.*/prospecting-from-engagement-task/task-[0-9a-z]{14}$": {
    valid: [
      "arn:aws:partnercentral-selling:us-east-1::catalog/Sandbox/prospecting-from-engagement-task/task-0123456789abcd",
    ],
    invalid: [
      "arn:aws:partnercentral:us-east-1::catalog/Sandbox/prospecting-from-engagement-task/task-0123456789abcd",
      "arn:aws:partnercentral-selling:us-east-1::catalog/Sandbox/prospecting-from-engagement-task/task-0123456789abc",
    ],
  },
  "^https://(calculator\\.aws|pricing\\.calculator\\.aws\\.eu)/#/estimate\\?id=[a-f0-9]{32,64}$": {
    valid: [
      `https://calculator.aws/#/estimate?id=${hex32}`,
      `https://pricing.calculator.aws.eu/#/estimate?id=${x(64, "f")}`,
    ],
    invalid: [
      "https://calculator.aws/#/estimate?id=xyz",
      `http://calculator.aws/#/estimate?id=${hex32}`,
      `https://calculatorXaws/#/estimate?id=${hex32}`,
      `https://calculator.aws/#/estimate?id=${x(65, "f")}`,
    ],
  },
  "^(?s).{1,80}$": { valid: ["Example Bank Corp"], invalid: ["", x(81)] },
  "^(?s).{1,2048}$": { valid: ["next-token"], invalid: ["", x(2049)] },
  "^(0|([1-9][0-9]{0,30}))(\\.[0-9]{0,2})?$": { valid: ["0", "1000", "99.99"], invalid: ["", "01", "1.999"] },
  "^arn:.*$": {
    valid: ["arn:aws:partnercentral:us-east-1:111122223333:catalog/AWS/opportunity/O5465588"],
    invalid: ["arn:a\nb", "O5465588"],
  },
  "^O[0-9]{1,19}$": { valid: ["O5465588", "O14890686"], invalid: ["O", "o123", `O${x(20, "1")}`] },
  "^\\+[1-9]\\d{1,14}$": {
    valid: ["+14155550100", "+447911123456"],
    invalid: ["14155550100", "+0123", "+1", "+1206555010012345"],
  },
  "^[\\u0020-\\u007E\\u00A0-\\uD7FF\\uE000-\\uFFFD]{1,80}$": {
    valid: ["Customer not a fit", "é ñ 名前", x(80)],
    invalid: ["", "line\nbreak", "\u0001", "\ud800", "😀", x(81)],
  },
  "^job-[0-9a-z]{13}$": { valid: ["job-0123456789abc"], invalid: ["job-0123456789ab", "task-0123456789abc"] },
  "^(?=.{0,2048}$)arn:aws:iam::\\d{12}:role/([-+=,.@_a-zA-Z0-9]+/)*[-+=,.@_a-zA-Z0-9]{1,64}$": {
    valid: [
      "arn:aws:iam::111111111111:role/...",
      "arn:aws:iam::111122223333:role/service-role/PartnerCentralRole",
    ],
    invalid: ["arn:aws:iam::1111:role/x", "MyRole", "arn:aws:iam::111122223333:role/"],
  },
  "^(?=.{0,2048}$)(arn:aws:iam::\\d{12}:role/([-+=,.@_a-zA-Z0-9]+/)*)?[-+=,.@_a-zA-Z0-9]{1,64}$": {
    valid: ["MyRole", "arn:aws:iam::111111111111:role/...", "arn:aws:iam::111122223333:role/path/Role"],
    invalid: ["", "my role", x(65)],
  },
  "^[a-zA-Z0-9]{3,80}$": { valid: ["AWSOpportunitySummary", "abc"], invalid: ["ab", "AWS Opportunity"] },
  "^(?=.{1,80}$)[a-zA-Z0-9.!#$%&'*+/=?^_{|}~-]+@[a-zA-Z0-9-]+(?:.[a-zA-Z0-9-]+)*$": {
    // The unescaped `.` of the model accepts any separator: `a@b!c` is a valid sender email.
    valid: ["pdm@amazon.example.com", "Jane.Doe@Example.COM", "a@b", "a@b!c"],
    invalid: ["a@", "@b", "a@b!", `${x(79)}@b`],
  },
  "^S-[0-9]{1,19}$": { valid: ["S-0052021", "S-1234567"], invalid: ["S-", "S-12a", "s-123"] },
  "^(?=.{1,128}$)([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$": {
    valid: ["Environment", "cost-center", "aws:created by", "名前", "Ünïcödé ٣"],
    invalid: ["", "a!b", x(129), "tab\there"],
  },
  "^(?=.{0,256}$)([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$": {
    valid: ["", "Production", "a b", x(256)],
    invalid: [x(257), "semi;colon"],
  },
  "^(?=.{1,1000}$)arn:[\\w+=/,.@-]+:partnercentral:[\\w+=/,.@-]*:[0-9]{12}:catalog/([a-zA-Z]+)/[\\w+=,.@-]+(/[\\w+=,.@-]+)*$":
    {
      valid: [
        "arn:aws:partnercentral:us-east-1:111122223333:catalog/Sandbox/resource-snapshot-job/job-0123456789abc",
      ],
      invalid: [
        "arn:aws:partnercentral:us-east-1::catalog/Sandbox/engagement/eng-m1l0v2mnccwtv4",
        "arn:aws:s3:::bucket",
      ],
    },
  "^(arn:.*|task-[0-9a-z]{13})$": {
    valid: [
      "task-0123456789abc",
      "task-xxxxxxxxxxxxx",
      "arn:aws:partnercentral:us-east-1::catalog/Sandbox/engagement-by-accepting-invitation-task/task-0123456789abc",
    ],
    invalid: ["task-123", "xtask-0123456789abc"],
  },
  "task-[0-9a-z]{13}$": {
    valid: ["task-xxxxxxxxxxxxx", "task-0123456789abc", "prefix task-0123456789abc"],
    invalid: ["task-0123456789ab", "task-0123456789abcd", "task-0123456789abc\n", "TASK-0123456789abc"],
  },
  "^(?s).{4,255}$": { valid: ["https://partner-a.example.com", "abcd"], invalid: ["abc", x(256)] },
};

/**
 * Example values of pattern-constrained fields from AWS's documentation and published sample
 * responses (docs/sources.md): ids, ARNs, dates, accounts, each with its shape or member. All valid.
 */
const SPEC_EXAMPLES: [use: string, value: string][] = [
  ["EngagementIdentifier", "eng-m1l0v2mnccwtv4"],
  ["EngagementArnOrIdentifier", "eng-m1l0v2mnccwtv4"],
  ["EngagementArn", "arn:aws:partnercentral:us-east-1::catalog/Sandbox/engagement/eng-m1l0v2mnccwtv4"],
  [
    "EngagementArnOrIdentifier",
    "arn:aws:partnercentral:us-east-1::catalog/Sandbox/engagement/eng-m1l0v2mnccwtv4",
  ],
  ["OpportunityIdentifier", "O5465588"],
  ["OpportunityIdentifier", "O14890686"],
  ["SolutionIdentifier", "S-0052021"],
  ["SolutionIdentifier", "S-1234567"],
  ["TaskArnOrIdentifier", "task-xxxxxxxxxxxxx"],
  ["TaskIdentifier", "task-xxxxxxxxxxxxx"],
  ["ResourceSnapshotJobRoleArn", "arn:aws:iam::111111111111:role/..."],
  ["ResourceSnapshotJobRoleIdentifier", "arn:aws:iam::111111111111:role/..."],
  ["CatalogIdentifier", "AWS"],
  ["CatalogIdentifier", "Sandbox"],
  ["AwsAccount", "111122223333"],
  ["AwsAccount", "444455556666"],
  ["AwsAccount", "aws"],
  ["Date", "2024-07-30"],
  ["Date", "2025-11-03"],
  ["Date", "2025-12-15"],
  ["Date", "2026-02-01"],
  ["Date", "2026-03-09"],
  ["Date", "2026-03-15"],
  ["Date", "2031-03-08"],
  ["EngagementCustomerProjectDetails$TargetCompletionDate", "2026-03-15"],
  ["EngagementContextIdentifier", "1"],
  ["EngagementContextIdentifier", "2"],
  ["LeadQualificationStatus", "Unqualified"],
  ["LeadQualificationStatus", "Qualified"],
  ["LeadQualificationStatus", "Disqualified"],
  ["EngagementTitle", "Converted from Lead"],
  ["Project$Title", "Converted from Lead"],
  ["ResourceTemplateName", "AWSOpportunitySummary"],
  ["CompanyName", "Example Partner A"],
  ["InvitationMessage", "This invite is for an AWS originated referral."],
];

const patterns = modelPatterns();

function check(pattern: string, value: string) {
  const safe = compileSafePattern(pattern).test(value);
  const js = toJsRegExp(pattern).test(value);
  return { safe, js };
}

describeWithModel("the model's patterns", () => {
  it("are 50 distinct patterns, each with examples", () => {
    expect(patterns.size).toBe(50);
    expect(Object.keys(EXAMPLES).sort()).toEqual([...patterns.keys()].sort());
  });

  for (const [pattern, uses] of patterns) {
    it(`${pattern} (${uses.slice(0, 3).join(", ")}${uses.length > 3 ? ", …" : ""})`, () => {
      const { valid, invalid } = EXAMPLES[pattern] ?? { valid: [], invalid: [] };
      expect(valid.length).toBeGreaterThan(0);
      expect(invalid.length).toBeGreaterThan(0);
      for (const value of valid)
        expect(check(pattern, value), JSON.stringify(value)).toEqual({ safe: true, js: true });
      for (const value of invalid)
        expect(check(pattern, value), JSON.stringify(value)).toEqual({ safe: false, js: false });
    });
  }

  it("accept every example value AWS documents or publishes", () => {
    for (const [use, value] of SPEC_EXAMPLES) {
      expect(check(patternOf(use), value), `${use} ${value}`).toEqual({ safe: true, js: true });
    }
  });
});

describe("translation", () => {
  it("reads (?s) as dot-all, and a plain `.` as anything but a line terminator", () => {
    expect(check("^(?s).{0,255}$", "a\nb\r\u2028")).toEqual({ safe: true, js: true });
    expect(toJsRegExp("^(?s).{0,255}$").flags).toContain("s");
    for (const terminator of ["\n", "\r", "\u2028", "\u2029"]) {
      expect(check("^.{1,255}$", `a${terminator}b`)).toEqual({ safe: false, js: false });
      expect(check("^(?=.{1,255}$)(arn:.*|engi-[0-9a-z]{13})$", `arn:${terminator}`)).toEqual({
        safe: false,
        js: false,
      });
    }
    // (?s) anywhere in the pattern applies to all of it.
    expect(check("^a(?s).$", "a\n")).toEqual({ safe: true, js: true });
  });

  it("keeps anchors as written: TaskIdentifier has no ^, so it is a search", () => {
    expect(check("task-[0-9a-z]{13}$", "anything before task-0123456789abc")).toEqual({
      safe: true,
      js: true,
    });
    expect(check("^arn:.*", "arn:x\n\n")).toEqual({ safe: true, js: true }); // no $: a prefix match
  });

  it("supports \\p{L}, \\p{Z}, \\p{N} and \\uXXXX escapes", () => {
    const tagKey = "^(?=.{1,128}$)([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$";
    for (const value of ["Ωmega", "日本語", "\u00a0nbsp", "٣٤", "a_b.c:d/e=f+g-h@i"]) {
      expect(check(tagKey, value), value).toEqual({ safe: true, js: true });
    }
    expect(check(tagKey, "€")).toEqual({ safe: false, js: false });
    const rejection = "^[\\u0020-\\u007E\\u00A0-\\uD7FF\\uE000-\\uFFFD]{1,80}$";
    expect(check(rejection, "\u00a0\ud7ff\ue000\ufffd")).toEqual({ safe: true, js: true });
    expect(check(rejection, "\u007f")).toEqual({ safe: false, js: false });
  });

  it("counts lengths in code points, a lone surrogate as one", () => {
    expect(check("^(?s).{1,3}$", "😀😀😀")).toEqual({ safe: true, js: true });
    expect(check("^(?s).{1,3}$", "😀😀😀😀")).toEqual({ safe: false, js: false });
    expect(check("^(?=.{1,128}$)([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$", x(128, "𝒜"))).toEqual({
      safe: true,
      js: true,
    });
    expect(check("^(?s).{2,2}$", "a\ud800")).toEqual({ safe: true, js: true });
    expect(check("^(?s).{3,3}$", "\udc00\ud800\ud800")).toEqual({ safe: true, js: true });
    expect(lengthWithin("a😀b", 3, 3, true)).toBe(true);
    expect(lengthWithin("a😀b", 4, 4, true)).toBe(false);
  });

  it("refuses a lookaround other than the leading length bound", () => {
    expect(() => compileSafePattern("^a(?=b)")).toThrow(/lookaround/);
    expect(() => compileSafePattern("^(?!x).*$")).toThrow(/lookaround/);
    expect(() => compileSafePattern("(?<=a)b")).toThrow(/lookaround/);
    expect(() => compileSafePattern("^(?=a).*$")).toThrow(/lookaround/);
    expect(() => compileSafePattern("^(?=.{1,2})x$")).toThrow(/lookaround/); // no $ in the bound
    expect(() => compileSafePattern("^(?i)abc$")).toThrow(/inline group/);
    expect(compileSafePattern("^(?=.{1,3}$)[a-z]+$").test("abc")).toBe(true);
    expect(compileSafePattern("^[(?=]+$").test("(?=")).toBe(true); // inside a class: literal
  });

  it("caches compiled patterns", () => {
    expect(compileSafePattern("^eng-[0-9a-z]{14}$")).toBe(compileSafePattern("^eng-[0-9a-z]{14}$"));
    expect(toJsRegExp("^eng-[0-9a-z]{14}$")).toBe(toJsRegExp("^eng-[0-9a-z]{14}$"));
  });
});

/** Patterns whose JS reference is exponential: keep random inputs short enough for it. */
const catastrophicOnJs = () => new Set([patternOf("CompanyWebsiteUrl"), patternOf("SenderContactEmail")]);

const EXTRA_UNITS = [
  "a",
  "Z",
  "0",
  "9",
  ".",
  "-",
  "_",
  "@",
  "/",
  ":",
  " ",
  "!",
  "\n",
  "\r",
  "\u2028",
  "é",
  "😀",
  "\ud800",
  "名",
];

/** Characters and literal fragments of the pattern, so random strings often come close to matching. */
function unitsOf(pattern: string): string[] {
  const chars = new Set([...pattern.replace(/\\[a-zA-Z]/g, "")].concat(EXTRA_UNITS));
  const fragments = pattern.match(/[A-Za-z0-9:/,-]{3,}/g) ?? [];
  return [...chars, ...fragments, "0123456789abc", "111122223333"];
}

const boundsOf = (pattern: string) => {
  const m = /\.\{(\d+),(\d+)\}\$/.exec(pattern);
  return m ? { min: Number(m[1]), max: Number(m[2]) } : undefined;
};

describeWithModel("property: the safe engine agrees with the JS reference on random inputs", () => {
  for (const pattern of patterns.keys()) {
    it(pattern, () => {
      const units = unitsOf(pattern);
      // Exponential on JS past ~25 characters: cut (units may be multi-character fragments).
      const cut = catastrophicOnJs().has(pattern) ? 22 : Number.POSITIVE_INFINITY;
      const random = fc
        .string({ unit: fc.constantFrom(...units), maxLength: 40 })
        .map((s) => s.slice(0, cut));
      const bound = boundsOf(pattern);
      const arbitraries = [random];
      if (bound) {
        // Around the length bounds, with astral characters, lone surrogates and line breaks.
        const near = (n: number) => fc.integer({ min: Math.max(0, n - 2), max: n + 2 });
        const unit = fc.constantFrom("a", "😀", "é", "\n", "\ud800", "-");
        arbitraries.push(
          fc
            .oneof(near(bound.min), near(bound.max))
            .chain((n) => fc.string({ unit, minLength: n, maxLength: n })),
        );
      }
      fc.assert(
        fc.property(fc.oneof(...arbitraries), (value) => {
          const { safe, js } = check(pattern, value);
          return safe === js;
        }),
        { numRuns: 150 },
      );
    });
  }
});
