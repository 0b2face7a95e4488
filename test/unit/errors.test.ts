import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ApiError, FRAMEWORK_ERRORS, MODEL_ERRORS } from "../../src/errors.js";
import { ERROR_SHAPES } from "../../src/model/generated/operations.js";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const errorsSection = readme.slice(readme.indexOf("\n## Errors\n"), readme.indexOf("\n## Development\n"));
const readmeRows = new Map(
  [...errorsSection.matchAll(/^\| `(\w+)` \| (\d{3}) \|/gm)].map((m) => [m[1]!, Number(m[2])]),
);

describe("the error list", () => {
  it("answers every error shape of the model with the model's status", () => {
    expect(Object.keys(MODEL_ERRORS).sort()).toEqual(Object.keys(ERROR_SHAPES).sort());
    for (const [name, make] of Object.entries(MODEL_ERRORS)) {
      const err = make("m");
      expect(err).toBeInstanceOf(ApiError);
      expect(`${err.type} ${err.status}`).toBe(
        `${name} ${ERROR_SHAPES[name as keyof typeof ERROR_SHAPES].httpStatus}`,
      );
    }
  });

  it("keeps framework errors apart from the model's", () => {
    for (const name of Object.keys(FRAMEWORK_ERRORS)) expect(ERROR_SHAPES).not.toHaveProperty(name);
  });

  it("is the README's error table, status for status", () => {
    const expected = new Map<string, number>([
      ...Object.values(ERROR_SHAPES).map((shape) => [shape.name, shape.httpStatus] as [string, number]),
      ...Object.entries(FRAMEWORK_ERRORS),
    ]);
    expect([...readmeRows.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [name, status] of expected)
      expect(`${name} ${readmeRows.get(name)}`).toBe(`${name} ${status}`);
  });
});
