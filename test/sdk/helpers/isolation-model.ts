/**
 * The reference model of the tenant-isolation property test: who owns, who is a member of and who
 * may see each resource, kept independently of the server from the answers of successful calls.
 */

export type Catalog = "Sandbox" | "AWS";
export const CATALOGS: readonly Catalog[] = ["Sandbox", "AWS"];
export const otherCatalog = (c: Catalog): Catalog => (c === "Sandbox" ? "AWS" : "Sandbox");

/** A small, seeded PRNG (mulberry32): the same seed walks the same steps. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[this.int(items.length)]!;
  }
  maybePick<T>(items: readonly T[]): T | undefined {
    return items.length === 0 ? undefined : this.pick(items);
  }
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = [...items];
    const out: T[] = [];
    while (out.length < n && copy.length > 0) out.push(copy.splice(this.int(copy.length), 1)[0]!);
    return out;
  }
  /** Weighted choice over `[weight, value]` pairs. */
  weighted<T>(entries: readonly (readonly [number, T])[]): T {
    const total = entries.reduce((s, [w]) => s + w, 0);
    let r = this.next() * total;
    for (const [w, v] of entries) {
      r -= w;
      if (r < 0) return v;
    }
    return entries[entries.length - 1]![1];
  }
  chars(n: number, alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"): string {
    let s = "";
    for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }
}

/** `"aws"` or a partner's account id. */
export type Party = string;
export const AWS: Party = "aws";

export interface EngagementModel {
  id: string;
  catalog: Catalog;
  /** Members in join order. */
  members: Party[];
  /** Partners that were ever invited and are not members (any invitation status). */
  invitees: Set<string>;
  /** Numbered (partner) contexts: "1", "2", … */
  contexts: number;
  /** Holds AWS's prospecting result, which takes one of the five context places. */
  prospected?: boolean;
  /** An AWS lead engagement whose lead was not converted yet. */
  convertibleLead: boolean;
}

/** How many of an engagement's five context places are taken. */
export const contextPlaces = (e: EngagementModel) => e.contexts + (e.prospected ? 1 : 0);

export type InvitationStatus = "PENDING" | "ACCEPTED" | "REJECTED";
export interface InvitationModel {
  id: string;
  catalog: Catalog;
  engagementId: string;
  sender: Party;
  receiver: Party;
  status: InvitationStatus;
  payload: "OpportunityInvitation" | "LeadInvitation";
}

export interface OpportunityModel {
  id: string;
  catalog: Catalog;
  owner: string;
  arn: string;
  /** Created by the owner through CreateOpportunity and never submitted: it accepts updates. */
  editable: boolean;
  /** A solution is associated (StartEngagementFromOpportunityTask needs one). */
  hasSolution: boolean;
}

export interface JobModel {
  id: string;
  catalog: Catalog;
  owner: string;
  arn: string;
  engagementId: string;
  opportunityId: string;
  running: boolean;
}

export type TaskKind = "accept" | "fromOpportunity" | "fromEngagement" | "prospecting";
export interface TaskModel {
  id: string;
  catalog: Catalog;
  owner: string;
  kind: TaskKind;
}

const key = (catalog: Catalog, id: string) => `${catalog}|${id}`;

export const DEFAULT_SOLUTIONS: Record<Catalog, readonly string[]> = {
  Sandbox: ["S-1234567", "S-0052021", "S-0098765", "S-0123456"],
  AWS: ["S-0041817", "S-0067302", "S-0071234"],
};

export type Visibility = "OK" | "AccessDeniedException" | "ResourceNotFoundException";

export class IsolationModel {
  readonly engagements = new Map<string, EngagementModel>();
  readonly invitations = new Map<string, InvitationModel>();
  readonly opportunities = new Map<string, OpportunityModel>();
  readonly jobs = new Map<string, JobModel>();
  readonly tasks = new Map<string, TaskModel>();
  /** Tags by resource ARN. */
  readonly tags = new Map<string, Map<string, string>>();
  /** Role ARN by `account|catalog`. */
  readonly settings = new Map<string, string>();
  /** Extra solutions (added through the control plane) by `account|catalog`. */
  readonly extraSolutions = new Map<string, string[]>();

  constructor(readonly accounts: readonly string[]) {}

  engagement(catalog: Catalog, id: string) {
    return this.engagements.get(key(catalog, id));
  }
  invitation(catalog: Catalog, id: string) {
    return this.invitations.get(key(catalog, id));
  }
  opportunity(catalog: Catalog, id: string) {
    return this.opportunities.get(key(catalog, id));
  }
  job(catalog: Catalog, id: string) {
    return this.jobs.get(key(catalog, id));
  }
  task(catalog: Catalog, id: string) {
    return this.tasks.get(key(catalog, id));
  }

