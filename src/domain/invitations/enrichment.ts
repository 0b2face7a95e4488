import {
  CountryCode_VALUES,
  type EnrichmentContext,
  Industry_VALUES,
  type ProspectingResultCustomer,
} from "../../model/generated/shapes.js";
import type { InvitationRecord } from "../../store/records.js";
import { obj } from "../common/doc.js";
import { LEVELS, Plausible, solutionArea } from "../common/plausible.js";

const text = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** Where a country sits in AWS's sales geography: Geo, Region, SubRegion. */
const GEOGRAPHY: Record<string, readonly [string, string, string]> = {
  US: ["AMER", "North America", "United States"],
  CA: ["AMER", "North America", "Canada"],
  MX: ["AMER", "Latin America", "Mexico"],
  BR: ["AMER", "Latin America", "Brazil"],
  AR: ["AMER", "Latin America", "South America"],
  CL: ["AMER", "Latin America", "South America"],
  CO: ["AMER", "Latin America", "South America"],
  PE: ["AMER", "Latin America", "South America"],
  GB: ["EMEA", "Europe", "UK and Ireland"],
  IE: ["EMEA", "Europe", "UK and Ireland"],
  DE: ["EMEA", "Europe", "DACH"],
  AT: ["EMEA", "Europe", "DACH"],
  CH: ["EMEA", "Europe", "DACH"],
  FR: ["EMEA", "Europe", "Western Europe"],
  BE: ["EMEA", "Europe", "Western Europe"],
  NL: ["EMEA", "Europe", "Western Europe"],
  LU: ["EMEA", "Europe", "Western Europe"],
  ES: ["EMEA", "Europe", "Southern Europe"],
  PT: ["EMEA", "Europe", "Southern Europe"],
  IT: ["EMEA", "Europe", "Southern Europe"],
  SE: ["EMEA", "Europe", "Nordics"],
  NO: ["EMEA", "Europe", "Nordics"],
  DK: ["EMEA", "Europe", "Nordics"],
  FI: ["EMEA", "Europe", "Nordics"],
  PL: ["EMEA", "Europe", "Central and Eastern Europe"],
  CZ: ["EMEA", "Europe", "Central and Eastern Europe"],
  AE: ["EMEA", "Middle East and Africa", "Middle East"],
  SA: ["EMEA", "Middle East and Africa", "Middle East"],
  IL: ["EMEA", "Middle East and Africa", "Middle East"],
  ZA: ["EMEA", "Middle East and Africa", "Africa"],
  NG: ["EMEA", "Middle East and Africa", "Africa"],
  IN: ["APJ", "India", "India"],
  JP: ["APJ", "Japan", "Japan"],
  KR: ["APJ", "Korea", "Korea"],
  AU: ["APJ", "ANZ", "Australia and New Zealand"],
  NZ: ["APJ", "ANZ", "Australia and New Zealand"],
  SG: ["APJ", "ASEAN", "Southeast Asia"],
  MY: ["APJ", "ASEAN", "Southeast Asia"],
  ID: ["APJ", "ASEAN", "Southeast Asia"],
  TH: ["APJ", "ASEAN", "Southeast Asia"],
  PH: ["APJ", "ASEAN", "Southeast Asia"],
  VN: ["APJ", "ASEAN", "Southeast Asia"],
};

const SEGMENTS = [
  { segment: "Enterprise", size: "10,001+ employees", words: /enterprise|large/i },
  { segment: "Mid-Market", size: "1,001-10,000 employees", words: /mid|medium/i },
  { segment: "SMB", size: "51-1,000 employees", words: /smb|small/i },
  { segment: "Startup", size: "1-50 employees", words: /startup|micro/i },
] as const;

