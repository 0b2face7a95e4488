import {
  GetSellingSystemSettingsCommand,
  PutSellingSystemSettingsCommand,
} from "@aws-sdk/client-partnercentral-selling";
import { describe, expect, it } from "vitest";
import { PARTNER_A, PARTNER_B, rejectionOf, useHarness } from "./helpers/harness.js";

const h = useHarness();

const get = (account = PARTNER_A, Catalog = "Sandbox") =>
  h.client(account).send(new GetSellingSystemSettingsCommand({ Catalog }));
const put = (
  ResourceSnapshotJobRoleIdentifier: string | undefined,
  account = PARTNER_A,
  Catalog = "Sandbox",
) =>
  h.client(account).send(new PutSellingSystemSettingsCommand({ Catalog, ResourceSnapshotJobRoleIdentifier }));
const strip = ({ $metadata: _m, ...rest }: { $metadata: unknown }) => rest;

describe("selling system settings", () => {
  it("answers only the catalog while no role is registered", async () => {
    expect(strip(await get(PARTNER_B, "AWS"))).toEqual({ Catalog: "AWS" });
  });

  it("turns a role name into the caller's role ARN and reads it back", async () => {
    const arn = `arn:aws:iam::${PARTNER_A.awsAccountId}:role/PartnerCentralSnapshotJobs`;
    expect(strip(await put("PartnerCentralSnapshotJobs"))).toEqual({
      Catalog: "Sandbox",
      ResourceSnapshotJobRoleArn: arn,
    });
    expect(strip(await get())).toEqual({ Catalog: "Sandbox", ResourceSnapshotJobRoleArn: arn });
  });

  it("keeps a full role ARN as given, and a Put without a role changes nothing", async () => {
    const arn = "arn:aws:iam::999988887777:role/service-role/SnapshotJobs";
    expect((await put(arn)).ResourceSnapshotJobRoleArn).toBe(arn);
    expect(strip(await put(undefined))).toEqual({ Catalog: "Sandbox", ResourceSnapshotJobRoleArn: arn });
    expect((await get()).ResourceSnapshotJobRoleArn).toBe(arn);
  });

  it("is kept per catalog and per account", async () => {
    await put("SandboxRole", PARTNER_A, "Sandbox");
    await put("AwsRole", PARTNER_A, "AWS");
    await put("OtherPartnerRole", PARTNER_B, "Sandbox");
    expect((await get(PARTNER_A, "Sandbox")).ResourceSnapshotJobRoleArn).toBe(
      `arn:aws:iam::${PARTNER_A.awsAccountId}:role/SandboxRole`,
    );
    expect((await get(PARTNER_A, "AWS")).ResourceSnapshotJobRoleArn).toBe(
      `arn:aws:iam::${PARTNER_A.awsAccountId}:role/AwsRole`,
    );
    expect((await get(PARTNER_B, "Sandbox")).ResourceSnapshotJobRoleArn).toBe(
      `arn:aws:iam::${PARTNER_B.awsAccountId}:role/OtherPartnerRole`,
    );
  });

  it("stores the ARN where resource snapshot jobs read it", async () => {
    await put("JobsRole", PARTNER_B, "AWS");
    const record = await h.server.services.store.transaction((tx) =>
      tx.resources.get("selling-system-settings", "AWS", PARTNER_B.awsAccountId),
    );
    expect(record?.doc).toEqual({
      ResourceSnapshotJobRoleArn: `arn:aws:iam::${PARTNER_B.awsAccountId}:role/JobsRole`,
    });
  });

  it("refuses a malformed role and an unknown catalog", async () => {
    const badRole = await rejectionOf(put("not a role/"));
    expect(badRole.name).toBe("ValidationException");
    const badCatalog = await rejectionOf(get(PARTNER_A, "Elsewhere"));
    expect(badCatalog.name).toBe("ValidationException");
  });
});
