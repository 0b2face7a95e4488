/**
 * Where the Smithy model is read from, and what a check that needs it does when it is absent.
 *
 * The project stands alone: its generated code is committed, so a clone without the model
 * installs, serves and passes its tests. Checks that read the model itself then say that they
 * were skipped and why. CI sets PCLOCAL_REQUIRE_MODEL=1, under which a missing model fails them.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Where the test suite records the output members it saw (tools/model-coverage.ts reads it). */
export const DEFAULT_COVERAGE_DIR = path.join(PROJECT_ROOT, ".pclocal", "model-coverage");

const SHARED_MODELS = path.resolve(PROJECT_ROOT, "..", "shared", "model");

/** The model file the project is generated from, beside a checkout (override: PCLOCAL_MODEL). */
export const DEFAULT_MODEL_PATH = path.join(SHARED_MODELS, "partnercentral-selling-2026-11.json");

/** The previous model and the current one: the pair whose differences the model-diff test knows. */
export const KNOWN_REFRESH = {
  from: path.join(SHARED_MODELS, "partnercentral-selling.json"),
  to: DEFAULT_MODEL_PATH,
} as const;

export function defaultModelPath(): string {
  return process.env.PCLOCAL_MODEL ?? DEFAULT_MODEL_PATH;
}

/** True when a missing model must fail the checks that read it rather than skip them. */
export function modelRequired(): boolean {
  const value = process.env.PCLOCAL_REQUIRE_MODEL;
  return value !== undefined && value !== "" && value !== "0" && value !== "false";
}

/** `file` relative to the project root when it is near, for messages. */
export function shownPath(file: string): string {
  const rel = path.relative(PROJECT_ROOT, file);
  return rel.startsWith(`..${path.sep}..`) || path.isAbsolute(rel) ? file : rel;
}

/**
 * Why `checks` cannot run (one line naming the first missing file), or undefined when every
 * file is there. Throws instead when PCLOCAL_REQUIRE_MODEL is set: there a skip would hide a check.
 */
export function skipReason(checks: string, files: readonly string[], hint: string): string | undefined {
  const missing = files.find((f) => !existsSync(f));
  if (missing === undefined) return undefined;
  if (modelRequired())
    throw new Error(`${checks} cannot run: ${shownPath(missing)} not found (PCLOCAL_REQUIRE_MODEL is set)`);
  return `${checks} skipped: ${shownPath(missing)} not found (${hint})`;
}

/**
 * The skip line of the checks that read the current model, or undefined when it is there. A
 * model named by PCLOCAL_MODEL was asked for: its absence is an error, never a skip.
 */
export function modelSkipReason(checks: string, them = "them"): string | undefined {
  const file = defaultModelPath();
  if (process.env.PCLOCAL_MODEL !== undefined && !existsSync(file))
    throw new Error(`${checks} cannot run: PCLOCAL_MODEL names ${file}, which does not exist`);
  return skipReason(checks, [file], `set PCLOCAL_MODEL to run ${them}`);
}
