/**
 * Seeds a store file through the store port, with a progress bar:
 *
 *   npx tsx bench/seed.ts --db PATH --engagements N --invitations N
 *
 * Engagements are Partner A's (`eng-00000000000000` …); invitations are AWS leads to Partner A
 * (`engi-0000000000000` …). Writes go in transactions of 10,000.
 */
import { parseArgs } from "node:util";
import { seedEngagements } from "./lib/seed-engagements.js";
import { seedInvitations } from "./lib/seed-invitations.js";

const { values } = parseArgs({
  options: {
    db: { type: "string" },
    engagements: { type: "string", default: "0" },
    invitations: { type: "string", default: "0" },
  },
});
if (!values.db) {
  console.error("usage: npx tsx bench/seed.ts --db PATH --engagements N --invitations N");
  process.exit(2);
}
const engagements = Number(values.engagements);
const invitations = Number(values.invitations);
if (engagements > 0) await seedEngagements(values.db, engagements);
if (invitations > 0) await seedInvitations(values.db, invitations);
