/**
 * Stored per-execution CPU and memory ⇄ the domain's ExecutionAttribution. A row whose source is
 * not one the domain knows fails with a CorruptRowError naming it instead of a wrong report.
 */
import { ATTRIBUTION_SOURCES, type AttributionSource } from '@/lib/domain/attribution';
import type { ExecutionAttribution } from '@/lib/domain/attribution';
import type { ExecutionRecord } from '@/lib/domain/records';
import { CorruptRowError } from '@/lib/store/errors';
import type { Store } from '@/lib/store';
import { ledgerDb, ofJob, type LedgerJobRef, type LedgerUsageTable } from './tables';

export function usageRow(
  execution: ExecutionRecord,
  attribution: ExecutionAttribution,
  reading: { readonly attributedAtMs: number; readonly unusableValues: number },
): LedgerUsageTable {
  return {
    project: execution.project,
    region: execution.region,
    job: execution.job,
    id: execution.id,
    create_ms: execution.createMs,
    cpu_utilisation: attribution.cpuUtilisation ?? null,
    cpu_source: attribution.cpuSource,
    peak_memory_fraction: attribution.peakMemoryFraction ?? null,
    peak_memory_bytes: attribution.peakMemoryBytes ?? null,
    memory_source: attribution.memorySource,
    unusable_values: reading.unusableValues,
    attributed_at: reading.attributedAtMs,
  };
}

type StoredUsage = Omit<
  LedgerUsageTable,
  'project' | 'region' | 'create_ms' | 'attributed_at' | 'unusable_values'
>;

export interface LedgerUsage {
  /** The stored attribution of each execution, by short id. */
  readonly figures: ReadonlyMap<string, ExecutionAttribution>;
  /** How many of them were attributed from a reading in which Google sent unusable values. */
  readonly fromPartialReadings: number;
}

function sourceOf(row: StoredUsage, column: 'cpu_source' | 'memory_source'): AttributionSource {
  const value = row[column];
  if ((ATTRIBUTION_SOURCES as readonly string[]).includes(value)) return value as AttributionSource;
  throw new CorruptRowError(
    'ledger_usage',
    `${row.job}/${row.id}`,
    column,
    `"${value}" is not one of ${ATTRIBUTION_SOURCES.join(', ')}`,
  );
}

// PostgreSQL returns double precision as numbers; a null stays "no figure".
const figure = (value: number | string | null): number | undefined =>
  value === null ? undefined : Number(value);

export function attributionOfRow(row: StoredUsage): ExecutionAttribution {
  return {
    cpuUtilisation: figure(row.cpu_utilisation),
    cpuSource: sourceOf(row, 'cpu_source'),
    peakMemoryFraction: figure(row.peak_memory_fraction),
    peakMemoryBytes: figure(row.peak_memory_bytes),
    memorySource: sourceOf(row, 'memory_source'),
  };
}

/** The stored attribution of the job's executions created in [sinceMs, untilMs). */
export async function readUsage(
  store: Store,
  ref: LedgerJobRef,
  window: { readonly sinceMs: number; readonly untilMs: number },
): Promise<LedgerUsage> {
  const rows = await ledgerDb(store)
    .selectFrom('ledger_usage')
    .select([
      'job',
      'id',
      'cpu_utilisation',
      'cpu_source',
      'peak_memory_fraction',
      'peak_memory_bytes',
      'memory_source',
      'unusable_values',
    ])
    .where((eb) => eb.and(ofJob(ref)))
    .where('create_ms', '>=', window.sinceMs)
    .where('create_ms', '<', window.untilMs)
    .execute();
  return {
    figures: new Map(rows.map((row) => [row.id, attributionOfRow(row)])),
    fromPartialReadings: rows.filter((row) => Number(row.unusable_values) > 0).length,
  };
}
