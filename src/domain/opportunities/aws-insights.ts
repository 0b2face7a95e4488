import type {
  AwsOpportunityInsights,
  AwsSoftwareRevenue,
  MonetaryValue,
  Recommendation,
} from "../../model/generated/shapes.js";
import type { OpportunityRecord } from "../../store/records.js";
import { type Doc, list, obj, str } from "../common/doc.js";
import { amountOf, cents } from "../common/money.js";
import { Plausible, solutionArea } from "../common/plausible.js";
import { relatedEntities } from "./view.js";

/** What AWS's scoring adds to its summary of a submitted opportunity. */
export interface AwsScoring {
  Insights: AwsOpportunityInsights;
  CosellMotion: string;
  SoftwareRevenue?: AwsSoftwareRevenue;
}

/** Members whose presence AWS's quality score rewards ("content completeness"), with the gap's advice. */
const COMPLETENESS: readonly { filled: (doc: Doc) => boolean; field: string; advice: string }[] = [
  {
    filled: (d) => list(obj(d.Customer).Contacts).length > 0,
    field: "Customer.Contacts",
    advice: "Add the customer's decision maker as a contact so the AWS account team can align with them.",
  },
  {
    filled: (d) => list(obj(d.Project).SalesActivities).length > 0,
    field: "Project.SalesActivities",
    advice:
      "Record the sales activities completed with the customer to show how far the deal has progressed.",
  },
  {
    filled: (d) => str(obj(d.LifeCycle).NextSteps) !== undefined,
    field: "LifeCycle.NextSteps",
    advice: "Describe the next steps agreed with the customer and when they happen.",
  },
  {
    filled: (d) => str(obj(d.Project).CustomerUseCase) !== undefined,
    field: "Project.CustomerUseCase",
    advice: "Name the customer use case so AWS can match specialists and programs to it.",
  },
  {
    filled: (d) => str(obj(obj(d.Customer).Account).AwsAccountId) !== undefined,
    field: "Customer.Account.AwsAccountId",
    advice: "Add the customer's AWS account ID to link the opportunity to the customer's AWS usage.",
  },
  {
    filled: (d) => list(obj(d.Project).DeliveryModels).length > 0,
    field: "Project.DeliveryModels",
    advice: "State how the solution is delivered (SaaS, professional services, managed services…).",
  },
  {
    filled: (d) => list(d.PrimaryNeedsFromAws).length > 0,
    field: "PrimaryNeedsFromAws",
    advice: "Say what you need from AWS (architecture validation, pricing, business presentation…).",
  },
  {
    filled: (d) => str(obj(d.Project).CompetitorName) !== undefined,
    field: "Project.CompetitorName",
    advice: "Name the competing offer the customer is evaluating.",
  },
  {
    filled: (d) => obj(d.Project).ExpectedContractDuration !== undefined,
    field: "Project.ExpectedContractDuration",
    advice: "Give the expected contract duration to size the deal over its term.",
  },
  {
    filled: (d) => d.SoftwareRevenue !== undefined,
    field: "SoftwareRevenue",
    advice: "Add the software revenue terms (value, effective and expiration dates).",
  },
];

/** At most this many gaps become recommendations (the model allows five in all). */
const MAX_GAP_RECOMMENDATIONS = 3;
/** Deal value (software revenue) from which AWS suggests a specialist. */
const SPECIALIST_DEAL_VALUE = 100_000;

/**
 * AWS's insights on an opportunity as it is submitted (AWS API Reference, AwsOpportunityInsights,
 * OpportunityQuality, Recommendation, AwsSoftwareRevenue): the quality score rewards content
 * completeness, recommendations name the gaps, the solution and (for large deals) a specialist;
 * what AWS would judge is drawn from a hash of the opportunity id and content, so an opportunity
 * submitted with the same content always gets the same scoring.
 */
