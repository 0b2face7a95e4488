import { createHash } from "node:crypto";
import {
  CountryCode_VALUES,
  Industry_VALUES,
  type ProspectingInsights,
  type ProspectingResultAws,
  type ProspectingResultCustomer,
} from "../../model/generated/shapes.js";
import type { EngagementRecord } from "../../store/records.js";
import { obj } from "../common/doc.js";
import { LEVELS } from "../common/plausible.js";
import { countryName, geographyOf } from "./geography.js";

const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

/** What AWS may set ahead for an account's next prospecting task (the control plane). */
export interface ResultOverride {
  Customer?: ProspectingResultCustomer;
  Insights?: ProspectingInsights;
}

/** The task a result belongs to. */
export interface ResultTask {
  TaskId: string;
  TaskArn: string;
  TaskName: string;
  StartTime: string;
  EndTime: string;
}

/** What the engagement tells about its customer: its first Lead, else its first CustomerProject. */
interface CustomerFacts {
  companyName?: string;
  country?: string;
  industry?: string;
  segment?: string;
}

function customerFacts(engagement: EngagementRecord): CustomerFacts {
  const lead = engagement.contexts.find((c) => c.Type === "Lead");
  if (lead) {
    const customer = obj(obj(lead.Payload?.Lead).Customer);
    return {
      companyName: text(customer.CompanyName),
      country: text(obj(customer.Address).CountryCode),
      industry: text(customer.Industry),
      segment: text(customer.MarketSegment),
    };
  }
  const project = engagement.contexts.find((c) => c.Type === "CustomerProject");
  if (project) {
    const customer = obj(obj(project.Payload?.CustomerProject).Customer);
    return {
      companyName: text(customer.CompanyName),
      country: text(customer.CountryCode),
      industry: text(customer.Industry),
    };
  }
  return {};
}

/** Deterministic choices: the same key and purpose always pick the same item. */
function picker(key: string) {
  return <T>(purpose: string, items: readonly T[]): T => {
    const digest = createHash("sha256").update(`${key}\u0000${purpose}`).digest();
    return items[digest.readUInt32BE(0) % items.length]!;
  };
}

/** Segments as the model named them before it made `MarketSegment` free text, with a size each. */
const COMPANY_SIZES: Record<string, string> = {
  Enterprise: "10,000+ employees",
  Large: "1,000-9,999 employees",
  Medium: "100-999 employees",
  Small: "10-99 employees",
  Micro: "1-9 employees",
};
const SEGMENTS = Object.keys(COMPANY_SIZES);

const SUB_INDUSTRIES: Record<string, readonly string[]> = {
  Aerospace: ["Aircraft Manufacturing", "Space Systems", "Defense Contracting"],
  Agriculture: ["Crop Production", "AgTech", "Livestock"],
  Automotive: ["Vehicle Manufacturing", "Auto Parts", "Connected Mobility"],
  "Computers and Electronics": ["Semiconductors", "Consumer Electronics", "Hardware"],
  "Consumer Goods": ["Packaged Goods", "Apparel", "Household Products"],
  Education: ["Higher Education", "K-12", "EdTech"],
  "Energy - Oil and Gas": ["Upstream", "Midstream", "Downstream"],
  "Energy - Power and Utilities": ["Electric Utilities", "Renewables", "Water Utilities"],
  "Financial Services": ["Banking", "Insurance", "Capital Markets", "Payments"],
  Gaming: ["Game Studios", "Mobile Gaming", "Online Platforms"],
  Government: ["Federal", "State and Local", "Public Safety"],
  Healthcare: ["Providers", "Payers", "Health Tech"],
  Hospitality: ["Hotels", "Restaurants", "Leisure"],
  "Life Sciences": ["Pharmaceuticals", "Biotechnology", "Medical Devices"],
  Manufacturing: ["Industrial Machinery", "Process Manufacturing", "Discrete Manufacturing"],
  "Marketing and Advertising": ["AdTech", "Agencies", "Market Research"],
  "Media and Entertainment": ["Broadcasting", "Streaming", "Publishing"],
  Mining: ["Metals", "Coal", "Minerals"],
  "Non-Profit Organization": ["Charities", "Foundations", "Associations"],
  "Professional Services": ["Consulting", "Legal", "Accounting"],
  "Real Estate and Construction": ["Commercial Real Estate", "Construction", "Property Management"],
  Retail: ["E-commerce", "Grocery", "Specialty Retail"],
  "Software and Internet": ["SaaS", "Internet Services", "Developer Tools"],
  Telecommunications: ["Wireless Carriers", "Cable and Broadband", "Network Equipment"],
  "Transportation and Logistics": ["Freight", "Logistics Services", "Public Transit"],
  Travel: ["Airlines", "Online Travel", "Cruise Lines"],
  "Wholesale and Distribution": ["Industrial Distribution", "Consumer Distribution", "Food Distribution"],
  Other: ["General"],
};

