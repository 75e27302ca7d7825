import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Migration } from 'kysely';

const SETTING_KEY = 'tier-policy';

interface Tables {
  tier_policy_versions: {
    id: string;
    policy: string;
    reason: string;
    requester: string;
    created_at: number;
    base_version: number;
    state: string;
    decided_by: string | null;
    decided_at: number | null;
    decision_comment: string | null;
    version: number;
    approved_version: number | null;
  };
  settings: { key: string; value: string; version: number; updated_by: string; updated_at: number };
}

/**
 * The tier policy in force lives in `tier_policy_versions` alone: an approved row carries the
 * version it became (`approved_version`, unique, so two approvals cannot both take the next
 * number), and the highest is in force. Until now approvals also wrote the `tier-policy` setting
 * and the settings page could write it directly; a policy saved that way is moved in as an
 * approved version with the same number, so the ETag orchestrators hold stays valid, and the
 * setting is removed so nothing reads it again.
 */
export const tierPolicyInForceMigration: Migration = {
  async up(untyped: Kysely<unknown>) {
    const db = untyped as Kysely<Tables>;
    await db.schema
      .alterTable('tier_policy_versions')
      .addColumn('approved_version', 'integer')
      .execute();
    // Every approval wrote the setting at its base version + 1, so these numbers are unique.
    await db
      .updateTable('tier_policy_versions')
      .set({ approved_version: sql<number>`base_version + 1` })
      .where('state', '=', 'approved')
      .execute();
    await db.schema
      .createIndex('tier_policy_versions_approved_version')
      .on('tier_policy_versions')
      .column('approved_version')
      .unique()
      .execute();

    const saved = await db
      .selectFrom('settings')
      .selectAll()
      .where('key', '=', SETTING_KEY)
      .executeTakeFirst();
    if (!saved) return;
    const version = Number(saved.version);
    const known = await db
      .selectFrom('tier_policy_versions')
      .select('id')
      .where('approved_version', '=', version)
      .executeTakeFirst();
    if (!known) {
      const { policy } = JSON.parse(saved.value) as { policy: unknown };
      const at = Number(saved.updated_at);
      await db
        .insertInto('tier_policy_versions')
        .values({
          id: randomBytes(16).toString('base64url'),
          policy: JSON.stringify(policy),
          reason: 'Saved on the settings page before tier policies were reviewed.',
          requester: saved.updated_by,
          created_at: at,
          base_version: version - 1,
          state: 'approved',
          decided_by: saved.updated_by,
          decided_at: at,
          decision_comment: null,
          version: 2,
          approved_version: version,
        })
        .execute();
    }
    await db.deleteFrom('settings').where('key', '=', SETTING_KEY).execute();
  },
};
