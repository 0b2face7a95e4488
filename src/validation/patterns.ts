/**
 * The model's `@pattern` strings, run safely.
 *
 * Patterns are Java-flavoured and two of them are catastrophic on a backtracking engine
 * (docs/design.md, "Validation": CompanyWebsiteUrl and SenderContactEmail). Requests are
 * therefore matched by re2js, a linear-time RE2 port; `toJsRegExp` is the faithful JavaScript
 * translation, kept as the reference engine of the differential tests only.
 *
 * Both engines share one reading of a pattern:
 * - `(?s)`, wherever it appears, turns on dot-all for the whole pattern (JS has no inline flags);
 * - without dot-all, `.` excludes the JS line terminators \n \r U+2028 U+2029 (RE2's `.` only
 *   excludes \n, so the RE2 translation spells the class out);
 * - `.` and lengths count code points (JS `u` flag; Smithy/Java count characters);
 * - anchors are as written: a pattern without `^` (TaskIdentifier) is a search, not a full match,
 *   and `$` is the end of the input (JS and RE2; Java would also allow a final line terminator);
 * - RE2 has no lookaround. Every lookahead in the model is a leading length bound
 *   `^(?=.{m,n}$)`: it is stripped and checked in code. Any other lookaround throws, so a model
 *   change cannot slip through unnoticed.
 */
import { RE2JS } from "re2js";

export interface SafePattern {
  /** `length`: counts code points; `re2`: an RE2 automaton. Both are linear in the input. */
  readonly engine: "length" | "re2";
  /**
   * The RE2 program's instructions (0 when counting): RE2 visits each (instruction, position)
   * pair at most once, so a match costs at most this many steps per input character.
   */
  readonly programSize: number;
  test(value: string): boolean;
}

interface Bounds {
  min: number;
  max: number;
}

interface Analysis {
  /** The pattern without `(?s)` and without the leading length lookahead. */
  body: string;
  dotAll: boolean;
  /** The leading `(?=.{m,n}$)` bound, if any. */
  lengthBound?: Bounds;
}

const LEADING_LENGTH_LOOKAHEAD = /^\^\(\?=\.\{(\d+),(\d+)\}\$\)/;
const LENGTH_ONLY = /^\^\.\{(\d+),(\d+)\}\$$/;
const NOT_LINE_TERMINATOR_RE2 = "[^\\n\\r\\x{2028}\\x{2029}]";

/**
 * Rewrites `pattern`: `edit.escape` sees every escape sequence (`\uXXXX` whole), `edit.dot` each
 * `.` and `edit.group` each `(?` outside character classes; the rest is copied.
 */
function rewrite(
  pattern: string,
  edit: {
    dot?: () => string;
    escape?: (sequence: string) => string;
    group?: (rest: string) => { text: string; skip: number } | undefined;
  },
): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\") {
      let esc = pattern.slice(i, i + 2);
      if (pattern[i + 1] === "u" && /^[0-9a-fA-F]{4}$/.test(pattern.slice(i + 2, i + 6)))
        esc = pattern.slice(i, i + 6);
      out += edit.escape ? edit.escape(esc) : esc;
      i += esc.length - 1;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      out += c;
      continue;
    }
    if (c === "[") {
      inClass = true;
      out += c;
      // A `]` right after `[` or `[^` is a literal member in Java.
      if (pattern[i + 1] === "^") {
        out += "^";
        i++;
      }
      if (pattern[i + 1] === "]") {
        out += "\\]";
        i++;
      }
      continue;
    }
    if (c === "." && edit.dot) {
      out += edit.dot();
      continue;
    }
    if (c === "(" && pattern[i + 1] === "?" && edit.group) {
      const replaced = edit.group(pattern.slice(i));
      if (replaced) {
        out += replaced.text;
        i += replaced.skip - 1;
        continue;
      }
    }
    out += c;
  }
  return out;
}

