import type { ValidationIssue } from "../../errors.js";
import type { Catalog } from "../../store/records.js";

export const CATALOGS: readonly Catalog[] = ["AWS", "Sandbox"];

export const isCatalog = (value: unknown): value is Catalog => value === "AWS" || value === "Sandbox";

/** `AWS` and `Sandbox` are separate data spaces; any other catalog is a validation error. */
export function catalogIssue(value: unknown): ValidationIssue | undefined {
  if (typeof value !== "string" || isCatalog(value)) return undefined;
  return {
    FieldName: "catalog",
    Message: `Catalog must be one of: ${CATALOGS.join(", ")}`,
    Code: "INVALID_ENUM_VALUE",
  };
}
