import { notFound, type ValidationIssue, validationError } from "../../errors.js";
import type { OperationTypes } from "../../model/generated/operations.js";
import type { Tag } from "../../model/generated/shapes.js";
import type { StoreTx } from "../../store/port.js";
import type { Catalog } from "../../store/records.js";
import { ARN_KIND, accountOfArn, catalogSegmentOf, parseAccountArn } from "../common/arns.js";
import { isCatalog } from "../common/catalog.js";
import type { OperationContext } from "../context.js";

type TagIo = OperationTypes["TagResource"];
type UntagIo = OperationTypes["UntagResource"];
type ListIo = OperationTypes["ListTagsForResource"];

/** Tags of a resource: `tx.resources` kind `tags`, id = the resource ARN, doc `{Tags}`. */
export const TAGS_KIND = "tags";
export const MAX_TAGS = 200;

/** The account-scoped resources that can carry tags (the model's TaggableResourceArn needs an account). */
const TAGGABLE_KINDS: readonly string[] = [ARN_KIND.opportunity, ARN_KIND.snapshotJob];

interface Taggable {
  arn: string;
  accountId: string;
  catalog: Catalog;
  type: "opportunity" | "resource-snapshot-job";
  id: string;
}

const invalid = (field: string, message: string, code: ValidationIssue["Code"] = "INVALID_VALUE") =>
  validationError([{ FieldName: field, Message: message, Code: code }], "BUSINESS_VALIDATION_FAILED");

/**
 * The caller's taggable resource an ARN names. An ARN that is not an opportunity or resource
 * snapshot job ARN of a known catalog → ValidationException; one of another account, or of a
 * resource that does not exist → ResourceNotFoundException (as for any resource not visible).
 */
async function taggableResource(ctx: OperationContext, arn: string): Promise<Taggable> {
  const parts = parseAccountArn(arn);
  if (!parts || !TAGGABLE_KINDS.includes(parts.kind) || !isCatalog(parts.catalog)) {
    throw invalid(
      "resourceArn",
      "Only opportunity and resource snapshot job ARNs of the AWS or Sandbox catalog can be tagged.",
    );
  }
  const { account: accountId, id } = parts;
  const catalog = parts.catalog as Catalog;
  const type = parts.kind as Taggable["type"];
  const missing = () => notFound(`Resource ${arn} was not found.`);
  if (accountId !== ctx.caller.awsAccountId) throw missing();
  const owner =
    type === "opportunity"
      ? (await ctx.tx.opportunities.get(catalog, id))?.ownerAccountId
      : (await ctx.tx.resources.get("resource-snapshot-job", catalog, id))?.ownerAccountId;
  if (owner !== accountId) throw missing();
  return { arn, accountId, catalog, type, id };
}

const catalogOfArn = (arn: string): Catalog | undefined => {
  const catalog = catalogSegmentOf(arn);
  return isCatalog(catalog) ? catalog : undefined;
};

/** A resource's tags, in the order their keys were first set. */
export async function tagsOf(tx: StoreTx, arn: string): Promise<Tag[]> {
  const catalog = catalogOfArn(arn);
  if (!catalog) return [];
  const record = await tx.resources.get(TAGS_KIND, catalog, arn);
  return (record?.doc.Tags as Tag[] | undefined) ?? [];
}

function reservedKeyIssues(keys: string[], field: string): ValidationIssue[] {
  return keys.flatMap((key, i) =>
    key.toLowerCase().startsWith("aws:")
      ? [
          {
            FieldName: `${field}[${i}]`,
            Message: `Tag keys starting with "aws:" are reserved: ${key}`,
            Code: "INVALID_VALUE" as const,
          },
        ]
      : [],
  );
}

async function saveTags(tx: StoreTx, arn: string, owner: string, tags: Tag[], now: number): Promise<void> {
  const catalog = catalogOfArn(arn);
  if (!catalog) return;
  if (tags.length === 0) {
    await tx.resources.delete(TAGS_KIND, catalog, arn);
    return;
  }
  const existing = await tx.resources.get(TAGS_KIND, catalog, arn);
  await tx.resources.put({
    kind: TAGS_KIND,
    catalog,
    id: arn,
    ownerAccountId: owner,
    createdAt: existing?.createdAt ?? now,
    doc: { Tags: tags },
  });
}

/**
 * Merges tags into a resource's tags: a key given again takes the later value (within the request
 * too); `aws:` keys are reserved; at most 200 tags per resource. Also used by the Create operations
 * that accept `Tags`. The resource ARN is assumed to be well-formed and the caller's.
 */
export async function tagResource(tx: StoreTx, arn: string, tags: Tag[], now = Date.now()): Promise<void> {
  const reserved = reservedKeyIssues(
    tags.map((t) => t.Key),
    "tags",
  ).map((issue) => ({ ...issue, FieldName: `${issue.FieldName}.key` }));
  if (reserved.length > 0) throw validationError(reserved, "BUSINESS_VALIDATION_FAILED");
  const merged = new Map((await tagsOf(tx, arn)).map((t) => [t.Key, t.Value]));
  for (const t of tags) merged.set(t.Key, t.Value);
  if (merged.size > MAX_TAGS) {
    throw invalid(
      "tags",
      `A resource can have at most ${MAX_TAGS} tags; this request would leave it with ${merged.size}.`,
      "TOO_MANY_VALUES",
    );
  }
  const owner = accountOfArn(arn) ?? "";
  await saveTags(
    tx,
    arn,
    owner,
    [...merged].map(([Key, Value]) => ({ Key, Value })),
    now,
  );
}

export async function tagResourceHandler(
  input: TagIo["input"],
  ctx: OperationContext,
): Promise<TagIo["output"]> {
  const resource = await taggableResource(ctx, input.ResourceArn);
  await tagResource(ctx.tx, resource.arn, input.Tags, ctx.now);
  return {};
}

/** Removes the given keys; keys the resource does not carry are ignored. */
export async function untagResource(
  input: UntagIo["input"],
  ctx: OperationContext,
): Promise<UntagIo["output"]> {
  const resource = await taggableResource(ctx, input.ResourceArn);
  const reserved = reservedKeyIssues(input.TagKeys, "tagKeys");
  if (reserved.length > 0) throw validationError(reserved, "BUSINESS_VALIDATION_FAILED");
  const drop = new Set(input.TagKeys);
  const remaining = (await tagsOf(ctx.tx, resource.arn)).filter((t) => !drop.has(t.Key));
  await saveTags(ctx.tx, resource.arn, resource.accountId, remaining, ctx.now);
  return {};
}

export async function listTagsForResource(
  input: ListIo["input"],
  ctx: OperationContext,
): Promise<ListIo["output"]> {
  const resource = await taggableResource(ctx, input.ResourceArn);
  return { Tags: await tagsOf(ctx.tx, resource.arn) };
}