function analyse(pattern: string): Analysis {
  let lengthBound: Bounds | undefined;
  let source = pattern;
  const lookahead = LEADING_LENGTH_LOOKAHEAD.exec(source);
  if (lookahead) {
    lengthBound = { min: Number(lookahead[1]), max: Number(lookahead[2]) };
    source = `^${source.slice(lookahead[0].length)}`;
  }
  let dotAll = false;
  const body = rewrite(source, {
    group(rest) {
      if (rest.startsWith("(?s)")) {
        dotAll = true;
        return { text: "", skip: 4 };
      }
      if (rest.startsWith("(?:")) return undefined;
      if (/^\(\?(=|!|<=|<!)/.test(rest)) {
        throw new Error(
          `Unsupported lookaround in pattern ${JSON.stringify(pattern)}: only a leading ^(?=.{m,n}$)`,
        );
      }
      if (rest.startsWith("(?<") || rest.startsWith("(?P<")) return undefined; // named group
      throw new Error(`Unsupported inline group in pattern ${JSON.stringify(pattern)}`);
    },
  });
  return lengthBound ? { body, dotAll, lengthBound } : { body, dotAll };
}

const isLineTerminator = (code: number) =>
  code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029;

/**
 * Whether `value` has `min..max` code points (a lone surrogate counts as one, like the JS `u`
 * flag) and, unless `dotAll`, no line terminator. Stops at the first character past `max`.
 */
export function lengthWithin(value: string, min: number, max: number, dotAll: boolean): boolean {
  const n = value.length;
  if (n < min) return false; // code points <= code units
  // Each code point takes one or two code units, so `n/2 <= count <= n`.
  if (dotAll && n <= max && n >= 2 * min) return true;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const code = value.charCodeAt(i);
    if (!dotAll && isLineTerminator(code)) return false;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < n) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    if (++count > max) return false;
  }
  return count >= min;
}

function compile(pattern: string): SafePattern {
  const { body, dotAll, lengthBound } = analyse(pattern);

  // `^.{m,n}$` (30 of the 48 patterns' uses are length-only): counting is the exact equivalent.
  const lengthOnly = LENGTH_ONLY.exec(body);
  if (lengthOnly) {
    const min = Math.max(Number(lengthOnly[1]), lengthBound?.min ?? 0);
    const max = Math.min(Number(lengthOnly[2]), lengthBound?.max ?? Number.POSITIVE_INFINITY);
    return { engine: "length", programSize: 0, test: (value) => lengthWithin(value, min, max, dotAll) };
  }

  const re2Source = rewrite(body, {
    dot: dotAll ? undefined : () => NOT_LINE_TERMINATOR_RE2,
    escape: (esc) => (esc.length === 6 && esc[1] === "u" ? `\\x{${esc.slice(2)}}` : esc),
  });
  const re = RE2JS.compile(re2Source, dotAll ? RE2JS.DOTALL : 0);
  const programSize = re.matcher("").programSize();
  if (!lengthBound) return { engine: "re2", programSize, test: (value) => re.test(value) };
  const { min, max } = lengthBound;
  return {
    engine: "re2",
    programSize,
    test: (value) => lengthWithin(value, min, max, dotAll) && re.test(value),
  };
}

const safeCache = new Map<string, SafePattern>();
const jsCache = new Map<string, RegExp>();

/** A linear-time matcher for a model pattern (cached). Throws on lookarounds RE2 cannot run. */
export function compileSafePattern(smithyPattern: string): SafePattern {
  let compiled = safeCache.get(smithyPattern);
  if (!compiled) {
    compiled = compile(smithyPattern);
    safeCache.set(smithyPattern, compiled);
  }
  return compiled;
}

/**
 * The faithful JavaScript RegExp of a model pattern: `(?s)` becomes the `s` flag, lookaheads
 * stay, `u` makes `\p{..}` work and `.` count code points. Backtracking: for tests only.
 */
export function toJsRegExp(smithyPattern: string): RegExp {
  let re = jsCache.get(smithyPattern);
  if (!re) {
    let dotAll = false;
    const source = rewrite(smithyPattern, {
      group(rest) {
        if (!rest.startsWith("(?s)")) return undefined;
        dotAll = true;
        return { text: "", skip: 4 };
      },
    });
    re = new RegExp(source, dotAll ? "su" : "u");
    jsCache.set(smithyPattern, re);
  }
  return re;
}

/** A short human description of a pattern for validation messages. */
export function describePattern(smithyPattern: string): string {
  let analysis: Analysis;
  try {
    analysis = analyse(smithyPattern);
  } catch {
    return `Value must match the pattern ${smithyPattern}`;
  }
  const lengthOnly = LENGTH_ONLY.exec(analysis.body);
  if (lengthOnly) {
    const min = Number(lengthOnly[1]);
    const max = Number(lengthOnly[2]);
    const what = analysis.dotAll ? "characters" : "characters (no line breaks)";
    return min === 0
      ? `Value must be at most ${max} ${what} long`
      : `Value must be ${min} to ${max} ${what} long`;
  }
  return `Value must match the pattern ${smithyPattern}`;
}