  addEngagement(e: EngagementModel) {
    this.engagements.set(key(e.catalog, e.id), e);
  }
  addInvitation(i: InvitationModel) {
    this.invitations.set(key(i.catalog, i.id), i);
    const e = this.engagement(i.catalog, i.engagementId);
    if (e && i.receiver !== AWS && !e.members.includes(i.receiver)) e.invitees.add(i.receiver);
  }
  addOpportunity(o: OpportunityModel) {
    this.opportunities.set(key(o.catalog, o.id), o);
  }
  addJob(j: JobModel) {
    this.jobs.set(key(j.catalog, j.id), j);
  }
  deleteJob(j: JobModel) {
    this.jobs.delete(key(j.catalog, j.id));
    this.tags.delete(j.arn);
  }
  addTask(t: TaskModel) {
    this.tasks.set(key(t.catalog, t.id), t);
  }
  join(e: EngagementModel, party: Party) {
    if (!e.members.includes(party)) e.members.push(party);
    e.invitees.delete(party);
  }

  /** What GetEngagement / ListEngagementMembers / other member-only reads of it answer `account`. */
  engagementVisibility(account: string, catalog: Catalog, id: string): Visibility {
    const e = this.engagement(catalog, id);
    if (!e) return "ResourceNotFoundException";
    if (e.members.includes(account)) return "OK";
    if (e.invitees.has(account)) return "AccessDeniedException";
    return "ResourceNotFoundException";
  }
  invitationVisibility(account: string, catalog: Catalog, id: string): Visibility {
    const i = this.invitation(catalog, id);
    return i && (i.sender === account || i.receiver === account) ? "OK" : "ResourceNotFoundException";
  }
  ownedVisibility(owner: { owner: string } | undefined, account: string): "OK" | "ResourceNotFoundException" {
    return owner && owner.owner === account ? "OK" : "ResourceNotFoundException";
  }

  // What each list must hold for an account (sorted ids).
  listEngagements(account: string, catalog: Catalog) {
    return ids(this.engagements, (e) => e.catalog === catalog && e.members.includes(account));
  }
  listInvitations(account: string, catalog: Catalog, role: "SENDER" | "RECEIVER") {
    return ids(
      this.invitations,
      (i) => i.catalog === catalog && (role === "SENDER" ? i.sender : i.receiver) === account,
    );
  }
  listOpportunities(account: string, catalog: Catalog) {
    return ids(this.opportunities, (o) => o.catalog === catalog && o.owner === account);
  }
  listJobs(account: string, catalog: Catalog) {
    return ids(this.jobs, (j) => j.catalog === catalog && j.owner === account);
  }
  listTasks(account: string, catalog: Catalog, kind: TaskKind) {
    return ids(this.tasks, (t) => t.catalog === catalog && t.owner === account && t.kind === kind);
  }
  listSolutions(account: string, catalog: Catalog) {
    return [
      ...DEFAULT_SOLUTIONS[catalog],
      ...(this.extraSolutions.get(`${account}|${catalog}`) ?? []),
    ].sort();
  }

  all<T extends { catalog: Catalog }>(map: Map<string, T>, catalog?: Catalog): T[] {
    const out: T[] = [];
    for (const v of map.values()) if (!catalog || v.catalog === catalog) out.push(v);
    return out;
  }
}

function ids<T extends { id: string }>(map: Map<string, T>, keep: (v: T) => boolean): string[] {
  const out: string[] = [];
  for (const v of map.values()) if (keep(v)) out.push(v.id);
  return out.sort();
}

/** Counts of operations and probes by kind, printed at the end of the run. */
export class Tally {
  readonly counts = new Map<string, number>();
  add(kind: string, n = 1) {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + n);
  }
  total(prefix = ""): number {
    let n = 0;
    for (const [k, v] of this.counts) if (k.startsWith(prefix)) n += v;
    return n;
  }
  table(): string {
    return [...this.counts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `  ${k.padEnd(58)} ${v}`)
      .join("\n");
  }
}

/** Isolation violations found, grouped by what went wrong, with the first few examples. */
export class Findings {
  readonly byKind = new Map<string, { count: number; examples: string[] }>();
  add(kind: string, example: string) {
    const entry = this.byKind.get(kind) ?? { count: 0, examples: [] };
    entry.count++;
    if (entry.examples.length < 3) entry.examples.push(example);
    this.byKind.set(kind, entry);
  }
  get size() {
    return this.byKind.size;
  }
  /** The findings (of the kinds `only` keeps, if given), one kind a paragraph; "" when none. */
  report(only: (kind: string) => boolean = () => true): string {
    return [...this.byKind.entries()]
      .filter(([k]) => only(k))
      .map(([k, { count, examples }]) => `${k} (${count}×)\n    ${examples.join("\n    ")}`)
      .join("\n");
  }
}
