/**
 * Resource ↔ engagement links exist through resource snapshots: the rows live with them
 * (src/domain/snapshots/associations.ts).
 */
export { listEngagementResourceAssociations } from "../snapshots/associations.js";
