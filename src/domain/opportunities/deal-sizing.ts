import type { ValidationIssue } from "../../errors.js";
import { type Doc, list, obj, str } from "../common/doc.js";

/**
 * Deal sizing of an opportunity's project: the expected spend entries and, for a Total Contract
 * Value (TCV), the expected contract duration (AWS Partner Central developer guide, "Working with
 * deal sizing insights"; the SDK's ExpectedCustomerSpend documentation).
 */

export const ACCEPTED_CURRENCIES: readonly string[] = ["USD", "EUR"];
const SOVEREIGN_PARTITION = "aws-eusc";
export const MAX_CONTRACT_MONTHS = 144;

/**
 * The currency rule of expected spend: USD or EUR only, and EUR in the AWS European Sovereign
 * Cloud partition. Field names carry the entry's index under `path`.
 */
export function currencyIssues(spend: unknown, partition: unknown, path: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  list(spend).forEach((entry, i) => {
    const currency = str(obj(entry).CurrencyCode);
    if (currency === undefined) return;
    const FieldName = `${path}[${i}].currencyCode`;
    if (!ACCEPTED_CURRENCIES.includes(currency)) {
      issues.push({
        FieldName,
        Message: `CurrencyCode ${currency} is not accepted; use ${ACCEPTED_CURRENCIES.join(" or ")}.`,
        Code: "INVALID_VALUE",
      });
    } else if (partition === SOVEREIGN_PARTITION && currency !== "EUR") {
      issues.push({
        FieldName,
        Message: `CurrencyCode must be EUR when Project.AwsPartition is ${SOVEREIGN_PARTITION}.`,
        Code: "INVALID_VALUE",
      });
    }
  });
  return issues;
}

/** The stored project an update starts from, and whether it sent `ExpectedContractDuration: null`. */
export interface StoredDeal {
  project: Doc;
  durationCleared: boolean;
}

const isSelf = (entry: Doc) => entry.TargetCompany === "Self";
const isAws = (entry: Doc) => entry.TargetCompany === "AWS";

const issue = (FieldName: string, Message: string): ValidationIssue => ({
  FieldName,
  Message,
  Code: "INVALID_VALUE",
});

/**
 * The project to store after Create (`stored` absent) or Update, and the deal-sizing rules it
 * breaks (all reported at once):
 * - an update that omits `ExpectedContractDuration` keeps the stored one; `null` clears it;
 * - the duration is `Months`, 1 to 144;
 * - a `Self` entry (the partner's TCV) needs a duration, and at most one is allowed; on Create a
 *   duration needs a `Self` entry, while an update without one keeps the stored `Self` entry;
 * - with a duration only `AWS` and `Self` entries are accepted; without one any other
 *   TargetCompany becomes `AWS`;
 * - `Self` and `AWS` entries share one currency, and no entry has an EstimationUrl beside a `Self` entry;
 * - the currency rule ({@link currencyIssues}).
 * A TCV without an `AWS` entry gets one, the monthly value AWS derives from it (here: the TCV
 * spread evenly over the duration).
 */
export function sizeDeal(
  given: Doc | undefined,
  stored?: StoredDeal,
): { project: Doc | undefined; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const project: Doc | undefined = given ? { ...given } : undefined;
  const kept = stored?.project.ExpectedContractDuration;
  let duration: unknown = project?.ExpectedContractDuration;
  if (project) delete project.ExpectedContractDuration;
  if (stored?.durationCleared) duration = undefined;
  else if (duration === undefined || duration === null) duration = kept ?? undefined;
  if (duration === undefined && !project) return { project, issues };

  const out: Doc = project ?? {};
  if (duration !== undefined) {
    out.ExpectedContractDuration = duration;
    issues.push(...durationIssues(obj(duration)));
  }
  const hasSpend = Array.isArray(out.ExpectedCustomerSpend);
  issues.push(
    ...currencyIssues(out.ExpectedCustomerSpend, out.AwsPartition, "project.expectedCustomerSpend"),
  );
  const spend = list(out.ExpectedCustomerSpend).map((entry) => ({ ...obj(entry) }));

  if (duration !== undefined && !spend.some(isSelf)) {
    const storedSelf = stored && list(stored.project.ExpectedCustomerSpend).map(obj).find(isSelf);
    if (storedSelf) spend.push({ ...storedSelf });
    else if (!stored)
      issues.push(
        issue(
          "project.expectedCustomerSpend",
          "A Self entry is required when ExpectedContractDuration is present",
        ),
      );
  }
  const selves = spend.filter(isSelf);
  if (selves.length > 1)
    issues.push(issue("project.expectedCustomerSpend", "Only one Self entry is allowed"));
  if (duration === undefined) {
    if (selves.length > 0)
      issues.push(
        issue(
          "project.expectedContractDuration",
          "ExpectedContractDuration is required when a Self entry is present",
        ),
      );
    for (const entry of spend) if (!isSelf(entry) && !isAws(entry)) entry.TargetCompany = "AWS";
  } else if (spend.some((entry) => !isSelf(entry) && !isAws(entry))) {
    issues.push(
      issue("project.expectedCustomerSpend.targetCompany", "TargetCompany must be 'AWS' or 'Self'"),
    );
  }
  const self = selves[0];
  if (self) {
    if (spend.some((entry) => isAws(entry) && entry.CurrencyCode !== self.CurrencyCode))
      issues.push(
        issue("project.expectedCustomerSpend.currencyCode", "CurrencyCode must match between entries"),
      );
    if (spend.some((entry) => str(entry.EstimationUrl)))
      issues.push(
        issue("project.expectedCustomerSpend.estimationUrl", "Self entry and EstimationUrl cannot coexist"),
      );
  }
  if (issues.length === 0 && self && duration !== undefined && !spend.some(isAws)) {
    const monthly = monthlyAmount(str(self.Amount), Number(obj(duration).Value));
    if (monthly !== undefined)
      spend.unshift({
        Amount: monthly,
        CurrencyCode: self.CurrencyCode,
        Frequency: "Monthly",
        TargetCompany: "AWS",
      });
  }
  if (hasSpend || spend.length > 0) out.ExpectedCustomerSpend = spend;
  return { project: out, issues };
}

function durationIssues(duration: Doc): ValidationIssue[] {
  const value = str(duration.Value) ?? "";
  const months = /^[0-9]{1,4}$/.test(value) ? Number(value) : Number.NaN;
  if (months >= 1 && months <= MAX_CONTRACT_MONTHS) return [];
  return [
    issue(
      "project.expectedContractDuration.value",
      `ExpectedContractDuration.Value must be a whole number of months from 1 to ${MAX_CONTRACT_MONTHS}; got "${value}".`,
    ),
  ];
}

/** `amount` (a decimal with at most 2 fraction digits) over `months`, to the cent, half up. */
function monthlyAmount(amount: string | undefined, months: number): string | undefined {
  const m = amount ? /^([0-9]+)(?:\.([0-9]{0,2}))?$/.exec(amount) : null;
  if (!m || !Number.isInteger(months) || months < 1) return undefined;
  const cents = BigInt(m[1]!) * 100n + BigInt((m[2] ?? "").padEnd(2, "0"));
  const perMonth = (cents * 2n + BigInt(months)) / (2n * BigInt(months));
  return `${perMonth / 100n}.${String(perMonth % 100n).padStart(2, "0")}`;
}
