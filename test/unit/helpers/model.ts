/**
 * Reads the Smithy model itself, so tests check the generated tables against their source. A
 * clone without the model skips those tests (test/global-setup.ts prints why); under
 * PCLOCAL_REQUIRE_MODEL (CI) importing this file fails instead.
 */
import { describe } from "vitest";
import { defaultModelPath, loadModel, type SmithyModel } from "../../../tools/codegen.js";
import { modelSkipReason } from "../../../tools/model-file.js";

/** Why the tests that read the model are skipped; undefined when they run. */
export const MODEL_SKIP = modelSkipReason("model tests");

/** `describe` for suites that read the model: skipped, with the reason in its name, without it. */
export const describeWithModel = (name: string, body: () => void) =>
  describe.skipIf(MODEL_SKIP !== undefined)(MODEL_SKIP ? `${name} (${MODEL_SKIP})` : name, body);

let cached: SmithyModel | undefined;

export function rawModel(): SmithyModel {
  cached ??= loadModel(defaultModelPath());
  return cached;
}

/**
 * Every distinct `@pattern` of the model with where it is used: `Shape` for a shape trait,
 * `Shape$Member` for a member trait. In model order.
 */
export function modelPatterns(): Map<string, string[]> {
  const patterns = new Map<string, string[]>();
  if (MODEL_SKIP) return patterns;
  const add = (pattern: unknown, use: string) => {
    if (typeof pattern !== "string") return;
    const uses = patterns.get(pattern) ?? [];
    uses.push(use);
    patterns.set(pattern, uses);
  };
  for (const [id, shape] of Object.entries(rawModel().shapes)) {
    const name = id.slice(id.indexOf("#") + 1);
    add(shape.traits?.["smithy.api#pattern"], name);
    for (const [member, m] of Object.entries(shape.members ?? {})) {
      add(m.traits?.["smithy.api#pattern"], `${name}$${member}`);
    }
  }
  return patterns;
}

/** The pattern constraining a shape (`Name`) or a member (`Shape$Member`, or its target's). */
export function patternOf(use: string): string {
  const shapes = rawModel().shapes;
  const [shapeName, member] = use.split("$");
  const id = Object.keys(shapes).find((k) => k.endsWith(`#${shapeName}`));
  if (!id) throw new Error(`No shape ${shapeName}`);
  const shape = shapes[id]!;
  if (member === undefined) {
    const p = shape.traits?.["smithy.api#pattern"];
    if (typeof p !== "string") throw new Error(`${use} has no pattern`);
    return p;
  }
  const m = shape.members?.[member];
  if (!m) throw new Error(`No member ${use}`);
  const own = m.traits?.["smithy.api#pattern"];
  if (typeof own === "string") return own;
  return patternOf(m.target.slice(m.target.indexOf("#") + 1));
}
