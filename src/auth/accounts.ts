import { readFileSync } from "node:fs";

/** A partner account that signs requests. "AWS" is an actor of the control plane, not an account. */
export interface Account {
  awsAccountId: string;
  alias: string;
  companyName: string;
  websiteUrl?: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export const DEMO_ACCOUNTS: readonly Account[] = [
  {
    awsAccountId: "111122223333",
    alias: "partner-a",
    companyName: "Example Partner A",
    websiteUrl: "https://partner-a.example.com",
    accessKeyId: "AKIAPCLOCALPARTNERA1",
    secretAccessKey: "pclocal-partner-a-secret",
  },
  {
    awsAccountId: "444455556666",
    alias: "partner-b",
    companyName: "Example Partner B",
    websiteUrl: "https://partner-b.example.com",
    accessKeyId: "AKIAPCLOCALPARTNERB1",
    secretAccessKey: "pclocal-partner-b-secret",
  },
];

export class AccountRegistry {
  private readonly byKey = new Map<string, Account>();
  private readonly byId = new Map<string, Account>();

  constructor(accounts: readonly Account[] = DEMO_ACCOUNTS) {
    for (const account of accounts) this.add(account);
  }

  add(account: Account): void {
    if (!/^[0-9]{12}$/.test(account.awsAccountId)) {
      throw new Error(`account ${account.alias}: awsAccountId must be 12 digits`);
    }
    this.byKey.set(account.accessKeyId, account);
    this.byId.set(account.awsAccountId, account);
  }

  byAccessKeyId(accessKeyId: string): Account | undefined {
    return this.byKey.get(accessKeyId);
  }

  byAccountId(awsAccountId: string): Account | undefined {
    return this.byId.get(awsAccountId);
  }

  all(): Account[] {
    return [...this.byId.values()];
  }

  /** Demo accounts plus those of a JSON file holding an array of {@link Account}. */
  static withFile(path: string | undefined): AccountRegistry {
    const registry = new AccountRegistry();
    if (!path) return registry;
    const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
    const list = Array.isArray(parsed) ? parsed : (parsed as { accounts?: unknown }).accounts;
    if (!Array.isArray(list)) throw new Error(`${path}: expected a JSON array of accounts`);
    for (const entry of list) {
      const a = entry as Partial<Account>;
      for (const key of ["awsAccountId", "alias", "companyName", "accessKeyId", "secretAccessKey"] as const) {
        if (typeof a[key] !== "string" || a[key] === "")
          throw new Error(`${path}: account is missing ${key}`);
      }
      registry.add(a as Account);
    }
    return registry;
  }
}
