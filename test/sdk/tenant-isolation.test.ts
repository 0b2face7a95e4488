import {
  AcceptEngagementInvitationCommand,
  AssignOpportunityCommand,
  AssociateOpportunityCommand,
  CreateEngagementCommand,
  CreateEngagementContextCommand,
  CreateEngagementInvitationCommand,
  CreateOpportunityCommand,
  CreateResourceSnapshotJobCommand,
  DeleteResourceSnapshotJobCommand,
  GetAwsOpportunitySummaryCommand,
  GetEngagementCommand,
  GetEngagementInvitationCommand,
  GetOpportunityCommand,
  GetProspectingFromEngagementTaskCommand,
  GetResourceSnapshotCommand,
  GetResourceSnapshotJobCommand,
  GetSellingSystemSettingsCommand,
  ListEngagementByAcceptingInvitationTasksCommand,
  ListEngagementFromOpportunityTasksCommand,
  ListEngagementInvitationsCommand,
  ListEngagementMembersCommand,
  ListEngagementResourceAssociationsCommand,
  ListEngagementsCommand,
  ListOpportunitiesCommand,
  ListOpportunityFromEngagementTasksCommand,
  ListProspectingFromEngagementTasksCommand,
  ListResourceSnapshotJobsCommand,
  ListResourceSnapshotsCommand,
  ListSolutionsCommand,
  ListTagsForResourceCommand,
  type PartnerCentralSellingClient,
  PutSellingSystemSettingsCommand,
  RejectEngagementInvitationCommand,
  StartEngagementByAcceptingInvitationTaskCommand,
  StartEngagementFromOpportunityTaskCommand,
  StartOpportunityFromEngagementTaskCommand,
  StartProspectingFromEngagementTaskCommand,
  StartResourceSnapshotJobCommand,
  StopResourceSnapshotJobCommand,
  SubmitOpportunityCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateEngagementContextCommand,
  UpdateOpportunityCommand,
} from "@aws-sdk/client-partnercentral-selling";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account } from "../../src/auth/accounts.js";
import {
  CUSTOMER_PROJECT_CONTEXT,
  LEAD_CONTEXT,
  LEAD_INVITATION_PAYLOAD,
  OPPORTUNITY_INVITATION_PAYLOAD,
} from "./helpers/fixtures.js";
import {
  EXTRA_PARTNERS,
  type Harness,
  PARTNER_A,
  PARTNER_B,
  PARTNER_C,
  startHarness,
} from "./helpers/harness.js";
import {
  AWS,
  CATALOGS,
  type Catalog,
  contextPlaces,
  DEFAULT_SOLUTIONS,
  type EngagementModel,
  Findings,
  IsolationModel,
  type OpportunityModel,
  otherCatalog,
  Rng,
  Tally,
  type TaskKind,
  type Visibility,
} from "./helpers/isolation-model.js";
import { COMPLETE_OPPORTUNITY } from "./helpers/tasks.js";

/**
 * Tenant isolation, as a seeded property test: six partner accounts (and AWS, through the control
 * plane) do random operations of every kind against one server, while a reference model in the
 * test keeps who owns, is a member of, or was invited to what. Between operations, probes read,
 * list and try to change resources as random accounts and compare with the model: nobody reads,
 * lists or changes what is not theirs, a hidden resource answers exactly what a non-existent id
 * answers, and every list holds exactly the caller's resources (no leakage through counts).
 * The walk runs once, before the tests; each test asserts one property over what it found.
 *
 * PCLOCAL_ISOLATION_SEED and PCLOCAL_ISOLATION_STEPS change the walk (defaults: 20260523, 15 000).
 */
const SEED = Number(process.env.PCLOCAL_ISOLATION_SEED ?? 20260523);
const MIN_STEPS = Number(process.env.PCLOCAL_ISOLATION_STEPS ?? 15_000);
const PROBES_PER_OP = 6;
const AUDIT_EVERY = 40;

const ACCOUNTS: readonly Account[] = [PARTNER_A, PARTNER_B, PARTNER_C, ...EXTRA_PARTNERS.slice(0, 3)];
const NOT_FOUND = "ResourceNotFoundException";
const DENIED = "AccessDeniedException";
const SOLUTION: Record<Catalog, string> = { Sandbox: "S-1234567", AWS: "S-0041817" };

let h: Harness;
const clients = new Map<string, PartnerCentralSellingClient>();
beforeAll(async () => {
  h = await startHarness({ extraAccounts: EXTRA_PARTNERS.slice(0, 3) });
  for (const a of ACCOUNTS) clients.set(a.awsAccountId, h.client(a));
});
afterAll(() => h.close());

type Outcome<T> = { ok: true; out: T; name: "OK" } | { ok: false; name: string; err: any };

