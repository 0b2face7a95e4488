import { notFound, quotaExceeded, validationError } from "../../errors.js";
import type { StoreTx } from "../../store/port.js";
import type { EngagementContextRecord, EngagementRecord } from "../../store/records.js";
import { engagementUpdatedEvents } from "../events/engagement-events.js";
import {
  contextTypeIssues,
  newProspectingContextId,
  normalizeContextPayload,
  numberContexts,
  PROSPECTING_RESULT,
} from "./contexts.js";
import { touched } from "./touch.js";

/** An engagement holds at most five contexts (the model's `EngagementContexts` length). */
export const MAX_CONTEXTS = 5;
/** A lead keeps at most ten interactions (the model's `LeadInteractionList` length). */
export const MAX_INTERACTIONS = 10;

type Payload = Record<string, unknown>;

function requireMatchingType(type: string, payload: Payload | undefined, path: string) {
  const issues = contextTypeIssues([{ Type: type, Payload: payload }], path).map((i) => ({
    ...i,
    FieldName: i.FieldName?.replace(`${path}[0].`, ""),
  }));
  if (issues.length > 0) throw validationError(issues, "BUSINESS_VALIDATION_FAILED");
}

/** Saves the changed engagement and tells every partner member (Engagement Updated). */
async function save(tx: StoreTx, engagement: EngagementRecord) {
  await tx.engagements.put(engagement);
  const members = await tx.members.list(engagement.catalog, engagement.id);
  await tx.events.append(engagementUpdatedEvents(engagement, members));
}

export async function addContext(
  tx: StoreTx,
  engagement: EngagementRecord,
  type: string,
  payload: Payload,
  actor: string,
  now: number,
): Promise<{ engagement: EngagementRecord; context: EngagementContextRecord }> {
  requireMatchingType(type, payload, "payload");
  if (engagement.contexts.length >= MAX_CONTEXTS) {
    throw quotaExceeded(`Engagement ${engagement.id} already has ${MAX_CONTEXTS} contexts.`);
  }
  const [context] = numberContexts(engagement.contexts, [{ Type: type, Payload: payload }]);
  const changed = { ...touched(engagement, actor, now), contexts: [...engagement.contexts, context!] };
  await save(tx, changed);
  return { engagement: changed, context: context! };
}

/**
 * Records AWS's prospecting result on the engagement. An engagement holds one: a later result
 * replaces the earlier one where it stood, under a new id (each id names one task's result, as
 * that task's `EngagementContextId` does). A first result takes one of the five context places.
 */
export async function putProspectingResult(
  tx: StoreTx,
  engagement: EngagementRecord,
  payload: Payload,
  actor: string,
  now: number,
): Promise<{ engagement: EngagementRecord; context: EngagementContextRecord }> {
  const context: EngagementContextRecord = {
    Id: newProspectingContextId(),
    Type: PROSPECTING_RESULT,
    Payload: payload,
  };
  const index = engagement.contexts.findIndex((c) => c.Type === PROSPECTING_RESULT);
  if (index < 0 && engagement.contexts.length >= MAX_CONTEXTS) {
    throw quotaExceeded(`Engagement ${engagement.id} already has ${MAX_CONTEXTS} contexts.`);
  }
  const contexts =
    index < 0
      ? [...engagement.contexts, context]
      : engagement.contexts.map((c, i) => (i === index ? context : c));
  const changed = { ...touched(engagement, actor, now), contexts };
  await save(tx, changed);
  return { engagement: changed, context };
}

/**
 * Replaces a context's payload. A lead update carries one interaction, added to the lead's
 * interactions; its customer and qualification status replace the old ones, its insights too
 * when it has them (an update without insights keeps the lead's).
 */
export async function updateContext(
  tx: StoreTx,
  engagement: EngagementRecord,
  contextId: string,
  type: string,
  payload: Payload,
  actor: string,
  now: number,
): Promise<EngagementRecord> {
  const index = engagement.contexts.findIndex((c) => c.Id === contextId);
  const current = engagement.contexts[index];
  if (!current) throw notFound(`Context ${contextId} was not found in engagement ${engagement.id}.`);
  if (current.Type !== type) {
    throw validationError(
      [
        {
          FieldName: "type",
          Message: `Context ${contextId} is of type ${current.Type}`,
          Code: "INVALID_VALUE",
        },
      ],
      "BUSINESS_VALIDATION_FAILED",
    );
  }
  requireMatchingType(type, payload, "payload");

  let next: Payload;
  if (type === "Lead") {
    const old = (current.Payload?.Lead ?? {}) as {
      Interactions?: unknown[];
      QualificationStatus?: string;
      Insights?: unknown;
    };
    const update = payload.Lead as {
      QualificationStatus?: string;
      Customer: unknown;
      Interaction?: unknown;
      Insights?: unknown;
    };
    const interactions = [...(old.Interactions ?? []), ...(update.Interaction ? [update.Interaction] : [])];
    if (interactions.length > MAX_INTERACTIONS) {
      throw quotaExceeded(`A lead holds at most ${MAX_INTERACTIONS} interactions.`);
    }
    const insights = update.Insights ?? old.Insights;
    next = {
      Lead: {
        ...(insights === undefined ? {} : { Insights: insights }),
        QualificationStatus: update.QualificationStatus ?? old.QualificationStatus ?? "Unqualified",
        Customer: update.Customer,
        Interactions: interactions,
      },
    };
  } else {
    next = payload;
  }
  const contexts = [...engagement.contexts];
  contexts[index] = { ...current, Payload: normalizeContextPayload(next) };
  const changed = { ...touched(engagement, actor, now), contexts };
  await save(tx, changed);
  return changed;
}
