import { quotaExceeded } from "../../errors.js";
import type { StoreTx } from "../../store/port.js";
import type { EngagementRecord } from "../../store/records.js";
import { addContext, MAX_CONTEXTS } from "./change-contexts.js";
import { customerProjectFromOpportunity } from "./customer-project-context.js";

/**
 * Linking an opportunity to a lead engagement by a resource snapshot gives the engagement the
 * `CustomerProject` context a submission needs (AWS Partner Central, "Working with your leads":
 * CreateResourceSnapshot creates it when a partner ties its opportunity to an AWS lead). Only an
 * engagement with a `Lead` context and no `CustomerProject` context gets one, so it happens once;
 * Engagement Updated goes to the partner members. No room for it → ServiceQuotaExceededException.
 */
export async function addCustomerProjectToLead(
  tx: StoreTx,
  engagement: EngagementRecord,
  opportunity: { id: string; doc: Record<string, unknown> },
  actor: string,
  now: number,
): Promise<void> {
  const types = new Set(engagement.contexts.map((c) => c.Type));
  if (!types.has("Lead") || types.has("CustomerProject")) return;
  if (engagement.contexts.length >= MAX_CONTEXTS) {
    throw quotaExceeded(
      `Engagement ${engagement.id} already has ${MAX_CONTEXTS} contexts: there is no room for the CustomerProject context that links opportunity ${opportunity.id} to its lead.`,
    );
  }
  await addContext(
    tx,
    engagement,
    "CustomerProject",
    customerProjectFromOpportunity(opportunity.doc),
    actor,
    now,
  );
}
