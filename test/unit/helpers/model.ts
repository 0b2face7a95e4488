/** Reads the Smithy model itself, so tests check the generated tables against their source. */
import { defaultModelPath, loadModel, type SmithyModel } from "../../../tools/codegen.js";

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
