import type { OperationTypes } from "../../model/generated/operations.js";
import type { StoreTx } from "../../store/port.js";
import type { Catalog } from "../../store/records.js";
import { iamRoleArn } from "../common/arns.js";
import type { OperationContext } from "../context.js";

type Get = OperationTypes["GetSellingSystemSettings"];
type Put = OperationTypes["PutSellingSystemSettings"];

/**
 * Where an account's settings of a catalog live: `tx.resources` kind `selling-system-settings`,
 * id = the account id, doc `{ResourceSnapshotJobRoleArn}` (resource snapshot jobs read it).
 */
export const SETTINGS_KIND = "selling-system-settings";

/** A role name becomes the caller's role ARN; a full role ARN is kept as given. */
export const roleArnOf = (identifier: string, accountId: string): string =>
  identifier.startsWith("arn:") ? identifier : iamRoleArn(accountId, identifier);

/** The role ARN registered for resource snapshot jobs of an account in a catalog, if any. */
export async function snapshotJobRoleArn(
  tx: StoreTx,
  catalog: Catalog,
  accountId: string,
): Promise<string | undefined> {
  const record = await tx.resources.get(SETTINGS_KIND, catalog, accountId);
  const arn = record?.doc.ResourceSnapshotJobRoleArn;
  return typeof arn === "string" ? arn : undefined;
}

/**
 * The caller's settings of the catalog. Never set → `{Catalog}` alone: the response member is
 * optional in the model, so "nothing registered" reads as an absent ARN, not an error.
 */
export async function getSellingSystemSettings(
  _input: Get["input"],
  ctx: OperationContext,
): Promise<Get["output"]> {
  const arn = await snapshotJobRoleArn(ctx.tx, ctx.catalog, ctx.caller.awsAccountId);
  return arn === undefined
    ? { Catalog: ctx.catalog }
    : { Catalog: ctx.catalog, ResourceSnapshotJobRoleArn: arn };
}

/**
 * Registers the resource snapshot job role (name or ARN) for the caller in the catalog and answers
 * the full ARN. Without `ResourceSnapshotJobRoleIdentifier` the stored setting stays as it is.
 */
export async function putSellingSystemSettings(
  input: Put["input"],
  ctx: OperationContext,
): Promise<Put["output"]> {
  const me = ctx.caller.awsAccountId;
  if (input.ResourceSnapshotJobRoleIdentifier === undefined) {
    return getSellingSystemSettings({ Catalog: ctx.catalog }, ctx);
  }
  const arn = roleArnOf(input.ResourceSnapshotJobRoleIdentifier, me);
  const existing = await ctx.tx.resources.get(SETTINGS_KIND, ctx.catalog, me);
  await ctx.tx.resources.put({
    kind: SETTINGS_KIND,
    catalog: ctx.catalog,
    id: me,
    ownerAccountId: me,
    createdAt: existing?.createdAt ?? ctx.now,
    doc: { ...existing?.doc, ResourceSnapshotJobRoleArn: arn },
  });
  return { Catalog: ctx.catalog, ResourceSnapshotJobRoleArn: arn };
}
