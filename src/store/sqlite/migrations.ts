/** Ordered schema steps; each runs once, in its own transaction, recorded in `schema_migrations`. */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: "engagements, members, invitations, idempotency, events, webhooks",
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

      CREATE TABLE engagements (
        catalog TEXT NOT NULL,
        id TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        modified_at INTEGER NOT NULL,
        context_types TEXT NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (catalog, id)
      ) WITHOUT ROWID;

      CREATE TABLE engagement_members (
        catalog TEXT NOT NULL,
        engagement_id TEXT NOT NULL,
        account_id TEXT NOT NULL,
        joined_at INTEGER NOT NULL,
        engagement_created_at INTEGER NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (catalog, engagement_id, account_id)
      ) WITHOUT ROWID;
      CREATE INDEX members_by_account ON engagement_members (catalog, account_id, engagement_created_at, engagement_id);
      CREATE INDEX members_by_join ON engagement_members (catalog, engagement_id, joined_at, account_id);

      CREATE TABLE invitations (
        catalog TEXT NOT NULL,
        id TEXT NOT NULL,
        engagement_id TEXT NOT NULL,
        sender_account_id TEXT NOT NULL,
        receiver_account_id TEXT NOT NULL,
        status TEXT NOT NULL,
        payload_type TEXT NOT NULL,
        invitation_date INTEGER NOT NULL,
        expiration_date INTEGER NOT NULL,
        expiry_notified INTEGER NOT NULL DEFAULT 0,
        doc TEXT NOT NULL,
        PRIMARY KEY (catalog, id)
      ) WITHOUT ROWID;
      CREATE INDEX invitations_by_receiver ON invitations (catalog, receiver_account_id, invitation_date, id);
      CREATE INDEX invitations_by_sender ON invitations (catalog, sender_account_id, invitation_date, id);
      CREATE INDEX invitations_by_engagement ON invitations (catalog, engagement_id, receiver_account_id);
      CREATE INDEX invitations_awaiting_expiry ON invitations (expiration_date)
        WHERE status = 'PENDING' AND expiry_notified = 0;

      CREATE TABLE idempotency (
        account_id TEXT NOT NULL,
        operation TEXT NOT NULL,
        client_token TEXT NOT NULL,
        input_hash TEXT NOT NULL,
        response TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, operation, client_token)
      ) WITHOUT ROWID;
      CREATE INDEX idempotency_by_created ON idempotency (created_at);

      CREATE TABLE events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id TEXT NOT NULL,
        catalog TEXT NOT NULL,
        time INTEGER NOT NULL,
        detail_type TEXT NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX events_by_account ON events (account_id, seq);

      CREATE TABLE webhooks (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        url TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        delivered_seq INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: "opportunities and tasks",
    sql: `
      CREATE TABLE opportunities (
        catalog TEXT NOT NULL,
        id TEXT NOT NULL,
        owner_account_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_modified_at INTEGER NOT NULL,
        id_number INTEGER NOT NULL,
        customer_company_name TEXT NOT NULL,
        stage TEXT NOT NULL,
        review_status TEXT NOT NULL,
        target_close_date TEXT NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (catalog, id)
      ) WITHOUT ROWID;
      CREATE INDEX opportunities_by_modified ON opportunities (catalog, owner_account_id, last_modified_at, id);
      CREATE INDEX opportunities_by_created ON opportunities (catalog, owner_account_id, created_at, id);
      CREATE INDEX opportunities_by_number ON opportunities (catalog, owner_account_id, id_number);
      CREATE INDEX opportunities_by_company ON opportunities (catalog, owner_account_id, customer_company_name, id);
      CREATE INDEX opportunities_by_close ON opportunities (catalog, owner_account_id, target_close_date, id);

      CREATE TABLE tasks (
        catalog TEXT NOT NULL,
        id TEXT NOT NULL,
        kind TEXT NOT NULL,
        account_id TEXT NOT NULL,
        start_time INTEGER NOT NULL,
        status TEXT NOT NULL,
        opportunity_id TEXT,
        engagement_id TEXT,
        invitation_id TEXT,
        context_id TEXT,
        completes_at INTEGER,
        doc TEXT NOT NULL,
        PRIMARY KEY (catalog, id)
      ) WITHOUT ROWID;
      CREATE INDEX tasks_by_account ON tasks (catalog, account_id, kind, start_time, id);
      CREATE INDEX tasks_due ON tasks (completes_at) WHERE status = 'IN_PROGRESS';
    `,
  },
  {
    version: 3,
    name: "resources kept as documents",
    sql: `
      CREATE TABLE resources (
        kind TEXT NOT NULL,
        catalog TEXT NOT NULL,
        id TEXT NOT NULL,
        owner_account_id TEXT NOT NULL,
        parent_id TEXT,
        status TEXT,
        created_at INTEGER NOT NULL,
        sort_key TEXT NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (kind, catalog, id)
      ) WITHOUT ROWID;
      CREATE INDEX resources_by_owner ON resources (kind, catalog, owner_account_id, created_at, id);
      CREATE INDEX resources_by_parent ON resources (kind, catalog, parent_id, created_at, id);
    `,
  },
  {
    version: 4,
    name: "prospecting task names and counts, solutions as rows, resources by what they refer to, opportunities by submission",
    sql: `
      ALTER TABLE tasks ADD COLUMN name TEXT;
      ALTER TABLE tasks ADD COLUMN failed_count INTEGER;
      UPDATE tasks SET name = json_extract(doc, '$.doc.TaskName'),
        failed_count = json_extract(doc, '$.doc.FailedEngagementCount'),
        doc = json_set(doc, '$.name', json_extract(doc, '$.doc.TaskName'),
          '$.failedCount', json_extract(doc, '$.doc.FailedEngagementCount'))
        WHERE kind = 'ProspectingFromEngagement';
      CREATE INDEX tasks_by_name ON tasks (catalog, account_id, kind, name, id);
      CREATE INDEX tasks_by_failed_count ON tasks (catalog, account_id, kind, failed_count, id);

      CREATE TABLE solutions (
        catalog TEXT NOT NULL,
        owner_account_id TEXT NOT NULL,
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        status TEXT NOT NULL,
        category TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        marketplace_arn TEXT,
        PRIMARY KEY (catalog, owner_account_id, id)
      ) WITHOUT ROWID;
      CREATE INDEX solutions_by_name ON solutions (catalog, owner_account_id, name, id);
      CREATE INDEX solutions_by_status ON solutions (catalog, owner_account_id, status, id);
      CREATE INDEX solutions_by_category ON solutions (catalog, owner_account_id, category, id);
      CREATE INDEX solutions_by_created ON solutions (catalog, owner_account_id, created_at, id);
      CREATE INDEX solutions_by_listing ON solutions (catalog, owner_account_id, marketplace_arn)
        WHERE marketplace_arn IS NOT NULL;
      INSERT INTO solutions (catalog, owner_account_id, id, name, status, category, created_at, marketplace_arn)
        SELECT catalog, owner_account_id, json_extract(doc, '$.doc.Id'), json_extract(doc, '$.doc.Name'),
          json_extract(doc, '$.doc.Status'), json_extract(doc, '$.doc.Category'), created_at,
          json_extract(doc, '$.doc.AwsMarketplaceSolutionArn')
        FROM resources WHERE kind = 'solution';
      DELETE FROM resources WHERE kind = 'solution';

      ALTER TABLE resources ADD COLUMN ref_id TEXT;
      UPDATE resources SET ref_id = json_extract(doc, '$.doc.ResourceId'),
        doc = json_set(doc, '$.refId', json_extract(doc, '$.doc.ResourceId'))
        WHERE kind IN ('resource-snapshot', 'resource-snapshot-job', 'engagement-resource-association');
      CREATE INDEX resources_by_ref ON resources (kind, catalog, owner_account_id, ref_id, created_at, id);
      CREATE INDEX resources_by_parent_key ON resources (kind, catalog, parent_id, sort_key, created_at, id);

      ALTER TABLE opportunities ADD COLUMN submitted_at INTEGER;
      UPDATE opportunities SET submitted_at = json_extract(doc, '$.awsSummary._submittedAt');
      CREATE INDEX opportunities_awaiting_review ON opportunities (submitted_at, catalog, id)
        WHERE review_status IN ('Submitted', 'In review');
    `,
  },
];
