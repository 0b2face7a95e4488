import type { Catalog } from "../../store/records.js";
import { envelope, isPartnerAccount, type NewEvent } from "./envelope.js";

export interface SnapshotEventSubject {
  catalog: Catalog;
  arn: string;
  engagementId: string;
  resourceType: string;
  resourceId: string;
  /** The account that owns the snapshotted resource. */
  createdBy: string;
}

/**
 * Engagement Resource Snapshot Created, as AWS delivers it (observed in [S-PM], docs/sources.md):
 * `{schemaVersion:"1", catalog, resourceSnapshot:{arn, engagementId, resourceId, resourceType,
 * createdBy}}`, with the snapshot's ARN as resource, to each partner account in `recipients`.
 */
export function snapshotCreatedEvents(
  subject: SnapshotEventSubject,
  recipients: readonly string[],
  time: number,
): NewEvent[] {
  return [...new Set(recipients)].filter(isPartnerAccount).map((account) =>
    envelope(account, subject.catalog, time, "Engagement Resource Snapshot Created", [subject.arn], {
      schemaVersion: "1",
      catalog: subject.catalog,
      resourceSnapshot: {
        arn: subject.arn,
        engagementId: subject.engagementId,
        resourceId: subject.resourceId,
        resourceType: subject.resourceType,
        createdBy: subject.createdBy,
      },
    }),
  );
}