const SOLUTION_CATEGORIES: Record<string, readonly string[]> = {
  Analytics: ["Data Warehousing", "Business Intelligence", "Data Lakes", "Streaming Analytics"],
  "Machine Learning and AI": ["Generative AI", "Computer Vision", "Forecasting"],
  "Migration and Modernization": ["Application Modernization", "Data Center Migration", "Mainframe"],
  "Security, Identity and Compliance": ["Threat Detection", "Identity Management", "Data Protection"],
  Storage: ["Backup and Recovery", "File Storage", "Archiving"],
  DevOps: ["CI/CD", "Observability", "Infrastructure as Code"],
};

/** AWS programs for new ("greenfield") customers a prospect may qualify for. */
const PROGRAMS = [
  "Migration Acceleration Program",
  "ISV Workload Migration Program",
  "AWS Activate",
  "Marketplace Private Offer Promotion Program",
  "Proof of Concept Funding",
];

const asCountry = (v: string | undefined) =>
  v && (CountryCode_VALUES as readonly string[]).includes(v.toUpperCase()) ? v.toUpperCase() : undefined;

/** The model's `Industry` value a text names (any case), if it names one. */
const asIndustry = (v: string | undefined) =>
  v ? Industry_VALUES.find((i) => i.toLowerCase() === v.toLowerCase()) : undefined;

function customerProfile(
  facts: CustomerFacts,
  accountName: string,
  pick: ReturnType<typeof picker>,
): ProspectingResultCustomer {
  const country = asCountry(facts.country);
  const geography = country ? geographyOf(country) : undefined;
  const industry = asIndustry(facts.industry) ?? (facts.industry ? "Other" : undefined);
  // A lead's free-text industry the model's list lacks is kept as the sub-industry.
  const subIndustry =
    industry === "Other" && facts.industry && !asIndustry(facts.industry)
      ? facts.industry
      : industry
        ? pick("sub-industry", SUB_INDUSTRIES[industry] ?? ["General"])
        : undefined;
  const segment = facts.segment ?? pick("segment", SEGMENTS);
  // A lead's segment is free text: only the table's own keys count (not "__proto__", "toString"…).
  const size = Object.hasOwn(COMPANY_SIZES, segment) ? COMPANY_SIZES[segment] : undefined;
  const programs = [...new Set([pick("program-1", PROGRAMS), pick("program-2", PROGRAMS)])].sort();
  const where = country ? ` based in ${countryName(country)}` : "";
  const what = industry && industry !== "Other" ? ` ${industry.toLowerCase()} organization` : " organization";
  return {
    AccountName: accountName,
    ...(geography ?? {}),
    ...(country ? { Country: country as ProspectingResultCustomer["Country"] } : {}),
    ...(industry ? { Industry: industry } : {}),
    ...(subIndustry ? { SubIndustry: subIndustry } : {}),
    Segment: segment,
    ...(size ? { CompanySize: size } : {}),
    EligiblePrograms: programs,
    PublicProfileSummary: `${accountName} is ${/^[aeiou]/i.test(segment) ? "an" : "a"} ${segment.toLowerCase()}${what}${where}${
      subIndustry ? `, active in ${subIndustry.toLowerCase()}` : ""
    }.`,
  };
}

function insights(pick: ReturnType<typeof picker>): ProspectingInsights {
  const category = pick("solution-category", Object.keys(SOLUTION_CATEGORIES));
  return {
    MarketplaceEngagementScore: pick("marketplace-engagement", LEVELS),
    SolutionScore: pick("solution-fit", LEVELS),
    SolutionCategory: category,
    SolutionSubCategory: pick("solution-sub-category", SOLUTION_CATEGORIES[category]!),
  };
}

/**
 * AWS's prospecting result for an engagement. The customer comes from the engagement's Lead (else
 * CustomerProject) context, the engagement title standing in for a missing company name; what AWS
 * would look up (geography, sub-industry, segment, programs, scores) is a fixed function of those
 * facts, so the same customer always gets the same result. An override's members win.
 */
export function prospectingResult(
  engagement: EngagementRecord,
  task: ResultTask,
  override?: ResultOverride,
): ProspectingResultAws {
  const facts = customerFacts(engagement);
  const accountName = [...(facts.companyName ?? text(engagement.title) ?? engagement.id)]
    .slice(0, 255)
    .join("");
  const pick = picker(
    [accountName.toLowerCase(), asCountry(facts.country) ?? "", facts.industry?.toLowerCase() ?? ""].join(
      "|",
    ),
  );
  return {
    Customer: { ...customerProfile(facts, accountName, pick), ...override?.Customer },
    Insights: { ...insights(pick), ...override?.Insights },
    StartTime: task.StartTime,
    EndTime: task.EndTime,
    TaskId: task.TaskId,
    TaskArn: task.TaskArn,
    TaskName: task.TaskName,
  };
}
