import type { Catalog } from "../../store/records.js";

const PREFIX = "arn:aws:partnercentral:us-east-1:";

/** Engagement, invitation and task ARNs leave the account field empty, as AWS forms them. */
export const engagementArn = (catalog: Catalog, id: string) =>
  `${PREFIX}:catalog/${catalog}/engagement/${id}`;
export const invitationArn = (catalog: Catalog, id: string) =>
  `${PREFIX}:catalog/${catalog}/engagement-invitation/${id}`;

/**
 * The id an identifier names: the id itself, or the last segment of an ARN of `kind` in `catalog`.
 * An ARN of another kind or catalog names nothing here.
 */
export function resolveIdentifier(identifier: string, catalog: Catalog, kind: string): string | undefined {
  if (!identifier.startsWith("arn:")) return identifier;
  const match =
    /^arn:aws:partnercentral:[a-z0-9-]*:([0-9]{12})?:catalog\/([A-Za-z]+)\/([a-z-]+)\/([^/]+)$/.exec(
      identifier,
    );
  if (!match || match[2] !== catalog || match[3] !== kind) return undefined;
  return match[4];
}
