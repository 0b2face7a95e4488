import { CountryCode_VALUES, Industry_VALUES } from "../../model/generated/shapes.js";
import { validateShape } from "../../validation/validate.js";
import { type Doc, obj } from "../common/doc.js";
import { fitsMember, fittingMembers } from "../common/model-fit.js";

/**
 * A lead holds its customer as free text (`LeadCustomer`: industry, country and website of any
 * form), an opportunity as the model's enums and patterns (`Account`). These turn the one into
 * the other, keeping only what the opportunity's model takes, so that the converted opportunity
 * can be sent back unchanged with UpdateOpportunity.
 */

/** `Account.OtherIndustry` holds up to 255 characters (the model's pattern `^(?s).{0,255}$`). */
export const OTHER_INDUSTRY_MAX = 255;

const squash = (text: string) => text.replace(/\s+/g, "").toLowerCase();
const INDUSTRIES = new Map<string, string>(Industry_VALUES.map((v) => [squash(v), v]));
const COUNTRIES = new Set<string>(CountryCode_VALUES);
const cut = (text: string, max: number) => [...text].slice(0, max).join("");
const nonEmpty = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";

/**
 * A free-text industry as the opportunity's: a known value whatever its case and spacing
 * ("financial services" → "Financial Services"), else `Other` naming the text in `OtherIndustry`.
 * A bare "Other" names nothing, and no text gives no industry.
 */
export function opportunityIndustry(text: unknown): { Industry?: string; OtherIndustry?: string } {
  if (!nonEmpty(text)) return {};
  const known = INDUSTRIES.get(squash(text));
  if (known === "Other") return {};
  if (known) return { Industry: known };
  return { Industry: "Other", OtherIndustry: cut(text.trim(), OTHER_INDUSTRY_MAX) };
}

/** A free-text country code as the model's `CountryCode` ("us", " DE " count), or nothing. */
export function opportunityCountry(code: unknown): string | undefined {
  if (typeof code !== "string") return undefined;
  const upper = code.trim().toUpperCase();
  return COUNTRIES.has(upper) ? upper : undefined;
}

/** A website only in the form the opportunity and its engagement contexts take (`CompanyWebsiteUrl`). */
export function companyWebsite(url: unknown): string | undefined {
  return nonEmpty(url) && validateShape("CompanyWebsiteUrl", url).length === 0 ? url : undefined;
}

/** A `LeadAddress` as the opportunity's `Address`: the parts it takes, none of them empty. */
export function opportunityAddress(address: unknown): Doc | undefined {
  const lead = obj(address);
  const parts = fittingMembers("Address", {
    City: nonEmpty(lead.City) ? lead.City : undefined,
    PostalCode: nonEmpty(lead.PostalCode) ? lead.PostalCode : undefined,
    StateOrRegion: nonEmpty(lead.StateOrRegion) ? lead.StateOrRegion : undefined,
    CountryCode: opportunityCountry(lead.CountryCode),
  });
  return Object.keys(parts).length > 0 ? parts : undefined;
}

/** The opportunity's `Customer.Account` made of a lead's `LeadCustomer`. */
export function accountFromLead(customer: unknown): Doc {
  const lead = obj(customer);
  const account: Doc = {};
  if (fitsMember("Account", "CompanyName", lead.CompanyName)) account.CompanyName = lead.CompanyName;
  Object.assign(account, opportunityIndustry(lead.Industry));
  const website = companyWebsite(lead.WebsiteUrl);
  if (website !== undefined) account.WebsiteUrl = website;
  const address = opportunityAddress(lead.Address);
  if (address) account.Address = address;
  return account;
}

/** A lead's business problem when the opportunity's `Project.CustomerBusinessProblem` takes it (20–2000). */
export function opportunityBusinessProblem(text: unknown): string | undefined {
  return fitsMember("Project", "CustomerBusinessProblem", text) ? (text as string) : undefined;
}
