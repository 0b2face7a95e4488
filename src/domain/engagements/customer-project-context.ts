import { type Doc, obj } from "../common/doc.js";
import { fittingMembers } from "../common/model-fit.js";

/**
 * The `CustomerProject` context payload that stands for an opportunity in an engagement: the
 * customer's company, industry, website and country, the project's title and business problem,
 * and the target close date as the target completion date. A value the context's model does not
 * take (a website that is no URL, a business problem under 20 characters) or the opportunity
 * lacks is left out rather than made up.
 */
export function customerProjectFromOpportunity(opportunity: Doc): { CustomerProject: Doc } {
  const account = obj(obj(opportunity.Customer).Account);
  const project = obj(opportunity.Project);
  const customer = fittingMembers("EngagementCustomer", {
    Industry: account.Industry,
    CompanyName: account.CompanyName,
    WebsiteUrl: account.WebsiteUrl,
    CountryCode: obj(account.Address).CountryCode,
  });
  const details = fittingMembers("EngagementCustomerProjectDetails", {
    Title: project.Title,
    BusinessProblem: project.CustomerBusinessProblem,
    TargetCompletionDate: obj(opportunity.LifeCycle).TargetCloseDate,
  });
  const context: Doc = {};
  if (Object.keys(customer).length > 0) context.Customer = customer;
  if (Object.keys(details).length > 0) context.Project = details;
  return { CustomerProject: context };
}
