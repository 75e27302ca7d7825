/**
 * Ledger rows ⇄ the plain records lib/gcp reads. Records are stored whole as JSON and checked with
 * zod when read, so a hand-edited row fails with a CorruptRowError naming it instead of a wrong report.
 */
import { z } from 'zod';
import {
  EXECUTION_STATUSES,
  TASK_OUTCOMES,
  type ExecutionRecord,
  type TaskRecord,
} from '@/lib/domain/records';
import { parseJsonColumn, toJsonText } from '@/lib/store/json';
import type { LedgerExecutionsTable } from './tables';

const optionalNumber = z.number().optional();

const payloadSchema = z.union([
  z.object({ state: z.literal('ok'), raw: z.string(), value: z.unknown() }),
  z.object({ state: z.literal('unreadable'), raw: z.string(), reason: z.string() }),
  z.object({ state: z.literal('absent') }),
]);

const executionSchema = z.object({
  fullName: z.string(),
  project: z.string(),
  region: z.string(),
  id: z.string(),
  job: z.string(),
  createMs: z.number(),
  startMs: optionalNumber,
  completionMs: optionalNumber,
  durationSeconds: optionalNumber,
  status: z.enum(EXECUTION_STATUSES),
  taskCount: z.number(),
  runningCount: z.number(),
  succeededCount: z.number(),
  failedCount: z.number(),
  retriedCount: z.number(),
  cancelledCount: z.number(),
  limits: z.object({
    vcpu: z.number(),
    memoryBytes: z.number(),
    timeoutSeconds: z.number(),
    maxRetries: z.number(),
  }),
  // Other containers, billed with the main one; absent in rows written before sidecars were read.
  sidecars: z
    .array(z.object({ name: z.string(), vcpu: z.number(), memoryBytes: z.number() }))
    .optional(),
  payload: payloadSchema,
});

const tasksSchema = z.array(
  z.object({
    fullName: z.string(),
    execution: z.string(),
    index: z.number(),
    attempts: z.number(),
    lastExitCode: optionalNumber,
    lastTermSignal: optionalNumber,
    lastOutcome: z.enum(TASK_OUTCOMES),
    startMs: optionalNumber,
    completionMs: optionalNumber,
  }),
);

export function executionRow(
  execution: ExecutionRecord,
  tasks: readonly TaskRecord[] | undefined,
  syncedAtMs: number,
): LedgerExecutionsTable {
  return {
    project: execution.project,
    region: execution.region,
    job: execution.job,
    id: execution.id,
    create_ms: execution.createMs,
    completion_ms: execution.completionMs ?? null,
    status: execution.status,
    record: toJsonText(execution),
    tasks: tasks === undefined ? null : toJsonText(tasks),
    synced_at: syncedAtMs,
    attributed_ms: null,
  };
}

type StoredRow = Pick<LedgerExecutionsTable, 'job' | 'id' | 'record' | 'tasks'>;

export function recordsOfRow(row: StoredRow): {
  execution: ExecutionRecord;
  tasks: readonly TaskRecord[] | undefined;
} {
  const where = { table: 'ledger_executions', rowKey: `${row.job}/${row.id}` };
  const execution = parseJsonColumn(executionSchema, row.record, { ...where, column: 'record' });
  const tasks =
    row.tasks === null
      ? undefined
      : parseJsonColumn(tasksSchema, row.tasks, { ...where, column: 'tasks' });
  return { execution: execution as ExecutionRecord, tasks: tasks as TaskRecord[] | undefined };
}
