import { createHash } from "node:crypto";
import { stableStringify } from "../../util/stable-json.js";

/**
 * Deterministic stand-ins for what AWS computes (scores, classifications, levels): each draw comes
 * from a SHA-256 of what the values are about, so the same input always gives the same values and
 * different inputs spread over the choices.
 */
export class Plausible {
  private bytes: Buffer;
  private offset = 0;

  constructor(...about: unknown[]) {
    this.bytes = createHash("sha256").update(stableStringify(about)).digest();
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    if (this.offset + 4 > this.bytes.length) {
      this.bytes = createHash("sha256").update(this.bytes).digest();
      this.offset = 0;
    }
    const word = this.bytes.readUInt32BE(this.offset);
    this.offset += 4;
    return min + (word % (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }
}

/** The three-step level AWS's insights use (`EngagementScore`, `LeadReadinessScore`, …). */
export const LEVELS = ["High", "Medium", "Low"] as const;

/** A solution area, recognised from the words of a project or a use case. */
export interface SolutionArea {
  category: string;
  subCategory: string;
  specialty: string;
}

const AREAS: readonly (SolutionArea & { words: RegExp })[] = [
  {
    words: /\b(ai|ml|genai|machine learning|generative|llm)s?\b/i,
    category: "Machine Learning",
    subCategory: "Generative AI",
    specialty: "AI/ML",
  },
  {
    words: /\b(containers?|kubernetes|microservices?|serverless)\b/i,
    category: "Containers",
    subCategory: "Kubernetes",
    specialty: "Containers",
  },
  {
    words: /\b(migrat\w*|moderni[sz]\w*|mainframe|legacy|data ?cent(er|re))\b/i,
    category: "Migration",
    subCategory: "Application Modernization",
    specialty: "Migration",
  },
  {
    words: /\b(data|analytics?|lake|warehouse|bi|reporting)\b/i,
    category: "Analytics",
    subCategory: "Data Lakes",
    specialty: "Analytics",
  },
  {
    words: /\b(secur\w*|identity|compliance|threat|fraud)\b/i,
    category: "Security",
    subCategory: "Identity and Access",
    specialty: "Security",
  },
  {
    words: /\b(contact cent(er|re)|call cent(er|re)|customer engagement)\b/i,
    category: "Customer Engagement",
    subCategory: "Contact Center",
    specialty: "Contact Center",
  },
];

/** The first area the text names; without one, a seeded choice. */
export function solutionArea(text: string, seed: Plausible): SolutionArea {
  const { words: _w, ...area } = AREAS.find((a) => a.words.test(text)) ?? seed.pick(AREAS);
  return area;
}