export function awsScoringAtSubmission(record: OpportunityRecord, involvementType: string): AwsScoring {
  const doc = record.doc;
  const seed = new Plausible("AwsOpportunityInsights", record.catalog, record.id, doc);
  const project = obj(doc.Project);
  const area = solutionArea(
    [project.Title, project.CustomerBusinessProblem, project.CustomerUseCase].filter(str).join(" "),
    seed,
  );
  const gaps = COMPLETENESS.filter((c) => !c.filled(doc));
  const filled = COMPLETENESS.length - gaps.length;
  const score = Math.min(100, 40 + filled * 5 + seed.int(0, 9));

  const recommendations: Recommendation[] = gaps.slice(0, MAX_GAP_RECOMMENDATIONS).map((gap) => ({
    Type: "OpportunityQuality",
    Details: gap.advice,
    Attributes: { Field: gap.field },
  }));
  const [solution] = relatedEntities(record).Solutions;
  if (solution) {
    recommendations.push({
      Type: "SolutionRecommendation",
      Details: `Lead with solution ${solution}: it fits the customer's ${area.category} needs.`,
      Attributes: { SolutionId: solution, SolutionCategory: area.category },
    });
  }
  const revenue = softwareRevenue(doc, seed);
  if (Number(revenue?.Value?.Amount ?? "0") >= SPECIALIST_DEAL_VALUE) {
    recommendations.push({
      Type: "SpecialistRecommendation",
      Details: `Engage an AWS ${area.specialty} specialist: the expected spend qualifies for specialist support.`,
      Attributes: { Specialty: area.specialty },
    });
  }

  const insights: AwsOpportunityInsights = {
    EngagementScore: score >= 75 ? "High" : score >= 55 ? "Medium" : "Low",
    NextBestActions:
      recommendations[0]?.Details ?? "Keep the opportunity current as the deal progresses with the customer.",
    OpportunityQuality: { Score: score, Trend: "No Change" },
    Recommendations: recommendations,
  };
  const scoring: AwsScoring = {
    Insights: insights,
    CosellMotion:
      involvementType === "For Visibility Only"
        ? "Partner-led"
        : seed.pick(["AWS Field-engaged", "Agent-engaged"]),
  };
  if (revenue) scoring.SoftwareRevenue = revenue;
  return scoring;
}

/**
 * AWS's deal terms: the partner's software revenue when given, else the first expected spend
 * over a year (or the expected contract duration) from the target close date.
 */
function softwareRevenue(doc: Doc, seed: Plausible): AwsSoftwareRevenue | undefined {
  const discount = seed.pick(["0.00", "5.00", "10.00", "15.00"]);
  const given = obj(doc.SoftwareRevenue);
  const givenValue = obj(given.Value);
  if (str(givenValue.Amount) && str(givenValue.CurrencyCode)) {
    const revenue: AwsSoftwareRevenue = { Value: givenValue as unknown as MonetaryValue, Discount: discount };
    if (str(given.EffectiveDate)) revenue.EffectiveDate = str(given.EffectiveDate);
    if (str(given.ExpirationDate)) revenue.ExpirationDate = str(given.ExpirationDate);
    return revenue;
  }
  const project = obj(doc.Project);
  const spend = obj(list(project.ExpectedCustomerSpend)[0]);
  const monthly = cents(spend.Amount);
  const currency = str(spend.CurrencyCode);
  if (monthly === undefined || !currency) return undefined;
  const duration = obj(project.ExpectedContractDuration);
  const months = Number.parseInt(String(duration.Value ?? ""), 10);
  const term = Number.isInteger(months) && months > 0 && months <= 120 ? months : 12;
  const revenue: AwsSoftwareRevenue = {
    Value: {
      Amount: amountOf(monthly * BigInt(term)),
      CurrencyCode: currency as MonetaryValue["CurrencyCode"],
    },
    Discount: discount,
  };
  const start = str(obj(doc.LifeCycle).TargetCloseDate);
  if (start && /^\d{4}-\d{2}-\d{2}$/.test(start)) {
    revenue.EffectiveDate = start;
    revenue.ExpirationDate = addMonths(start, term);
  }
  return revenue;
}

/** `YYYY-MM-DD` plus whole months, the day kept within the target month. */
function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  // The model's Date has four-digit years: a term past 9999 ends on its last day.
  return first.getUTCFullYear() > 9999 ? "9999-12-31" : first.toISOString().slice(0, 10);
}
