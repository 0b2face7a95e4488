import type { Catalog } from "../../store/records.js";
import { randomBase36 } from "../../util/ids.js";

/** Prospecting task ids are `task-` + 14 characters of `[0-9a-z]` (other tasks' ids have 13). */
export const newProspectingTaskId = () => `task-${randomBase36(14)}`;

export const PROSPECTING_TASK_ID = /^task-[0-9a-z]{14}$/;

/** The ARN segment of a prospecting task. */
export const PROSPECTING_ARN_KIND = "prospecting-from-engagement-task";

/** Task ARNs leave the account field empty, as AWS forms them. */
export const prospectingTaskArn = (catalog: Catalog, id: string) =>
  `arn:aws:partnercentral:us-east-1::catalog/${catalog}/${PROSPECTING_ARN_KIND}/${id}`;
