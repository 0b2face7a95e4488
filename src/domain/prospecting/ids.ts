import { randomBase36 } from "../../util/ids.js";

/** Prospecting task ids are `task-` + 14 characters of `[0-9a-z]` (other tasks' ids have 13). */
export const newProspectingTaskId = () => `task-${randomBase36(14)}`;
