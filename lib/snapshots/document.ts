/** The frozen document a snapshot serves, and the short summary other features link to. */
import type { JobReport } from '@/lib/domain/report';

export const SNAPSHOT_SCHEMA_VERSION = 1;

export interface SnapshotDocument {
  readonly snapshotSchemaVersion: typeof SNAPSHOT_SCHEMA_VERSION;
  readonly id: string;
  readonly url: string;
  readonly takenAtMs: number;
  readonly takenAtIso: string;
  /** Email of who shared it. */
  readonly takenBy: string;
  readonly expiresAtMs: number | null;
  /** Every input (project, job, absolute window, policy, price book with its as-of date, objective) and output. */
  readonly report: JobReport;
}

export type SnapshotStatus = 'active' | 'revoked' | 'expired';

export interface SnapshotSummary {
  readonly id: string;
  readonly url: string;
  readonly project: string;
  readonly region: string;
  readonly job: string;
  readonly takenAtMs: number;
  readonly takenBy: string;
  readonly windowStartIso: string;
  readonly windowEndIso: string;
  readonly days: number;
  readonly priceBook: { readonly id: string; readonly label: string; readonly asOf: string };
  readonly executions: number;
  readonly costUsd: number;
  readonly wasteUsd: number;
  readonly status: SnapshotStatus;
}

export function snapshotUrl(id: string): string {
  return `/r/${id}`;
}

export function summarise(document: SnapshotDocument): Omit<SnapshotSummary, 'status'> {
  const { report } = document;
  const { inputs } = report;
  return {
    id: document.id,
    url: document.url,
    project: inputs.project,
    region: inputs.region,
    job: inputs.job,
    takenAtMs: document.takenAtMs,
    takenBy: document.takenBy,
    windowStartIso: inputs.window.startIso,
    windowEndIso: inputs.window.endIso,
    days: inputs.window.days,
    priceBook: {
      id: inputs.priceBook.id,
      label: inputs.priceBook.label,
      asOf: inputs.priceBook.asOf,
    },
    executions: report.totals.executions,
    costUsd: report.totals.costUsd,
    wasteUsd: report.totals.wasteUsd,
  };
}
