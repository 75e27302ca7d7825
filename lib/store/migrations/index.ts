import type { Migration, MigrationProvider } from 'kysely';
import type { StoreDialect } from '../schema';
import { auditLogMigration } from './0001-audit-log';
import { usersMigration } from './0002-users';
import { settingsMigration } from './0003-settings';
import { changeRequestsMigration } from './0004-change-requests';
import { reportSnapshotsMigration } from './0005-report-snapshots';
import { tierPolicyVersionsMigration } from './0006-tier-policy-versions';
import { executionLedgerMigration } from './0007-execution-ledger';
import { changePlansMigration } from './0008-change-plans';
import { tierPolicyInForceMigration } from './0009-tier-policy-in-force';
import { changeRollbacksMigration } from './0030-change-rollbacks';
import { webhooksMigration } from './0031-webhooks';
import { changeStagesMigration } from './0050-change-stages';
import { jobFailureBudgetsMigration } from './0055-job-failure-budgets';
import { ledgerUsageMigration } from './0065-ledger-usage';
import { ledgerHoursMigration } from './0066-ledger-hours';

/**
 * Migrations ship in the code, not as files read at run time, so a bundled server has them all.
 * Names sort in the order they run; add one per feature and never edit a shipped one.
 */
export function migrationsFor(dialect: StoreDialect): Record<string, Migration> {
  return {
    '0001_audit_log': auditLogMigration(dialect),
    '0002_users': usersMigration,
    '0003_settings': settingsMigration,
    '0004_change_requests': changeRequestsMigration,
    '0005_report_snapshots': reportSnapshotsMigration(dialect),
    '0006_tier_policy_versions': tierPolicyVersionsMigration,
    '0007_execution_ledger': executionLedgerMigration,
    '0008_change_plans': changePlansMigration,
    '0009_tier_policy_in_force': tierPolicyInForceMigration,
    '0030_change_rollbacks': changeRollbacksMigration,
    '0031_webhooks': webhooksMigration,
    '0050_change_stages': changeStagesMigration,
    '0055_job_failure_budgets': jobFailureBudgetsMigration,
    '0065_ledger_usage': ledgerUsageMigration,
    '0066_ledger_hours': ledgerHoursMigration,
  };
}

export class InCodeMigrationProvider implements MigrationProvider {
  constructor(private readonly dialect: StoreDialect) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    return migrationsFor(this.dialect);
  }
}
