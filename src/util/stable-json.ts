import { createHash } from "node:crypto";

type Frame =
  | { kind: "array"; items: unknown[]; i: number }
  | { kind: "object"; obj: Record<string, unknown>; keys: string[]; i: number };

/**
 * JSON with object keys sorted, so equal values give equal text whatever the key order. Iterative,
 * so arbitrarily deep input (e.g. unknown members a client nests 100k levels deep) cannot overflow
 * the stack.
 */
export function stableStringify(value: unknown): string {
  let out = "";
  const stack: Frame[] = [];
  const open = (v: unknown) => {
    if (v === null || typeof v !== "object") {
      out += JSON.stringify(v) ?? "null";
    } else if (Array.isArray(v)) {
      out += "[";
      stack.push({ kind: "array", items: v, i: 0 });
    } else {
      const obj = v as Record<string, unknown>;
      out += "{";
      stack.push({
        kind: "object",
        obj,
        keys: Object.keys(obj)
          .filter((k) => obj[k] !== undefined)
          .sort(),
        i: 0,
      });
    }
  };
  open(value);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.kind === "array") {
      if (top.i === top.items.length) {
        out += "]";
        stack.pop();
        continue;
      }
      if (top.i > 0) out += ",";
      open(top.items[top.i++]);
    } else {
      if (top.i === top.keys.length) {
        out += "}";
        stack.pop();
        continue;
      }
      const key = top.keys[top.i++]!;
      out += `${top.i > 1 ? "," : ""}${JSON.stringify(key)}:`;
      open(top.obj[key]);
    }
  }
  return out;
}

export const sha256Hex = (text: string): string => createHash("sha256").update(text).digest("hex");
