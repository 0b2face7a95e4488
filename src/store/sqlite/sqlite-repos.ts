import type { StoreTx } from "../port.js";
import type {
  Catalog,
  EngagementQuery,
  EngagementRecord,
  EventRecord,
  IdempotencyRecord,
  InvitationQuery,
  InvitationRecord,
  KeysetCursor,
  MemberRecord,
  OpportunityQuery,
  OpportunityRecord,
  ResourceQuery,
  ResourceRecord,
  ReviewCursor,
  SolutionQuery,
  SolutionRecord,
  SortOrder,
  TaskQuery,
  TaskRecord,
  WebhookRecord,
} from "../records.js";

import type { Statement, StatementCache } from "./statement-cache.js";

type Param = string | number;

const docOf = <T>(row: unknown): T | undefined =>
  row === undefined ? undefined : (JSON.parse((row as { doc: string }).doc) as T);
const docsOf = <T>(rows: unknown[]): T[] => rows.map((r) => JSON.parse((r as { doc: string }).doc) as T);

/** `col IN (?, ?, …)` with its parameters, or nothing for an absent filter. */
function inList(
  column: string,
  values: readonly string[] | undefined,
  params: Param[],
  negate = false,
): string {
  if (!values || values.length === 0) return "";
  params.push(...values);
  return ` AND ${column} ${negate ? "NOT IN" : "IN"} (${values.map(() => "?").join(", ")})`;
}

/** Keyset condition and ORDER BY for (sortColumn, idColumn) in the given order. */
function keyset(
  sortColumn: string,
  idColumn: string,
  order: SortOrder,
  after: KeysetCursor | undefined,
  params: Param[],
) {
  const dir = order === "ASCENDING" ? "ASC" : "DESC";
  let where = "";
  if (after) {
    params.push(after.sort, after.id);
    where = ` AND (${sortColumn}, ${idColumn}) ${order === "ASCENDING" ? ">" : "<"} (?, ?)`;
  }
  return { where, orderBy: ` ORDER BY ${sortColumn} ${dir}, ${idColumn} ${dir}` };
}

/** `|A|B|`, so one context type is found with `instr`. */
export const contextTypesColumn = (record: EngagementRecord) =>
  `|${record.contexts.map((c) => c.Type).join("|")}|`;