const SUB_INDUSTRIES: Record<string, readonly string[]> = {
  "Financial Services": ["Banking", "Insurance", "Capital Markets", "Payments"],
  Healthcare: ["Providers", "Payers", "Health Technology"],
  "Life Sciences": ["Pharmaceuticals", "Biotechnology", "Medical Devices"],
  Retail: ["E-commerce", "Grocery", "Fashion and Apparel"],
  "Software and Internet": ["SaaS", "Consumer Internet", "Security Software"],
  Manufacturing: ["Industrial Machinery", "Electronics", "Chemicals"],
  "Media and Entertainment": ["Streaming", "Publishing", "Broadcasting"],
  Education: ["Higher Education", "K-12", "EdTech"],
};

const PROGRAMS = [
  "Migration Acceleration Program",
  "ISV Workload Migration Program",
  "Proof of Concept Funding",
  "Greenfield Acceleration",
] as const;

/**
 * The enrichment AWS attaches to a referral it sends (propensity scores, program eligibility,
 * lead readiness; AWS API Reference, EnrichmentContext): the customer's name, country and
 * industry come from the payload, everything AWS would compute is drawn from a hash of the
 * payload, so the same referral always carries the same enrichment. Only a lead gets a
 * `LeadInsights` readiness score.
 */
export function deriveEnrichment(
  payloadType: InvitationRecord["payloadType"],
  payload: Record<string, unknown>,
): EnrichmentContext {
  const seed = new Plausible("EnrichmentContext", payloadType, payload);
  const source = obj(payload.Customer);
  const name = text(source.CompanyName);
  const country = (CountryCode_VALUES as readonly string[]).includes(String(source.CountryCode))
    ? String(source.CountryCode)
    : undefined;
  const industry = (Industry_VALUES as readonly string[]).includes(String(source.Industry))
    ? String(source.Industry)
    : undefined;
  const givenSegment = text(source.MarketSegment);
  const segment = SEGMENTS.find((s) => givenSegment && s.words.test(givenSegment)) ?? seed.pick(SEGMENTS);

  const customer: ProspectingResultCustomer = {};
  if (name) customer.AccountName = name;
  const place = country ? GEOGRAPHY[country] : undefined;
  if (place) [customer.Geo, customer.Region, customer.SubRegion] = place;
  if (country) customer.Country = country as ProspectingResultCustomer["Country"];
  if (industry) customer.Industry = industry as ProspectingResultCustomer["Industry"];
  const subIndustries = industry ? SUB_INDUSTRIES[industry] : undefined;
  if (subIndustries) customer.SubIndustry = seed.pick(subIndustries);
  customer.Segment = givenSegment ?? segment.segment;
  customer.CompanySize = segment.size;
  customer.EligiblePrograms = PROGRAMS.filter(() => seed.int(0, 2) === 0);
  customer.PublicProfileSummary = `${name ?? "The customer"} is an organization${
    industry ? ` in ${industry}` : ""
  }${country ? ` based in ${country}` : ""} (${segment.segment} segment).`;

  const project = obj(payload.Project);
  const interaction = obj(payload.Interaction);
  const words = [project.Title, project.BusinessProblem, interaction.Usecase].filter(text).join(" ");
  const area = solutionArea(words, seed);
  const enrichment: EnrichmentContext = {
    ProspectingResultAws: {
      Customer: customer,
      Insights: {
        MarketplaceEngagementScore: seed.pick(LEVELS),
        SolutionScore: seed.pick(LEVELS),
        SolutionCategory: area.category,
        SolutionSubCategory: area.subCategory,
      },
    },
  };
  if (payloadType === "LeadInvitation") enrichment.LeadInsights = { LeadReadinessScore: seed.pick(LEVELS) };
  return enrichment;
}

/**
 * The enrichment an invitation shows its viewer: AWS's enrichment is for the receiver, from the
 * moment the invitation arrives (before it is answered); the sender never sees one, and a
 * receiver who rejected loses it with the payload.
 */
export function visibleEnrichment(
  inv: InvitationRecord,
  viewerAccountId: string,
  payloadHidden: boolean,
): EnrichmentContext | undefined {
  if (viewerAccountId !== inv.receiverAccountId || payloadHidden) return undefined;
  return inv.enrichmentContext as EnrichmentContext | undefined;
}
