/**
 * Shared-report exports at scale: a snapshot with 1M per-execution rows is written to a fresh
 * SQLite store, then streamed back as CSV. Peak RSS while streaming, against the RSS before it,
 * shows the export holds one chunk at a time rather than the whole file.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EXECUTION_COLUMNS } from '@/lib/snapshots/execution-rows';
import { executionsCsv } from '@/lib/snapshots/exports';
import { newSnapshotId } from '@/lib/snapshots/ids';
import { insertSnapshot, type StoredCells } from '@/lib/snapshots/snapshot-repository';
import { openStore } from '@/lib/store';
import { row, timeMs } from './measure';

const ROWS = 1_000_000;
const MIB = 2 ** 20;
const START_MS = Date.UTC(2025, 3, 20);

/** Plausible rows, a few with formula-like labels so escaping is on the measured path. */
function* rows(count: number): Generator<StoredCells> {
  for (let i = 0; i < count; i += 1) {
    const startMs = START_MS + i * 2_592;
    const tier = ['small', 'medium', 'large', 'xlarge'][i % 4]!;
    yield [
      `reel-stitching-job-${i.toString(36).padStart(5, '0')}`,
      new Date(startMs).toISOString(),
      new Date(startMs + 75_000).toISOString(),
      i % 97 === 0 ? 'failed' : 'succeeded',
      tier,
      i % 1000 === 0 ? '=HYPERLINK("x")' : tier,
      1 + (i % 9),
      12.5 * (1 + (i % 9)),
      2,
      4 * 2 ** 30,
      75,
      i % 97 === 0 ? 4 : 1,
      75.1,
      0.0019828,
      i % 97 === 0 ? 0.0059484 : 0,
      'no',
    ];
  }
}

async function drain(stream: ReadableStream<Uint8Array>, onChunk: () => void): Promise<number> {
  let bytes = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return bytes;
    bytes += value.byteLength;
    onChunk();
  }
}

export async function run(): Promise<void> {
  const folder = await mkdtemp(path.join(tmpdir(), 'tierwise-bench-reports-'));
  const store = await openStore(`file:${path.join(folder, 'bench.db')}`);
  try {
    const id = newSnapshotId();
    const snapshot = {
      id,
      project: 'demo-project',
      region: 'us-central1',
      job: 'reel-stitching-job',
      author: 'bench@tierwise.local',
      created_at: Date.now(),
      expires_at: null,
      document: '{}',
      summary: '{}',
    };
    const write = await timeMs(() =>
      insertSnapshot(store, snapshot, { count: ROWS, cells: rows(ROWS) }),
    );
    row(
      `store ${ROWS.toLocaleString('en-US')} execution rows (SQLite, chunks of 1,000)`,
      `${(write.ms / 1000).toFixed(1)} s`,
    );

    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    let chunks = 0;
    const stream = await timeMs(() =>
      drain(executionsCsv(store, id), () => {
        chunks += 1;
        if (chunks % 25 === 0) peak = Math.max(peak, process.memoryUsage().rss);
      }),
    );
    peak = Math.max(peak, process.memoryUsage().rss);
    row(
      `stream the per-execution CSV (${EXECUTION_COLUMNS.length} columns)`,
      `${(stream.ms / 1000).toFixed(1)} s`,
    );
    row('CSV size', `${(stream.value / MIB).toFixed(0)} MiB`);
    row('RSS before streaming', `${(before / MIB).toFixed(0)} MiB`);
    row('peak RSS while streaming', `${(peak / MIB).toFixed(0)} MiB`);
    row(
      'peak RSS growth while streaming, against the CSV size',
      `${((peak - before) / MIB).toFixed(0)} MiB vs ${(stream.value / MIB).toFixed(0)} MiB`,
    );
  } finally {
    await store.close();
    await rm(folder, { recursive: true, force: true });
  }
}