/** The repositories over one better-sqlite3 connection; statements are prepared once and reused. */
export function sqliteRepositories(statements: StatementCache): StoreTx {
  const stmt = (sql: string): Statement => statements.prepare(sql);

  return {
    engagements: {
      get: async (catalog: Catalog, id: string) =>
        docOf<EngagementRecord>(
          stmt("SELECT doc FROM engagements WHERE catalog = ? AND id = ?").get(catalog, id),
        ),
      put: async (r: EngagementRecord) => {
        stmt(
          `INSERT INTO engagements (catalog, id, created_by, created_at, modified_at, context_types, doc)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (catalog, id) DO UPDATE SET
             modified_at = excluded.modified_at, context_types = excluded.context_types, doc = excluded.doc`,
        ).run(
          r.catalog,
          r.id,
          r.createdBy,
          r.createdAt,
          r.modifiedAt,
          contextTypesColumn(r),
          JSON.stringify(r),
        );
      },
      listForMember: async (q: EngagementQuery) => {
        const params: Param[] = [q.catalog, q.memberAccountId];
        let where = "m.catalog = ? AND m.account_id = ?";
        where += inList("e.created_by", q.createdBy, params);
        where += inList("e.created_by", q.excludeCreatedBy, params, true);
        where += inList("m.engagement_id", q.ids, params);
        if (q.contextTypes?.length) {
          where += ` AND (${q.contextTypes.map(() => "instr(e.context_types, ?) > 0").join(" OR ")})`;
          params.push(...q.contextTypes.map((t) => `|${t}|`));
        }
        for (const t of q.excludeContextTypes ?? []) {
          where += " AND instr(e.context_types, ?) = 0";
          params.push(`|${t}|`);
        }
        const page = keyset("m.engagement_created_at", "m.engagement_id", q.order, q.after, params);
        params.push(q.limit);
        return docsOf<EngagementRecord>(
          stmt(
            `SELECT e.doc FROM engagement_members m
             JOIN engagements e ON e.catalog = m.catalog AND e.id = m.engagement_id
             WHERE ${where}${page.where}${page.orderBy} LIMIT ?`,
          ).all(...params),
        );
      },
    },
    members: {
      list: async (catalog: Catalog, engagementId: string) =>
        docsOf<MemberRecord>(
          stmt(
            "SELECT doc FROM engagement_members WHERE catalog = ? AND engagement_id = ? ORDER BY joined_at, account_id",
          ).all(catalog, engagementId),
        ),
      get: async (catalog: Catalog, engagementId: string, accountId: string) =>
        docOf<MemberRecord>(
          stmt(
            "SELECT doc FROM engagement_members WHERE catalog = ? AND engagement_id = ? AND account_id = ?",
          ).get(catalog, engagementId, accountId),
        ),
      count: async (catalog: Catalog, engagementId: string) =>
        (
          stmt("SELECT COUNT(*) AS n FROM engagement_members WHERE catalog = ? AND engagement_id = ?").get(
            catalog,
            engagementId,
          ) as { n: number }
        ).n,
      add: async (r: MemberRecord) => {
        stmt(
          `INSERT INTO engagement_members (catalog, engagement_id, account_id, joined_at, engagement_created_at, doc)
           VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        ).run(r.catalog, r.engagementId, r.accountId, r.joinedAt, r.engagementCreatedAt, JSON.stringify(r));
      },
      page: async (
        catalog: Catalog,
        engagementId: string,
        after: KeysetCursor | undefined,
        limit: number,
      ) => {
        const params: Param[] = [catalog, engagementId];
        const page = keyset("joined_at", "account_id", "ASCENDING", after, params);
        params.push(limit);
        return docsOf<MemberRecord>(
          stmt(
            `SELECT doc FROM engagement_members WHERE catalog = ? AND engagement_id = ?${page.where}${page.orderBy} LIMIT ?`,
          ).all(...params),
        );
      },
    },
    invitations: {
      get: async (catalog: Catalog, id: string) =>
        docOf<InvitationRecord>(
          stmt("SELECT doc FROM invitations WHERE catalog = ? AND id = ?").get(catalog, id),
        ),
      put: async (r: InvitationRecord) => {
        stmt(
          `INSERT INTO invitations (catalog, id, engagement_id, sender_account_id, receiver_account_id, status,
             payload_type, invitation_date, expiration_date, doc)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (catalog, id) DO UPDATE SET status = excluded.status, doc = excluded.doc`,
        ).run(
          r.catalog,
          r.id,
          r.engagementId,
          r.senderAccountId,
          r.receiverAccountId,
          r.status,
          r.payloadType,
          r.invitationDate,
          r.expirationDate,
          JSON.stringify(r),
        );
      },
      listForReceiver: async (catalog: Catalog, engagementId: string, receiverAccountId: string) =>
        docsOf<InvitationRecord>(
          stmt(
            `SELECT doc FROM invitations WHERE catalog = ? AND engagement_id = ? AND receiver_account_id = ?
             ORDER BY invitation_date, id`,
          ).all(catalog, engagementId, receiverAccountId),
        ),
      list: async (q: InvitationQuery) => {
        const params: Param[] = [q.catalog, q.accountId];
        const party = q.participant === "SENDER" ? "sender_account_id" : "receiver_account_id";
        let where = `catalog = ? AND ${party} = ?`;
        where += inList("payload_type", q.payloadTypes, params);
        where += inList("engagement_id", q.engagementIds, params);
        where += inList("sender_account_id", q.senderAccountIds, params);
        if (q.statuses?.length) {
          const clauses = [...new Set(q.statuses)].map((status) => {
            if (status === "PENDING" || status === "EXPIRED") {
              params.push(q.now);
              return `(status = 'PENDING' AND expiration_date ${status === "PENDING" ? ">" : "<="} ?)`;
            }
            params.push(status);
            return "status = ?";
          });
          where += ` AND (${clauses.join(" OR ")})`;
        }
        const page = keyset("invitation_date", "id", q.order, q.after, params);
        params.push(q.limit);
        return docsOf<InvitationRecord>(
          stmt(`SELECT doc FROM invitations WHERE ${where}${page.where}${page.orderBy} LIMIT ?`).all(
            ...params,
          ),
        );
      },
      expiredUnannounced: async (now: number, limit: number) =>
        docsOf<InvitationRecord>(
          stmt(
            `SELECT doc FROM invitations WHERE status = 'PENDING' AND expiry_notified = 0 AND expiration_date <= ?
             ORDER BY expiration_date LIMIT ?`,
          ).all(now, limit),
        ),
      markExpiryAnnounced: async (catalog: Catalog, id: string) => {
        stmt("UPDATE invitations SET expiry_notified = 1 WHERE catalog = ? AND id = ?").run(catalog, id);
      },
    },
    idempotency: {
      get: async (accountId: string, operation: string, clientToken: string) => {
        const row = stmt(
          "SELECT input_hash, response, created_at FROM idempotency WHERE account_id = ? AND operation = ? AND client_token = ?",
        ).get(accountId, operation, clientToken) as
          | { input_hash: string; response: string; created_at: number }
          | undefined;
        if (!row) return undefined;
        return {
          accountId,
          operation,
          clientToken,
          inputHash: row.input_hash,
          response: JSON.parse(row.response),
          createdAt: row.created_at,
        } satisfies IdempotencyRecord;
      },
      put: async (r: IdempotencyRecord) => {
        stmt(
          `INSERT INTO idempotency (account_id, operation, client_token, input_hash, response, created_at)
           VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (account_id, operation, client_token) DO UPDATE SET
             input_hash = excluded.input_hash, response = excluded.response, created_at = excluded.created_at`,
        ).run(r.accountId, r.operation, r.clientToken, r.inputHash, JSON.stringify(r.response), r.createdAt);
      },
      purgeBefore: async (epochMs: number) =>
        stmt("DELETE FROM idempotency WHERE created_at < ?").run(epochMs).changes,
    },
    events: {
      append: async (events: Omit<EventRecord, "seq">[]) =>
        events.map((e) => {
          const { lastInsertRowid } = stmt(
            "INSERT INTO events (account_id, catalog, time, detail_type, doc) VALUES (?, ?, ?, ?, ?)",
          ).run(e.accountId, e.catalog, e.time, e.detailType, JSON.stringify(e.event));
          return { ...e, seq: Number(lastInsertRowid) };
        }),
      listAfter: async (accountId: string, afterSeq: number, limit: number) =>
        (
          stmt(
            "SELECT seq, account_id, catalog, time, detail_type, doc FROM events WHERE account_id = ? AND seq > ? ORDER BY seq LIMIT ?",
          ).all(accountId, afterSeq, limit) as {
            seq: number;
            account_id: string;
            catalog: Catalog;
            time: number;
            detail_type: string;
            doc: string;
          }[]
        ).map((r) => ({
          seq: r.seq,
          accountId: r.account_id,
          catalog: r.catalog,
          time: r.time,
          detailType: r.detail_type,
          event: JSON.parse(r.doc),
        })),
      lastSeq: async (accountId: string) =>
        (
          stmt("SELECT MAX(seq) AS seq FROM events WHERE account_id = ?").get(accountId) as {
            seq: number | null;
          }
        ).seq ?? 0,
    },
    webhooks: {
      put: async (r: WebhookRecord) => {
        stmt(
          `INSERT INTO webhooks (id, account_id, url, created_at, delivered_seq) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET url = excluded.url, delivered_seq = excluded.delivered_seq`,
        ).run(r.id, r.accountId, r.url, r.createdAt, r.deliveredSeq);
      },
      list: async () =>
        (
          stmt(
            "SELECT id, account_id, url, created_at, delivered_seq FROM webhooks ORDER BY created_at, id",
          ).all() as WebhookRow[]
        ).map(webhookOf),
      get: async (id: string) => {
        const row = stmt(
          "SELECT id, account_id, url, created_at, delivered_seq FROM webhooks WHERE id = ?",
        ).get(id) as WebhookRow | undefined;
        return row && webhookOf(row);
      },
      delete: async (id: string) => stmt("DELETE FROM webhooks WHERE id = ?").run(id).changes > 0,
      setDelivered: async (id: string, seq: number) => {
        stmt("UPDATE webhooks SET delivered_seq = ? WHERE id = ?").run(seq, id);
      },
    },
    opportunities: opportunityRepository(stmt),
    tasks: taskRepository(stmt),
    resources: resourceRepository(stmt),
    solutions: solutionRepository(stmt),
    meta: {
      get: async (key: string) =>
        (stmt("SELECT value FROM meta WHERE key = ?").get(key) as { value: string } | undefined)?.value,
      put: async (key: string, value: string) => {
        stmt(
          "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        ).run(key, value);
      },
    },
  };
}

interface WebhookRow {
  id: string;
  account_id: string;
  url: string;
  created_at: number;
  delivered_seq: number;
}

const webhookOf = (r: WebhookRow): WebhookRecord => ({
  id: r.id,
  accountId: r.account_id,
  url: r.url,
  createdAt: r.created_at,
  deliveredSeq: r.delivered_seq,
});

type Prepare = (sql: string) => Statement;

/** The first opportunity number of a catalog; ids look like AWS's (`O` + 7 digits). */
const FIRST_OPPORTUNITY_NUMBER = 1_000_000;

/** A text column: the string, or "" for anything else. */
const textColumn = (v: unknown) => (typeof v === "string" ? v : "");

function opportunityColumns(r: OpportunityRecord) {
  const doc = r.doc as {
    Customer?: { Account?: { CompanyName?: unknown } };
    LifeCycle?: Record<string, unknown>;
  };
  const submittedAt = r.awsSummary?._submittedAt;
  return {
    company: textColumn(doc.Customer?.Account?.CompanyName),
    stage: textColumn(doc.LifeCycle?.Stage),
    review: textColumn(doc.LifeCycle?.ReviewStatus),
    close: textColumn(doc.LifeCycle?.TargetCloseDate),
    // When the domain last submitted it to AWS (src/domain/opportunities/access.ts, SUBMITTED_AT).
    submittedAt: typeof submittedAt === "number" ? submittedAt : null,
  };
}

const OPPORTUNITY_SORT_COLUMNS: Record<OpportunityQuery["sortBy"], string> = {
  LastModifiedDate: "last_modified_at",
  Identifier: "id_number",
  CustomerCompanyName: "customer_company_name",
  CreatedDate: "created_at",
  TargetCloseDate: "target_close_date",
};

function opportunityRepository(stmt: Prepare) {
  return {
    get: async (catalog: Catalog, id: string) =>
      docOf<OpportunityRecord>(
        stmt("SELECT doc FROM opportunities WHERE catalog = ? AND id = ?").get(catalog, id),
      ),
    put: async (r: OpportunityRecord) => {
      const c = opportunityColumns(r);
      stmt(
        `INSERT INTO opportunities (catalog, id, owner_account_id, created_at, last_modified_at, id_number,
           customer_company_name, stage, review_status, target_close_date, submitted_at, doc)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (catalog, id) DO UPDATE SET owner_account_id = excluded.owner_account_id,
           last_modified_at = excluded.last_modified_at, customer_company_name = excluded.customer_company_name,
           stage = excluded.stage, review_status = excluded.review_status,
           target_close_date = excluded.target_close_date, submitted_at = excluded.submitted_at,
           doc = excluded.doc`,
      ).run(
        r.catalog,
        r.id,
        r.ownerAccountId,
        r.createdAt,
        r.lastModifiedAt,
        Number(r.id.slice(1)),
        c.company,
        c.stage,
        c.review,
        c.close,
        c.submittedAt,
        JSON.stringify(r),
      );
    },
    awaitingReview: async (submittedBefore: number, after: ReviewCursor | undefined, limit: number) => {
      const params: Param[] = [submittedBefore];
      let where = "review_status IN ('Submitted', 'In review') AND submitted_at <= ?";
      if (after) {
        where += " AND (submitted_at, catalog, id) > (?, ?, ?)";
        params.push(after.submittedAt, after.catalog, after.id);
      }
      params.push(limit);
      return docsOf<OpportunityRecord>(
        stmt(`SELECT doc FROM opportunities WHERE ${where} ORDER BY submitted_at, catalog, id LIMIT ?`).all(
          ...params,
        ),
      );
    },
    nextId: async (catalog: Catalog) => {
      const key = `seq:opportunity:${catalog}`;
      const row = stmt("SELECT value FROM meta WHERE key = ?").get(key) as { value: string } | undefined;
      const next = (row ? Number(row.value) : FIRST_OPPORTUNITY_NUMBER) + 1;
      stmt(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      ).run(key, String(next));
      return `O${next}`;
    },
    list: async (q: OpportunityQuery) => {
      const params: Param[] = [q.catalog, q.ownerAccountId];
      let where = "catalog = ? AND owner_account_id = ?";
      where += inList("id", q.ids, params);
      where += inList("stage", q.stages, params);
      where += inList("review_status", q.reviewStatuses, params);
      where += inList("customer_company_name", q.customerCompanyNames, params);
      const bounds: [string, string, number | string | undefined][] = [
        ["last_modified_at", ">=", q.lastModifiedAfter],
        ["last_modified_at", "<=", q.lastModifiedBefore],
        ["created_at", ">=", q.createdAfter],
        ["created_at", "<=", q.createdBefore],
        ["target_close_date", ">=", q.targetCloseAfter],
        ["target_close_date", "<=", q.targetCloseBefore],
      ];
      for (const [column, op, value] of bounds) {
        if (value === undefined) continue;
        where += ` AND ${column} ${op} ?`;
        params.push(value);
      }
      const page = keyset(OPPORTUNITY_SORT_COLUMNS[q.sortBy], "id", q.order, q.after, params);
      params.push(q.limit);
      return docsOf<OpportunityRecord>(
        stmt(`SELECT doc FROM opportunities WHERE ${where}${page.where}${page.orderBy} LIMIT ?`).all(
          ...params,
        ),
      );
    },
  };
}

const TASK_SORT_COLUMNS: Record<NonNullable<TaskQuery["sortBy"]>, string> = {
  startTime: "start_time",
  name: "name",
  failedCount: "failed_count",
};

function taskRepository(stmt: Prepare) {
  return {
    get: async (catalog: Catalog, id: string) =>
      docOf<TaskRecord>(stmt("SELECT doc FROM tasks WHERE catalog = ? AND id = ?").get(catalog, id)),
    put: async (r: TaskRecord) => {
      stmt(
        `INSERT INTO tasks (catalog, id, kind, account_id, start_time, status, opportunity_id, engagement_id,
           invitation_id, context_id, completes_at, name, failed_count, doc)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (catalog, id) DO UPDATE SET status = excluded.status, opportunity_id = excluded.opportunity_id,
           engagement_id = excluded.engagement_id, invitation_id = excluded.invitation_id,
           context_id = excluded.context_id, completes_at = excluded.completes_at, name = excluded.name,
           failed_count = excluded.failed_count, doc = excluded.doc`,
      ).run(
        r.catalog,
        r.id,
        r.kind,
        r.accountId,
        r.startTime,
        r.status,
        r.opportunityId ?? null,
        r.engagementId ?? null,
        r.invitationId ?? null,
        r.contextId ?? null,
        r.completesAt ?? null,
        r.name ?? null,
        r.failedCount ?? null,
        JSON.stringify(r),
      );
    },
    list: async (q: TaskQuery) => {
      const params: Param[] = [q.catalog, q.accountId, q.kind];
      let where = "catalog = ? AND account_id = ? AND kind = ?";
      where += inList("status", q.statuses, params);
      where += inList("id", q.ids, params);
      where += inList("opportunity_id", q.opportunityIds, params);
      where += inList("engagement_id", q.engagementIds, params);
      where += inList("invitation_id", q.invitationIds, params);
      where += inList("context_id", q.contextIds, params);
      where += inList("name", q.names, params);
      if (q.startAfter !== undefined) {
        where += " AND start_time > ?";
        params.push(q.startAfter);
      }
      if (q.startBefore !== undefined) {
        where += " AND start_time < ?";
        params.push(q.startBefore);
      }
      const page = keyset(TASK_SORT_COLUMNS[q.sortBy ?? "startTime"], "id", q.order, q.after, params);
      params.push(q.limit);
      return docsOf<TaskRecord>(
        stmt(`SELECT doc FROM tasks WHERE ${where}${page.where}${page.orderBy} LIMIT ?`).all(...params),
      );
    },
    due: async (now: number, limit: number) =>
      docsOf<TaskRecord>(
        stmt(
          "SELECT doc FROM tasks WHERE status = 'IN_PROGRESS' AND completes_at <= ? ORDER BY completes_at LIMIT ?",
        ).all(now, limit),
      ),
  };
}

const RESOURCE_SORT_COLUMNS: Record<ResourceQuery["sortBy"], string> = {
  createdAt: "created_at",
  id: "id",
  sortKey: "sort_key",
};

function resourceRepository(stmt: Prepare) {
  return {
    get: async (kind: string, catalog: Catalog, id: string) =>
      docOf<ResourceRecord>(
        stmt("SELECT doc FROM resources WHERE kind = ? AND catalog = ? AND id = ?").get(kind, catalog, id),
      ),
    put: async (r: ResourceRecord) => {
      stmt(
        `INSERT INTO resources (kind, catalog, id, owner_account_id, parent_id, status, created_at, sort_key, ref_id, doc)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (kind, catalog, id) DO UPDATE SET owner_account_id = excluded.owner_account_id,
           parent_id = excluded.parent_id, status = excluded.status, sort_key = excluded.sort_key,
           ref_id = excluded.ref_id, doc = excluded.doc`,
      ).run(
        r.kind,
        r.catalog,
        r.id,
        r.ownerAccountId,
        r.parentId ?? null,
        r.status ?? null,
        r.createdAt,
        r.sortKey ?? "",
        r.refId ?? null,
        JSON.stringify(r),
      );
    },
    delete: async (kind: string, catalog: Catalog, id: string) =>
      stmt("DELETE FROM resources WHERE kind = ? AND catalog = ? AND id = ?").run(kind, catalog, id).changes >
      0,
    list: async (q: ResourceQuery) => {
      const params: Param[] = [];
      let from = "resources r";
      let where = "r.kind = ? AND r.catalog = ?";
      if (q.parentMemberAccountId !== undefined) {
        // Driven from the member's engagements (CROSS JOIN keeps that order), so the cost follows
        // the member's own engagements, never the whole catalog.
        from =
          "engagement_members m CROSS JOIN resources r ON r.catalog = m.catalog AND r.parent_id = m.engagement_id";
        where = `m.catalog = ? AND m.account_id = ? AND ${where}`;
        params.push(q.catalog, q.parentMemberAccountId);
      }
      params.push(q.kind, q.catalog);
      if (q.ownerAccountId !== undefined) {
        where += " AND r.owner_account_id = ?";
        params.push(q.ownerAccountId);
      }
      where += inList("r.parent_id", q.parentIds, params);
      where += inList("r.id", q.ids, params);
      where += inList("r.status", q.statuses, params);
      where += inList("r.sort_key", q.sortKeys, params);
      where += inList("r.ref_id", q.refIds, params);
      const page = keyset(`r.${RESOURCE_SORT_COLUMNS[q.sortBy]}`, "r.id", q.order, q.after, params);
      params.push(q.limit);
      return docsOf<ResourceRecord>(
        stmt(`SELECT r.doc FROM ${from} WHERE ${where}${page.where}${page.orderBy} LIMIT ?`).all(...params),
      );
    },
  };
}

const SOLUTION_SORT_COLUMNS: Record<SolutionQuery["sortBy"], string> = {
  id: "id",
  name: "name",
  status: "status",
  category: "category",
  createdAt: "created_at",
};

interface SolutionRow {
  catalog: Catalog;
  owner_account_id: string;
  id: string;
  name: string;
  status: string;
  category: string;
  created_at: number;
  marketplace_arn: string | null;
}

const SOLUTION_COLUMNS = "catalog, owner_account_id, id, name, status, category, created_at, marketplace_arn";

const solutionOf = (r: SolutionRow): SolutionRecord => ({
  catalog: r.catalog,
  ownerAccountId: r.owner_account_id,
  id: r.id,
  name: r.name,
  status: r.status,
  category: r.category,
  createdAt: r.created_at,
  ...(r.marketplace_arn === null ? {} : { awsMarketplaceSolutionArn: r.marketplace_arn }),
});

function solutionRepository(stmt: Prepare) {
  return {
    get: async (catalog: Catalog, ownerAccountId: string, id: string) => {
      const row = stmt(
        `SELECT ${SOLUTION_COLUMNS} FROM solutions WHERE catalog = ? AND owner_account_id = ? AND id = ?`,
      ).get(catalog, ownerAccountId, id) as SolutionRow | undefined;
      return row && solutionOf(row);
    },
    put: async (r: SolutionRecord) => {
      stmt(
        `INSERT INTO solutions (${SOLUTION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (catalog, owner_account_id, id) DO UPDATE SET name = excluded.name,
           status = excluded.status, category = excluded.category, created_at = excluded.created_at,
           marketplace_arn = excluded.marketplace_arn`,
      ).run(
        r.catalog,
        r.ownerAccountId,
        r.id,
        r.name,
        r.status,
        r.category,
        r.createdAt,
        r.awsMarketplaceSolutionArn ?? null,
      );
    },
    list: async (q: SolutionQuery) => {
      const params: Param[] = [q.catalog, q.ownerAccountId];
      let where = "catalog = ? AND owner_account_id = ?";
      where += inList("id", q.ids, params);
      where += inList("status", q.statuses, params);
      where += inList("category", q.categories, params);
      where += inList("marketplace_arn", q.awsMarketplaceSolutionArns, params);
      const page = keyset(SOLUTION_SORT_COLUMNS[q.sortBy], "id", q.order, q.after, params);
      params.push(q.limit);
      return (
        stmt(
          `SELECT ${SOLUTION_COLUMNS} FROM solutions WHERE ${where}${page.where}${page.orderBy} LIMIT ?`,
        ).all(...params) as SolutionRow[]
      ).map(solutionOf);
    },
  };
}