/** The properties the walk checks; each finding of the walk belongs to the first that claims its kind. */
const PROPERTIES = {
  lists:
    /^List\w+ (count matches the model|lists nothing the caller may not see|lists everything of the caller|lists exactly the members|fails)$/,
  invitations: /^(Get|Accept|Reject)EngagementInvitation\[|another's invitation/,
  reads: /^(Get|List)\w*\[(same|other) catalog\]|^GetAwsOpportunitySummary|^prospecting|own role only$/,
  writes: /\[foreign\]|\[non-member engagement\]|^foreign |changes nothing$/,
  // Everything else: owners and members doing their own work, and answers that match the model.
  own: /(?:)/,
} as const;
type Property = keyof typeof PROPERTIES;

function propertyOf(kind: string): Property {
  return (Object.keys(PROPERTIES) as Property[]).find((p) => PROPERTIES[p].test(kind))!;
}

describe(`tenant isolation (seeded property test, ${MIN_STEPS}+ random steps)`, () => {
  /** What the one random walk of this file found, read by each property below. */
  let walk: { findings: Findings; steps: number } | undefined;
  const findingsOf = (property: Property) => {
    if (!walk) throw new Error("the random walk did not finish (see the beforeAll error)");
    return walk.findings.report((kind) => propertyOf(kind) === property);
  };

  beforeAll(async () => {
    const rng = new Rng(SEED);
    const model = new IsolationModel(ACCOUNTS.map((a) => a.awsAccountId));
    const tally = new Tally();
    const findings = new Findings();
    const started = Date.now();
    const ids = ACCOUNTS.map((a) => a.awsAccountId);

    /** One SDK call, counted as a step of `phase` ("op" or "probe"). */
    async function send<T = any>(phase: string, account: string, command: any): Promise<Outcome<T>> {
      tally.add(`${phase}:${String(command.constructor.name).replace(/Command$/, "")}`);
      try {
        const out = (await clients.get(account)!.send(command)) as T;
        return { ok: true, out, name: "OK" };
      } catch (err: any) {
        return { ok: false, name: String(err?.name ?? err), err };
      }
    }
    /** An operation by an account allowed to do it: it must succeed. */
    async function must<T = any>(account: string, command: any): Promise<T> {
      const r = await send<T>("op", account, command);
      if (!r.ok) {
        throw new Error(
          `${command.constructor.name} by ${account} failed: ${r.name} ${r.err?.message} ${JSON.stringify(command.input)}`,
        );
      }
      return r.out;
    }
    function check(kind: string, ok: boolean, detail: () => string) {
      tally.add("assertions");
      if (!ok) findings.add(kind, detail());
    }
    function expectOutcome(kind: string, got: string, expected: string, detail: string) {
      check(`${kind}: expected ${expected}, got ${got}`, got === expected, () => detail);
    }

    const missingId = {
      engagement: () => `eng-${rng.chars(14)}`,
      invitation: () => `engi-${rng.chars(13)}`,
      opportunity: () => `O${900_000_000 + rng.int(99_999_999)}`,
      job: () => `job-${rng.chars(13)}`,
      prospecting: () => `task-${rng.chars(14)}`,
    };
    const oppArn = (account: string, catalog: Catalog, id: string) =>
      `arn:aws:partnercentral:us-east-1:${account}:catalog/${catalog}/opportunity/${id}`;
    const jobArn = (account: string, catalog: Catalog, id: string) =>
      `arn:aws:partnercentral:us-east-1:${account}:catalog/${catalog}/resource-snapshot-job/${id}`;

    // ------------------------------------------------------------------ operations
    const pickCatalog = (): Catalog => (rng.chance(0.8) ? "Sandbox" : "AWS");
    const anyAccount = () => rng.pick(ids);
    const engagementsOf = (account: string, catalog: Catalog) =>
      model.all(model.engagements, catalog).filter((e) => e.members.includes(account));
    const oppsOf = (account: string, catalog?: Catalog) =>
      model.all(model.opportunities, catalog).filter((o) => o.owner === account);

    async function createEngagement(account = anyAccount(), catalog = pickCatalog()) {
      const out = await must(
        account,
        new CreateEngagementCommand({ Catalog: catalog, Title: `Iso ${rng.chars(6)}`, Description: "prop" }),
      );
      const e: EngagementModel = {
        id: out.Id,
        catalog,
        members: [account],
        invitees: new Set(),
        contexts: 0,
        convertibleLead: false,
      };
      model.addEngagement(e);
      return e;
    }

    async function createContext() {
      const e = rng.maybePick(
        model.all(model.engagements).filter((x) => contextPlaces(x) < 5 && x.members.some((m) => m !== AWS)),
      );
      if (!e) return createEngagement();
      const account = rng.pick(e.members.filter((m) => m !== AWS));
      const out = await must(
        account,
        new CreateEngagementContextCommand({
          Catalog: e.catalog,
          EngagementIdentifier: e.id,
          Type: "CustomerProject",
          Payload: CUSTOMER_PROJECT_CONTEXT.Payload as never,
        }),
      );
      e.contexts++;
      e.convertibleLead = false; // a lead engagement holding a CustomerProject context converts no more
      check("context ids count per engagement", out.ContextId === String(e.contexts), () =>
        JSON.stringify({ engagement: e.id, got: out.ContextId, expected: e.contexts }),
      );
    }

    async function invite() {
      const candidates: [EngagementModel, string, string][] = [];
      for (const e of model.engagements.values()) {
        if (e.members.length >= 10) continue;
        const pending = new Set(
          model
            .all(model.invitations, e.catalog)
            .filter((i) => i.engagementId === e.id && i.status === "PENDING")
            .map((i) => i.receiver),
        );
        if (e.members.length + pending.size >= 10) continue;
        const receivers = ids.filter((r) => !e.members.includes(r) && !pending.has(r));
        const senders = e.members.filter((m) => m !== AWS);
        if (receivers.length && senders.length) candidates.push([e, rng.pick(senders), rng.pick(receivers)]);
      }
      const c = rng.maybePick(candidates);
      if (!c) return createEngagement();
      const [e, sender, receiver] = c;
      const out = await must(
        sender,
        new CreateEngagementInvitationCommand({
          Catalog: e.catalog,
          EngagementIdentifier: e.id,
          Invitation: {
            Message: "Join us",
            Receiver: { Account: { AwsAccountId: receiver } },
            Payload: { OpportunityInvitation: OPPORTUNITY_INVITATION_PAYLOAD as never },
          },
        }),
      );
      model.addInvitation({
        id: out.Id,
        catalog: e.catalog,
        engagementId: e.id,
        sender,
        receiver,
        status: "PENDING",
        payload: "OpportunityInvitation",
      });
    }

    async function awsSends() {
      const receiver = anyAccount();
      const catalog = pickCatalog();
      const lead = rng.chance(0.5);
      tally.add("op:control:aws/engagement-invitations");
      const out = await h.control<{ Id: string; EngagementId: string }>(
        "POST",
        "/_pclocal/aws/engagement-invitations",
        lead
          ? {
              Catalog: catalog,
              ReceiverAwsAccountId: receiver,
              PayloadType: "LeadInvitation",
              Payload: LEAD_INVITATION_PAYLOAD,
              Context: LEAD_CONTEXT,
            }
          : {
              Catalog: catalog,
              ReceiverAwsAccountId: receiver,
              PayloadType: "OpportunityInvitation",
              Payload: OPPORTUNITY_INVITATION_PAYLOAD,
            },
      );
      model.addEngagement({
        id: out.EngagementId,
        catalog,
        members: [AWS],
        invitees: new Set(),
        contexts: 1,
        convertibleLead: lead,
      });
      model.addInvitation({
        id: out.Id,
        catalog,
        engagementId: out.EngagementId,
        sender: AWS,
        receiver,
        status: "PENDING",
        payload: lead ? "LeadInvitation" : "OpportunityInvitation",
      });
    }

    /** The opportunity an accepted OpportunityInvitation created: the one new id in the receiver's list. */
    async function adoptNewOpportunity(account: string, catalog: Catalog, knownId?: string) {
      const listed = await listAll("op", account, "ListOpportunities", catalog);
      const known = new Set(model.listOpportunities(account, catalog));
      const fresh = listed.filter((id) => !known.has(id));
      check("accepting an opportunity invitation creates exactly one opportunity", fresh.length === 1, () =>
        JSON.stringify({ account, catalog, fresh }),
      );
      if (knownId !== undefined) {
        check("the task names the opportunity it created", fresh[0] === knownId, () =>
          JSON.stringify({ knownId, fresh }),
        );
      }
      for (const id of fresh) {
        model.addOpportunity({
          id,
          catalog,
          owner: account,
          arn: oppArn(account, catalog, id),
          editable: false,
          hasSolution: false,
        });
      }
    }

    /** The snapshot job a task started for the caller (a new one, or its existing one started). */
    function adoptJob(
      owner: string,
      catalog: Catalog,
      engagementId: string,
      opportunityId: string,
      id?: string,
    ) {
      if (!id) return;
      const known = model.job(catalog, id);
      if (known) {
        known.running = true;
        return;
      }
      model.addJob({
        id,
        catalog,
        owner,
        arn: jobArn(owner, catalog, id),
        engagementId,
        opportunityId,
        running: true,
      });
    }

    async function answer() {
      const inv = rng.maybePick(
        model.all(model.invitations).filter((i) => i.status === "PENDING" && i.receiver !== AWS),
      );
      if (!inv) return awsSends();
      const e = model.engagement(inv.catalog, inv.engagementId)!;
      const how = rng.weighted([
        [3, "accept"],
        [3, "task"],
        [2, "reject"],
      ] as const);
      if (how === "reject") {
        await must(
          inv.receiver,
          new RejectEngagementInvitationCommand({
            Catalog: inv.catalog,
            Identifier: inv.id,
            RejectionReason: "Other",
          }),
        );
        inv.status = "REJECTED";
        return;
      }
      let task: any;
      if (how === "accept") {
        await must(
          inv.receiver,
          new AcceptEngagementInvitationCommand({ Catalog: inv.catalog, Identifier: inv.id }),
        );
      } else {
        const out = await must(
          inv.receiver,
          new StartEngagementByAcceptingInvitationTaskCommand({ Catalog: inv.catalog, Identifier: inv.id }),
        );
        model.addTask({ id: out.TaskId, catalog: inv.catalog, owner: inv.receiver, kind: "accept" });
        check(
          "accepting a pending invitation through the task completes",
          out.TaskStatus === "COMPLETE",
          () => JSON.stringify(out),
        );
        task = out;
      }
      inv.status = "ACCEPTED";
      model.join(e, inv.receiver);
      // Only the task creates the receiver's opportunity (and starts its snapshot job).
      if (task && inv.payload === "OpportunityInvitation") {
        await adoptNewOpportunity(inv.receiver, inv.catalog, task.OpportunityId);
        adoptJob(inv.receiver, inv.catalog, e.id, task.OpportunityId, task.ResourceSnapshotJobId);
      }
    }

    async function createOpportunity(account = anyAccount(), catalog = pickCatalog()) {
      const tags = rng.chance(0.3) ? [{ Key: "origin", Value: `create-${rng.chars(4)}` }] : undefined;
      const out = await must(
        account,
        new CreateOpportunityCommand({
          Catalog: catalog,
          ...(COMPLETE_OPPORTUNITY as object),
          ...(tags ? { Tags: tags } : {}),
        } as never),
      );
      const o: OpportunityModel = {
        id: out.Id,
        catalog,
        owner: account,
        arn: oppArn(account, catalog, out.Id),
        editable: true,
        hasSolution: false,
      };
      model.addOpportunity(o);
      if (tags) model.tags.set(o.arn, new Map(tags.map((t) => [t.Key, t.Value])));
      return o;
    }

    async function updateOpportunity() {
      const o = rng.maybePick(model.all(model.opportunities).filter((x) => x.editable));
      if (!o) return createOpportunity();
      const got = await must(o.owner, new GetOpportunityCommand({ Catalog: o.catalog, Identifier: o.id }));
      const {
        $metadata: _m,
        Id,
        Arn: _arn,
        CreatedDate: _c,
        RelatedEntityIdentifiers: _r,
        OpportunityTeam: _t,
        ...rest
      } = got;
      await must(
        o.owner,
        new UpdateOpportunityCommand({
          ...(rest as object),
          Identifier: Id,
          Catalog: o.catalog,
          PartnerOpportunityIdentifier: `crm-${rng.chars(6)}`,
        } as never),
      );
    }

    async function associate() {
      const o = rng.maybePick(model.all(model.opportunities).filter((x) => x.editable));
      if (!o) return createOpportunity();
      const solution = rng.chance(0.15) ? SOLUTION[otherCatalog(o.catalog)] : SOLUTION[o.catalog];
      const r = await send(
        "op",
        o.owner,
        new AssociateOpportunityCommand({
          Catalog: o.catalog,
          OpportunityIdentifier: o.id,
          RelatedEntityType: "Solutions",
          RelatedEntityIdentifier: solution,
        }),
      );
      // A solution of the other catalog does not exist in this one.
      const expected = DEFAULT_SOLUTIONS[o.catalog].includes(solution) ? "OK" : NOT_FOUND;
      if (r.ok) o.hasSolution = true;
      expectOutcome(
        "AssociateOpportunity solution catalog",
        r.name,
        expected,
        `${o.catalog} ${o.id} ${solution}`,
      );
    }

    async function engagementFromOpportunity() {
      const o = rng.maybePick(model.all(model.opportunities).filter((x) => x.editable));
      if (!o) return createOpportunity();
      const out = await must(
        o.owner,
        new StartEngagementFromOpportunityTaskCommand({
          Catalog: o.catalog,
          Identifier: o.id,
          AwsSubmission: { InvolvementType: "Co-Sell" },
        }),
      );
      model.addTask({ id: out.TaskId, catalog: o.catalog, owner: o.owner, kind: "fromOpportunity" });
      check(
        "submitting an own complete opportunity through the task completes (needs a solution)",
        o.hasSolution
          ? out.TaskStatus === "COMPLETE"
          : out.TaskStatus === "FAILED" && out.ReasonCode === "OpportunityValidationFailed",
        () => JSON.stringify({ hasSolution: o.hasSolution, status: out.TaskStatus, reason: out.ReasonCode }),
      );
      if (out.TaskStatus !== "COMPLETE") return;
      o.editable = false;
      let e = model.engagement(o.catalog, out.EngagementId);
      if (!e) {
        e = {
          id: out.EngagementId,
          catalog: o.catalog,
          members: [o.owner],
          invitees: new Set(),
          contexts: 0,
          convertibleLead: false,
        };
        model.addEngagement(e);
      }
      e.contexts++;
      if (out.EngagementInvitationId) {
        model.addInvitation({
          id: out.EngagementInvitationId,
          catalog: o.catalog,
          engagementId: e.id,
          sender: o.owner,
          receiver: AWS,
          status: "PENDING",
          payload: "OpportunityInvitation",
        });
      }
      adoptJob(o.owner, o.catalog, e.id, o.id, out.ResourceSnapshotJobId);
    }

    async function convertLead() {
      const e = rng.maybePick(
        model
          .all(model.engagements)
          .filter((x) => x.convertibleLead && x.members.length > 1 && contextPlaces(x) < 5),
      );
      if (!e) return answer();
      const account = rng.pick(e.members.filter((m) => m !== AWS));
      const out = await must(
        account,
        new StartOpportunityFromEngagementTaskCommand({
          Catalog: e.catalog,
          Identifier: e.id,
          ContextIdentifier: "1",
        }),
      );
      model.addTask({ id: out.TaskId, catalog: e.catalog, owner: account, kind: "fromEngagement" });
      check("converting a member's lead completes", out.TaskStatus === "COMPLETE", () => JSON.stringify(out));
      if (out.TaskStatus !== "COMPLETE") return;
      e.convertibleLead = false;
      e.contexts++;
      model.addOpportunity({
        id: out.OpportunityId,
        catalog: e.catalog,
        owner: account,
        arn: oppArn(account, e.catalog, out.OpportunityId),
        editable: false,
        hasSolution: false,
      });
      adoptJob(account, e.catalog, e.id, out.OpportunityId, out.ResourceSnapshotJobId);
    }

    /** A start…Task by an account that may not: the task fails (and is the caller's), nothing changes. */
    async function foreignTask() {
      const caller = anyAccount();
      const kind = rng.pick(["accept", "fromOpportunity", "fromEngagement"] as const);
      const catalog = pickCatalog();
      let command: any;
      let target = "";
      let ownerRead: (() => Promise<string>) | undefined;
      if (kind === "accept") {
        const inv = rng.maybePick(
          model
            .all(model.invitations, catalog)
            .filter((i) => i.receiver !== caller && i.status === "PENDING"),
        );
        target = inv?.id ?? missingId.invitation();
        command = new StartEngagementByAcceptingInvitationTaskCommand({
          Catalog: catalog,
          Identifier: target,
        });
        if (inv && inv.sender !== AWS) ownerRead = () => ownerView("invitation", inv.sender, catalog, inv.id);
      } else if (kind === "fromOpportunity") {
        const o = rng.maybePick(model.all(model.opportunities, catalog).filter((x) => x.owner !== caller));
        target = o?.id ?? missingId.opportunity();
        command = new StartEngagementFromOpportunityTaskCommand({
          Catalog: catalog,
          Identifier: target,
          AwsSubmission: { InvolvementType: "Co-Sell" },
        });
        if (o) ownerRead = () => ownerView("opportunity", o.owner, catalog, o.id);
      } else {
        const e = rng.maybePick(
          model.all(model.engagements, catalog).filter((x) => !x.members.includes(caller)),
        );
        target = e?.id ?? missingId.engagement();
        command = new StartOpportunityFromEngagementTaskCommand({
          Catalog: catalog,
          Identifier: target,
          ContextIdentifier: "1",
        });
        const member = e?.members.find((m) => m !== AWS);
        if (e && member) ownerRead = () => ownerView("engagement", member, catalog, e.id);
      }
      const snapshot = ownerRead ? await ownerRead() : undefined;
      const out = await must(caller, command);
      model.addTask({ id: out.TaskId, catalog, owner: caller, kind: kind as TaskKind });
      const reason = {
        accept: "InvitationAccessDenied",
        fromOpportunity: "OpportunityAccessDenied",
        fromEngagement: "EngagementAccessDenied",
      }[kind];
      check(
        `foreign ${kind} task fails with ${reason}`,
        out.TaskStatus === "FAILED" && out.ReasonCode === reason,
        () => JSON.stringify({ caller, target, status: out.TaskStatus, reason: out.ReasonCode }),
      );
      if (ownerRead && snapshot !== undefined) {
        const after = await ownerRead();
        check(
          `foreign ${kind} task changes nothing`,
          after === snapshot,
          () => `${target}: ${snapshot} → ${after}`,
        );
      }
    }

    async function prospecting() {
      const caller = anyAccount();
      const catalog = pickCatalog();
      const pool = model.all(model.engagements, catalog).map((e) => e.id);
      const chosen = rng.sample(pool, 1 + rng.int(4));
      const missing = missingId.engagement();
      chosen.splice(rng.int(chosen.length + 1), 0, missing);
      const out = await must(
        caller,
        new StartProspectingFromEngagementTaskCommand({
          Catalog: catalog,
          Identifiers: chosen,
          TaskName: `iso-${rng.chars(5)}`,
        }),
      );
      model.addTask({ id: out.TaskId, catalog, owner: caller, kind: "prospecting" });
      const task = await must(
        caller,
        new GetProspectingFromEngagementTaskCommand({ Catalog: catalog, TaskIdentifier: out.TaskId }),
      );
      const norm = (r: { EngagementIdentifier?: string; Message?: string }) =>
        String(r.Message ?? "").replaceAll(String(r.EngagementIdentifier), "<id>");
      const results = task.Engagements ?? [];
      const ghost = results.find((r: any) => r.EngagementIdentifier === missing);
      for (const r of results) {
        const e = model.engagement(catalog, r.EngagementIdentifier);
        const member = e?.members.includes(caller) ?? false;
        const full = e !== undefined && !e.prospected && contextPlaces(e) >= 5;
        const ok = !member
          ? r.Status === "FAILED" && r.ReasonCode === "EngagementAccessDenied"
          : full
            ? r.Status === "FAILED" && r.ReasonCode === "ServiceQuotaExceeded"
            : r.Status === "COMPLETED";
        if (member && r.Status === "COMPLETED") e!.prospected = true;
        check("prospecting result per engagement follows membership", ok, () =>
          JSON.stringify({ caller, member, result: r }),
        );
        // A stranger's engagement must read exactly like a missing one (an invitee may be told it is invited).
        if (!member && !e?.invitees.has(caller) && ghost) {
          check(
            "prospecting: a hidden engagement reads like a missing one",
            norm(r) === norm(ghost),
            () => `${norm(r)} | ${norm(ghost)}`,
          );
        }
      }
      check("prospecting answers one result per engagement", results.length === chosen.length, () =>
        JSON.stringify({ chosen, results }),
      );
    }

    async function createJob() {
      const candidates: [string, EngagementModel, OpportunityModel][] = [];
      for (const account of ids) {
        const catalog = pickCatalog();
        const engs = engagementsOf(account, catalog);
        const opps = oppsOf(account, catalog);
        if (engs.length && opps.length) candidates.push([account, rng.pick(engs), rng.pick(opps)]);
      }
      const c = rng.maybePick(candidates);
      if (!c) return createOpportunity();
      const [account, e, o] = c;
      const dup = model
        .all(model.jobs, e.catalog)
        .some((j) => j.owner === account && j.engagementId === e.id && j.opportunityId === o.id);
      const r = await send(
        "op",
        account,
        new CreateResourceSnapshotJobCommand({
          Catalog: e.catalog,
          EngagementIdentifier: e.id,
          ResourceType: "Opportunity",
          ResourceIdentifier: o.id,
          ResourceSnapshotTemplateIdentifier: "OpportunitySummaryView",
        }),
      );
      // One job per engagement, resource and template (across accounts only one can own the opportunity).
      expectOutcome(
        "CreateResourceSnapshotJob by member and owner",
        r.name,
        dup ? "ConflictException" : "OK",
        `${e.id} ${o.id}`,
      );
      if (!r.ok) return;
      const out = r.out as any;
      model.addJob({
        id: out.Id,
        catalog: e.catalog,
        owner: account,
        arn: out.Arn ?? jobArn(account, e.catalog, out.Id),
        engagementId: e.id,
        opportunityId: o.id,
        running: false,
      });
    }

    async function jobLifecycle() {
      const j = rng.maybePick(model.all(model.jobs));
      if (!j) return createJob();
      const ref = { Catalog: j.catalog, ResourceSnapshotJobIdentifier: j.id };
      if (j.running) {
        await must(j.owner, new StopResourceSnapshotJobCommand(ref));
        j.running = false;
      } else if (rng.chance(0.25)) {
        await must(j.owner, new DeleteResourceSnapshotJobCommand(ref));
        model.deleteJob(j);
      } else {
        await must(j.owner, new StartResourceSnapshotJobCommand(ref));
        j.running = true;
      }
    }

    async function tag() {
      const taggable: { owner: string; arn: string }[] = [
        ...model.all(model.opportunities),
        ...model.all(model.jobs),
      ];
      const t = rng.maybePick(taggable);
      if (!t) return createOpportunity();
      const tags = model.tags.get(t.arn) ?? new Map<string, string>();
      if (tags.size > 0 && rng.chance(0.3)) {
        const k = rng.pick([...tags.keys()]);
        await must(t.owner, new UntagResourceCommand({ ResourceArn: t.arn, TagKeys: [k] }));
        tags.delete(k);
      } else {
        const k = `k${rng.int(5)}`;
        const v = rng.chars(6);
        await must(t.owner, new TagResourceCommand({ ResourceArn: t.arn, Tags: [{ Key: k, Value: v }] }));
        tags.set(k, v);
      }
      model.tags.set(t.arn, tags);
    }

    async function putSettings() {
      const account = anyAccount();
      const catalog = pickCatalog();
      const role = `Role${rng.chars(5)}`;
      await must(
        account,
        new PutSellingSystemSettingsCommand({ Catalog: catalog, ResourceSnapshotJobRoleIdentifier: role }),
      );
      model.settings.set(`${account}|${catalog}`, `arn:aws:iam::${account}:role/${role}`);
    }

    async function addSolution() {
      const account = anyAccount();
      const catalog = pickCatalog();
      tally.add("op:control:solutions");
      const out = await h.control<{ Id: string }>("POST", "/_pclocal/solutions", {
        Account: account,
        Catalog: catalog,
        Name: `Iso solution ${rng.chars(4)}`,
        Status: "Active",
        Category: "Software Product",
      });
      const k = `${account}|${catalog}`;
      model.extraSolutions.set(k, [...(model.extraSolutions.get(k) ?? []), out.Id]);
    }

    const OPERATIONS: readonly (readonly [number, () => Promise<unknown>])[] = [
      [6, createEngagement],
      [4, createContext],
      [7, invite],
      [5, awsSends],
      [8, answer],
      [7, () => createOpportunity()],
      [4, updateOpportunity],
      [3, associate],
      [3, engagementFromOpportunity],
      [3, convertLead],
      [4, foreignTask],
      [3, prospecting],
      [4, createJob],
      [4, jobLifecycle],
      [5, tag],
      [2, putSettings],
      [1, addSolution],
    ];

    // ------------------------------------------------------------------ owner views
    /** What the resource looks like to someone allowed to see it, as a comparable string. */
    async function ownerView(
      kind: "engagement" | "invitation" | "opportunity" | "job" | "tags",
      owner: string,
      catalog: Catalog,
      id: string,
    ): Promise<string> {
      const read = {
        engagement: () => new GetEngagementCommand({ Catalog: catalog, Identifier: id }),
        invitation: () => new GetEngagementInvitationCommand({ Catalog: catalog, Identifier: id }),
        opportunity: () => new GetOpportunityCommand({ Catalog: catalog, Identifier: id }),
        job: () => new GetResourceSnapshotJobCommand({ Catalog: catalog, ResourceSnapshotJobIdentifier: id }),
        tags: () => new ListTagsForResourceCommand({ ResourceArn: id }),
      }[kind]();
      const r = await send("probe", owner, read);
      if (!r.ok) {
        findings.add(`owner cannot read its ${kind}`, `${owner} ${catalog} ${id}: ${r.name}`);
        return `error:${r.name}`;
      }
      const { $metadata: _m, ...rest } = r.out as any;
      return JSON.stringify(rest);
    }

    // ------------------------------------------------------------------ probes
    /** Calls `make(id)` with the real id and with a missing id of the same kind; both answers are checked. */
    async function probeRead(
      kind: string,
      caller: string,
      expected: Visibility,
      realId: string,
      missing: string,
      make: (id: string) => any,
      verify?: (out: any) => void,
    ) {
      const [real, ghost] = await Promise.all([
        send("probe", caller, make(realId)),
        send("probe", caller, make(missing)),
      ]);
      expectOutcome(`${kind} (missing id)`, ghost.name, NOT_FOUND, `${caller} ${missing}`);
      expectOutcome(`${kind}`, real.name, expected, `${caller} ${realId}`);
      if (expected === NOT_FOUND) {
        // A hidden resource must not be told apart from a missing one, message included.
        const a = real.ok ? "" : String(real.err?.message ?? "").replaceAll(realId, "<id>");
        const b = ghost.ok ? "" : String(ghost.err?.message ?? "").replaceAll(missing, "<id>");
        check(`${kind}: hidden and missing answer the same message`, a === b, () => `${a} | ${b}`);
        const sa = real.ok ? 0 : real.err?.$metadata?.httpStatusCode;
        const sb = ghost.ok ? 0 : ghost.err?.$metadata?.httpStatusCode;
        check(`${kind}: hidden and missing answer the same status`, sa === sb, () => `${sa} vs ${sb}`);
      }
      if (real.ok && verify) verify(real.out);
    }

    const readProbes = {
      async engagement(caller: string, catalog: Catalog) {
        const e = rng.maybePick(model.all(model.engagements));
        if (!e) return;
        const expected = model.engagementVisibility(caller, catalog, e.id);
        await probeRead(
          `GetEngagement[${catalog === e.catalog ? "same" : "other"} catalog]`,
          caller,
          expected,
          e.id,
          missingId.engagement(),
          (id) => new GetEngagementCommand({ Catalog: catalog, Identifier: id }),
          (out) =>
            check("GetEngagement MemberCount matches the model", out.MemberCount === e.members.length, () =>
              JSON.stringify({ id: e.id, got: out.MemberCount, model: e.members }),
            ),
        );
      },
      async members(caller: string, catalog: Catalog) {
        const e = rng.maybePick(model.all(model.engagements));
        if (!e) return;
        await probeRead(
          `ListEngagementMembers[${catalog === e.catalog ? "same" : "other"} catalog]`,
          caller,
          model.engagementVisibility(caller, catalog, e.id),
          e.id,
          missingId.engagement(),
          (id) => new ListEngagementMembersCommand({ Catalog: catalog, Identifier: id, MaxResults: 10 }),
          (out) => {
            const got = (out.EngagementMemberList ?? []).map((m: any) => m.AccountId);
            check(
              "ListEngagementMembers lists exactly the members",
              JSON.stringify(got) === JSON.stringify(e.members),
              () => JSON.stringify({ id: e.id, got, model: e.members }),
            );
          },
        );
      },
      async snapshots(caller: string, catalog: Catalog) {
        const e = rng.maybePick(model.all(model.engagements));
        if (!e) return;
        const expected = model.engagementVisibility(caller, catalog, e.id);
        const which = rng.pick(["list", "associations", "get"] as const);
        // A member may have no snapshot to get; only the refusals of GetResourceSnapshot are compared.
        if (which === "get" && expected === "OK") return;
        const resource =
          rng.maybePick(model.all(model.opportunities, catalog))?.id ?? missingId.opportunity();
        await probeRead(
          `${which === "list" ? "ListResourceSnapshots" : which === "associations" ? "ListEngagementResourceAssociations" : "GetResourceSnapshot"}[${catalog === e.catalog ? "same" : "other"} catalog]`,
          caller,
          expected,
          e.id,
          missingId.engagement(),
          (id) =>
            which === "list"
              ? new ListResourceSnapshotsCommand({ Catalog: catalog, EngagementIdentifier: id })
              : which === "associations"
                ? new ListEngagementResourceAssociationsCommand({
                    Catalog: catalog,
                    EngagementIdentifier: id,
                  })
                : new GetResourceSnapshotCommand({
                    Catalog: catalog,
                    EngagementIdentifier: id,
                    ResourceType: "Opportunity",
                    ResourceIdentifier: resource,
                    ResourceSnapshotTemplateIdentifier: "OpportunitySummaryView",
                  }),
        );
      },
      async invitation(caller: string, catalog: Catalog) {
        const i = rng.maybePick(model.all(model.invitations));
        if (!i) return;
        await probeRead(
          `GetEngagementInvitation[${catalog === i.catalog ? "same" : "other"} catalog]`,
          caller,
          model.invitationVisibility(caller, catalog, i.id),
          i.id,
          missingId.invitation(),
          (id) => new GetEngagementInvitationCommand({ Catalog: catalog, Identifier: id }),
          (out) =>
            check("GetEngagementInvitation status matches the model", out.Status === i.status, () =>
              JSON.stringify({ id: i.id, got: out.Status, model: i.status }),
            ),
        );
      },
      async opportunity(caller: string, catalog: Catalog) {
        const o = rng.maybePick(model.all(model.opportunities));
        if (!o) return;
        const same = model.opportunity(catalog, o.id); // ids are numbered per catalog: O5 may exist in both
        await probeRead(
          `GetOpportunity[${catalog === o.catalog ? "same" : "other"} catalog]`,
          caller,
          model.ownedVisibility(same, caller),
          o.id,
          missingId.opportunity(),
          (id) => new GetOpportunityCommand({ Catalog: catalog, Identifier: id }),
          (out) =>
            check("GetOpportunity Arn carries the owner", out.Arn === same?.arn, () =>
              JSON.stringify({ got: out.Arn, model: same?.arn }),
            ),
        );
      },
      async awsSummary(caller: string, catalog: Catalog) {
        const o = rng.maybePick(model.all(model.opportunities, catalog).filter((x) => x.owner !== caller));
        if (!o) return;
        await probeRead(
          "GetAwsOpportunitySummary[foreign]",
          caller,
          NOT_FOUND,
          o.id,
          missingId.opportunity(),
          (id) => new GetAwsOpportunitySummaryCommand({ Catalog: catalog, RelatedOpportunityIdentifier: id }),
        );
      },
      async job(caller: string, catalog: Catalog) {
        const j = rng.maybePick(model.all(model.jobs));
        if (!j) return;
        await probeRead(
          `GetResourceSnapshotJob[${catalog === j.catalog ? "same" : "other"} catalog]`,
          caller,
          model.ownedVisibility(model.job(catalog, j.id), caller),
          j.id,
          missingId.job(),
          (id) => new GetResourceSnapshotJobCommand({ Catalog: catalog, ResourceSnapshotJobIdentifier: id }),
          (out) =>
            check(
              "GetResourceSnapshotJob status matches the model",
              out.Status === (j.running ? "Running" : "Stopped"),
              () => JSON.stringify({ id: j.id, got: out.Status, running: j.running }),
            ),
        );
      },
      async prospectingTask(caller: string, catalog: Catalog) {
        const t = rng.maybePick(model.all(model.tasks).filter((x) => x.kind === "prospecting"));
        if (!t) return;
        await probeRead(
          `GetProspectingFromEngagementTask[${catalog === t.catalog ? "same" : "other"} catalog]`,
          caller,
          model.ownedVisibility(model.task(catalog, t.id), caller),
          t.id,
          missingId.prospecting(),
          (id) => new GetProspectingFromEngagementTaskCommand({ Catalog: catalog, TaskIdentifier: id }),
        );
      },
      async tags(caller: string, catalog: Catalog) {
        const t = rng.maybePick<{ owner: string; arn: string; catalog: Catalog; id: string }>([
          ...model.all(model.opportunities),
          ...model.all(model.jobs),
        ]);
        if (!t) return;
        const isJob = t.arn.includes("resource-snapshot-job");
        // The same ARN with the probe's catalog: in the other catalog it names another resource (or none).
        const arn = isJob ? jobArn(t.owner, catalog, t.id) : oppArn(t.owner, catalog, t.id);
        const target = isJob ? model.job(catalog, t.id) : model.opportunity(catalog, t.id);
        const visible = target !== undefined && target.owner === caller && target.owner === t.owner;
        const missing = isJob
          ? jobArn(t.owner, catalog, missingId.job())
          : oppArn(t.owner, catalog, missingId.opportunity());
        await probeRead(
          `ListTagsForResource[${catalog === t.catalog ? "same" : "other"} catalog]`,
          caller,
          visible ? "OK" : NOT_FOUND,
          arn,
          missing,
          (x) => new ListTagsForResourceCommand({ ResourceArn: x }),
          (out) => {
            const got = Object.fromEntries((out.Tags ?? []).map((x: any) => [x.Key, x.Value]));
            const want = Object.fromEntries(model.tags.get(arn) ?? []);
            check(
              "ListTagsForResource answers the model's tags",
              JSON.stringify(sortKeys(got)) === JSON.stringify(sortKeys(want)),
              () => JSON.stringify({ arn, got, want }),
            );
          },
        );
      },
      async settings(caller: string, catalog: Catalog) {
        const r = await send<any>("probe", caller, new GetSellingSystemSettingsCommand({ Catalog: catalog }));
        expectOutcome("GetSellingSystemSettings", r.name, "OK", caller);
        if (r.ok) {
          const want = model.settings.get(`${caller}|${catalog}`);
          check(
            "GetSellingSystemSettings answers the caller's own role only",
            r.out.ResourceSnapshotJobRoleArn === want,
            () => JSON.stringify({ caller, catalog, got: r.out.ResourceSnapshotJobRoleArn, want }),
          );
        }
      },
    };

    /** Writes by an account that may not: they fail like a missing id would, and change nothing. */
    const writeProbes = {
      async updateOpportunity(caller: string) {
        const o = rng.maybePick(model.all(model.opportunities).filter((x) => x.owner !== caller));
        if (!o) return;
        const before = await ownerView("opportunity", o.owner, o.catalog, o.id);
        const lm = JSON.parse(before).LastModifiedDate;
        await probeRead(
          "UpdateOpportunity[foreign]",
          caller,
          NOT_FOUND,
          o.id,
          missingId.opportunity(),
          (id) =>
            new UpdateOpportunityCommand({
              ...(COMPLETE_OPPORTUNITY as object),
              Catalog: o.catalog,
              Identifier: id,
              LastModifiedDate: new Date(lm),
              PartnerOpportunityIdentifier: "hijacked",
            } as never),
        );
        const after = await ownerView("opportunity", o.owner, o.catalog, o.id);
        check("UpdateOpportunity[foreign] changes nothing", after === before, () => o.id);
      },
      async opportunityOps(caller: string) {
        const o = rng.maybePick(model.all(model.opportunities).filter((x) => x.owner !== caller));
        if (!o) return;
        const before = await ownerView("opportunity", o.owner, o.catalog, o.id);
        const which = rng.pick(["associate", "assign", "submit"] as const);
        await probeRead(
          `${which}Opportunity[foreign]`,
          caller,
          NOT_FOUND,
          o.id,
          missingId.opportunity(),
          (id) =>
            which === "associate"
              ? new AssociateOpportunityCommand({
                  Catalog: o.catalog,
                  OpportunityIdentifier: id,
                  RelatedEntityType: "Solutions",
                  RelatedEntityIdentifier: SOLUTION[o.catalog],
                })
              : which === "assign"
                ? new AssignOpportunityCommand({
                    Catalog: o.catalog,
                    Identifier: id,
                    Assignee: {
                      Email: "thief@example.com",
                      FirstName: "T",
                      LastName: "Hief",
                      BusinessTitle: "OpportunityOwner",
                    },
                  })
                : new SubmitOpportunityCommand({
                    Catalog: o.catalog,
                    Identifier: id,
                    InvolvementType: "Co-Sell",
                  }),
        );
        const after = await ownerView("opportunity", o.owner, o.catalog, o.id);
        check(`${which}Opportunity[foreign] changes nothing`, after === before, () => o.id);
      },
      async tagForeign(caller: string) {
        const t = rng.maybePick<{ owner: string; arn: string; catalog: Catalog }>(
          [...model.all(model.opportunities), ...model.all(model.jobs)].filter((x) => x.owner !== caller),
        );
        if (!t) return;
        const before = await ownerView("tags", t.owner, t.catalog, t.arn);
        const untag = rng.chance(0.5);
        const missing = oppArn(t.owner, t.catalog, missingId.opportunity());
        await probeRead(
          `${untag ? "Untag" : "Tag"}Resource[foreign]`,
          caller,
          NOT_FOUND,
          t.arn,
          missing,
          (arn) =>
            untag
              ? new UntagResourceCommand({ ResourceArn: arn, TagKeys: ["k0", "k1", "origin"] })
              : new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: "k0", Value: "stolen" }] }),
        );
        const after = await ownerView("tags", t.owner, t.catalog, t.arn);
        check("Tag/UntagResource[foreign] changes nothing", after === before, () => t.arn);
      },
      async jobForeign(caller: string) {
        const j = rng.maybePick(model.all(model.jobs).filter((x) => x.owner !== caller));
        if (!j) return;
        const before = await ownerView("job", j.owner, j.catalog, j.id);
        const which = rng.pick(["Start", "Stop", "Delete"] as const);
        const Cmd = {
          Start: StartResourceSnapshotJobCommand,
          Stop: StopResourceSnapshotJobCommand,
          Delete: DeleteResourceSnapshotJobCommand,
        }[which];
        await probeRead(
          `${which}ResourceSnapshotJob[foreign]`,
          caller,
          NOT_FOUND,
          j.id,
          missingId.job(),
          (id) => new Cmd({ Catalog: j.catalog, ResourceSnapshotJobIdentifier: id }),
        );
        const after = await ownerView("job", j.owner, j.catalog, j.id);
        check(`${which}ResourceSnapshotJob[foreign] changes nothing`, after === before, () => j.id);
      },
      async engagementForeign(caller: string) {
        const e = rng.maybePick(model.all(model.engagements).filter((x) => !x.members.includes(caller)));
        const member = e?.members.find((m) => m !== AWS);
        if (!e || !member) return;
        const before = await ownerView("engagement", member, e.catalog, e.id);
        const which = rng.pick(["context", "updateContext", "invite", "job"] as const);
        const myOpp = oppsOf(caller, e.catalog)[0];
        const receiver = ids.find((r) => r !== caller && !e.members.includes(r)) ?? member;
        await probeRead(
          `${which}[non-member engagement]`,
          caller,
          model.engagementVisibility(caller, e.catalog, e.id),
          e.id,
          missingId.engagement(),
          (id) =>
            which === "context"
              ? new CreateEngagementContextCommand({
                  Catalog: e.catalog,
                  EngagementIdentifier: id,
                  Type: "CustomerProject",
                  Payload: CUSTOMER_PROJECT_CONTEXT.Payload as never,
                })
              : which === "updateContext"
                ? new UpdateEngagementContextCommand({
                    Catalog: e.catalog,
                    EngagementIdentifier: id,
                    ContextIdentifier: "1",
                    EngagementLastModifiedAt: new Date(JSON.parse(before).ModifiedAt ?? Date.now()),
                    Type: "CustomerProject",
                    Payload: CUSTOMER_PROJECT_CONTEXT.Payload as never,
                  })
                : which === "invite"
                  ? new CreateEngagementInvitationCommand({
                      Catalog: e.catalog,
                      EngagementIdentifier: id,
                      Invitation: {
                        Message: "sneak",
                        Receiver: { Account: { AwsAccountId: receiver } },
                        Payload: { OpportunityInvitation: OPPORTUNITY_INVITATION_PAYLOAD as never },
                      },
                    })
                  : new CreateResourceSnapshotJobCommand({
                      Catalog: e.catalog,
                      EngagementIdentifier: id,
                      ResourceType: "Opportunity",
                      ResourceIdentifier: myOpp?.id ?? missingId.opportunity(),
                      ResourceSnapshotTemplateIdentifier: "OpportunitySummaryView",
                    }),
        );
        const after = await ownerView("engagement", member, e.catalog, e.id);
        check(`${which}[non-member engagement] changes nothing`, after === before, () => e.id);
      },
      async answerForeign(caller: string) {
        const i = rng.maybePick(model.all(model.invitations).filter((x) => x.receiver !== caller));
        if (!i) return;
        const expected: Visibility = i.sender === caller ? DENIED : NOT_FOUND;
        const viewer = i.sender !== AWS ? i.sender : i.receiver;
        const before = viewer !== AWS ? await ownerView("invitation", viewer, i.catalog, i.id) : undefined;
        const reject = rng.chance(0.5);
        await probeRead(
          `${reject ? "Reject" : "Accept"}EngagementInvitation[${i.sender === caller ? "sender" : "stranger"}]`,
          caller,
          expected,
          i.id,
          missingId.invitation(),
          (id) =>
            reject
              ? new RejectEngagementInvitationCommand({
                  Catalog: i.catalog,
                  Identifier: id,
                  RejectionReason: "Other",
                })
              : new AcceptEngagementInvitationCommand({ Catalog: i.catalog, Identifier: id }),
        );
        if (before !== undefined) {
          const after = await ownerView("invitation", viewer, i.catalog, i.id);
          check("answering another's invitation changes nothing", after === before, () => i.id);
        }
      },
    };

    const PROBES: [number, (caller: string, catalog: Catalog) => Promise<void>][] = [
      [5, readProbes.engagement],
      [3, readProbes.members],
      [3, readProbes.snapshots],
      [5, readProbes.invitation],
      [5, readProbes.opportunity],
      [2, readProbes.awsSummary],
      [3, readProbes.job],
      [2, readProbes.prospectingTask],
      [3, readProbes.tags],
      [1, readProbes.settings],
      [2, writeProbes.updateOpportunity],
      [2, writeProbes.opportunityOps],
      [2, writeProbes.tagForeign],
      [2, writeProbes.jobForeign],
      [3, writeProbes.engagementForeign],
      [2, writeProbes.answerForeign],
    ];

    // ------------------------------------------------------------------ list audits
    type ListName =
      | "ListEngagements"
      | "ListEngagementInvitations:SENDER"
      | "ListEngagementInvitations:RECEIVER"
      | "ListOpportunities"
      | "ListEngagementByAcceptingInvitationTasks"
      | "ListEngagementFromOpportunityTasks"
      | "ListOpportunityFromEngagementTasks"
      | "ListProspectingFromEngagementTasks"
      | "ListResourceSnapshotJobs"
      | "ListSolutions";
    const LISTS: Record<
      ListName,
      { make: (c: Catalog, next?: string) => any; items: (out: any) => string[] }
    > = {
      ListEngagements: {
        make: (c, n) => new ListEngagementsCommand({ Catalog: c, MaxResults: 100, NextToken: n }),
        items: (o) => (o.EngagementSummaryList ?? []).map((x: any) => x.Id),
      },
      "ListEngagementInvitations:SENDER": {
        make: (c, n) =>
          new ListEngagementInvitationsCommand({
            Catalog: c,
            ParticipantType: "SENDER",
            MaxResults: 100,
            NextToken: n,
          }),
        items: (o) => (o.EngagementInvitationSummaries ?? []).map((x: any) => x.Id),
      },
      "ListEngagementInvitations:RECEIVER": {
        make: (c, n) =>
          new ListEngagementInvitationsCommand({
            Catalog: c,
            ParticipantType: "RECEIVER",
            MaxResults: 100,
            NextToken: n,
          }),
        items: (o) => (o.EngagementInvitationSummaries ?? []).map((x: any) => x.Id),
      },
      ListOpportunities: {
        make: (c, n) => new ListOpportunitiesCommand({ Catalog: c, MaxResults: 100, NextToken: n }),
        items: (o) => (o.OpportunitySummaries ?? []).map((x: any) => x.Id),
      },
      ListEngagementByAcceptingInvitationTasks: {
        make: (c, n) =>
          new ListEngagementByAcceptingInvitationTasksCommand({ Catalog: c, MaxResults: 1000, NextToken: n }),
        items: (o) => (o.TaskSummaries ?? []).map((x: any) => x.TaskId),
      },
      ListEngagementFromOpportunityTasks: {
        make: (c, n) =>
          new ListEngagementFromOpportunityTasksCommand({ Catalog: c, MaxResults: 1000, NextToken: n }),
        items: (o) => (o.TaskSummaries ?? []).map((x: any) => x.TaskId),
      },
      ListOpportunityFromEngagementTasks: {
        make: (c, n) =>
          new ListOpportunityFromEngagementTasksCommand({ Catalog: c, MaxResults: 1000, NextToken: n }),
        items: (o) => (o.TaskSummaries ?? []).map((x: any) => x.TaskId),
      },
      ListProspectingFromEngagementTasks: {
        make: (c, n) =>
          new ListProspectingFromEngagementTasksCommand({ Catalog: c, MaxResults: 100, NextToken: n }),
        items: (o) => (o.TaskSummaries ?? []).map((x: any) => x.TaskId),
      },
      ListResourceSnapshotJobs: {
        make: (c, n) => new ListResourceSnapshotJobsCommand({ Catalog: c, MaxResults: 100, NextToken: n }),
        items: (o) => (o.ResourceSnapshotJobSummaries ?? []).map((x: any) => x.Id),
      },
      ListSolutions: {
        make: (c, n) => new ListSolutionsCommand({ Catalog: c, MaxResults: 100, NextToken: n }),
        items: (o) => (o.SolutionSummaries ?? []).map((x: any) => x.Id),
      },
    };
    const expectedList = (name: ListName, account: string, c: Catalog): string[] => {
      switch (name) {
        case "ListEngagements":
          return model.listEngagements(account, c);
        case "ListEngagementInvitations:SENDER":
          return model.listInvitations(account, c, "SENDER");
        case "ListEngagementInvitations:RECEIVER":
          return model.listInvitations(account, c, "RECEIVER");
        case "ListOpportunities":
          return model.listOpportunities(account, c);
        case "ListEngagementByAcceptingInvitationTasks":
          return model.listTasks(account, c, "accept");
        case "ListEngagementFromOpportunityTasks":
          return model.listTasks(account, c, "fromOpportunity");
        case "ListOpportunityFromEngagementTasks":
          return model.listTasks(account, c, "fromEngagement");
        case "ListProspectingFromEngagementTasks":
          return model.listTasks(account, c, "prospecting");
        case "ListResourceSnapshotJobs":
          return model.listJobs(account, c);
        case "ListSolutions":
          return model.listSolutions(account, c);
      }
    };

    async function listAll(phase: string, account: string, name: ListName, c: Catalog): Promise<string[]> {
      const out: string[] = [];
      let next: string | undefined;
      do {
        const r = await send<any>(phase, account, LISTS[name].make(c, next));
        if (!r.ok) {
          findings.add(`${name} fails`, `${account} ${c}: ${r.name} ${r.err?.message}`);
          return out;
        }
        out.push(...LISTS[name].items(r.out));
        next = r.out.NextToken;
      } while (next);
      return out.sort();
    }

    async function auditList(account: string, name: ListName, c: Catalog) {
      const got = await listAll("probe", account, name, c);
      const want = expectedList(name, account, c);
      check(`${name} count matches the model`, got.length === want.length, () =>
        JSON.stringify({ account, catalog: c, got: got.length, want: want.length }),
      );
      const wantSet = new Set(want);
      const leaked = got.filter((id) => !wantSet.has(id));
      check(`${name} lists nothing the caller may not see`, leaked.length === 0, () =>
        JSON.stringify({ account, catalog: c, leaked: leaked.slice(0, 5) }),
      );
      const gotSet = new Set(got);
      const lost = want.filter((id) => !gotSet.has(id));
      check(`${name} lists everything of the caller`, lost.length === 0, () =>
        JSON.stringify({ account, catalog: c, lost: lost.slice(0, 5) }),
      );
    }

    async function fullAudit() {
      const jobs: Promise<void>[] = [];
      for (const account of ids)
        for (const c of CATALOGS)
          for (const name of Object.keys(LISTS) as ListName[]) jobs.push(auditList(account, name, c));
      await Promise.all(jobs);
    }

    // ------------------------------------------------------------------ the walk
    // A first engagement and opportunity for everyone, so that probes have targets from the start.
    for (const account of ids) {
      await createEngagement(account, "Sandbox");
      await createOpportunity(account, "Sandbox");
    }
    await createEngagement(PARTNER_A.awsAccountId, "AWS");
    await createOpportunity(PARTNER_B.awsAccountId, "AWS");

    const listNames = Object.keys(LISTS) as ListName[];
    let ops = 0;
    const steps = () => tally.total("op:") + tally.total("probe:");
    while (steps() < MIN_STEPS) {
      const op = rng.weighted(OPERATIONS);
      await op();
      ops++;
      const batch: Promise<void>[] = [];
      for (let i = 0; i < PROBES_PER_OP; i++) {
        const probe = rng.weighted(PROBES.map(([w, p]) => [w, p] as const));
        batch.push(probe(anyAccount(), rng.chance(0.75) ? "Sandbox" : "AWS"));
      }
      // One list of one account each step, besides the full audits.
      batch.push(auditList(anyAccount(), rng.pick(listNames), pickCatalog()));
      await Promise.all(batch);
      if (ops % AUDIT_EVERY === 0) await fullAudit();
    }
    await fullAudit();

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      [
        `tenant isolation: seed ${SEED}, ${ops} random operations, ${steps()} steps ` +
          `(${tally.total("op:")} operation calls, ${tally.total("probe:")} probe calls), ` +
          `${tally.total("assertions")} checks, ${seconds} s`,
        `model: ${model.engagements.size} engagements, ${model.invitations.size} invitations, ` +
          `${model.opportunities.size} opportunities, ${model.jobs.size} jobs, ${model.tasks.size} tasks`,
        tally.table(),
      ].join("\n"),
    );
    if (findings.size > 0) console.log(`ISOLATION FINDINGS\n${findings.report()}`);
    walk = { findings, steps: steps() };
  }, 300_000);

  it(`takes at least ${MIN_STEPS} steps of operations and probes`, () => {
    expect(walk?.steps).toBeGreaterThanOrEqual(MIN_STEPS);
  });

  it("no account reads another's engagements, opportunities, jobs, tasks, tags or settings; hidden reads like missing", () => {
    expect(findingsOf("reads")).toBe("");
  });

  it("lists show exactly the caller's items: nothing foreign, nothing missing, counts included", () => {
    expect(findingsOf("lists")).toBe("");
  });

  it("invitations are visible to sender and receiver only, and only the receiver answers them", () => {
    expect(findingsOf("invitations")).toBe("");
  });

  it("writes by one account never change what another sees, and are refused like a missing resource", () => {
    expect(findingsOf("writes")).toBe("");
  });

  it("owners and members can do their own work, and every answer agrees with the model", () => {
    expect(findingsOf("own")).toBe("");
  });
});

function sortKeys(o: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}
