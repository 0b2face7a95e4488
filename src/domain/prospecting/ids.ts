import type { Catalog } from "../../store/records.js";
import { randomBase36 } from "../../util/ids.js";

/** Prospecting task ids are `task-` + 14 characters of `[0-9a-z]` (other tasks' ids have 13). */
export const newProspectingTaskId = () => `task-${randomBase36(14)}`;

/** The ARN segment of a prospecting task. */
export const PROSPECTING_ARN_KIND = "prospecting-from-engagement-task";

/** In the `partnercentral-selling` namespace with an empty account field, as the model's `ProspectingTaskArn` pattern states. */
export const prospectingTaskArn = (catalog: Catalog, id: string) =>
  `arn:aws:partnercentral-selling:us-east-1::catalog/${catalog}/${PROSPECTING_ARN_KIND}/${id}`;
