import { renderToReadableStream } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { JobRow, OverviewStream, ProjectOverview } from '@/lib/data/overview';
import { StreamedJobs } from './project-overview';

const rowOf = (job: string, costUsd: number): JobRow => ({
  job,
  project: 'tierwise-demo',
  region: 'us-central1',
  vcpu: 1,
  memoryBytes: 2 ** 30,
  timeoutSeconds: 300,
  executions: 20,
  costUsd,
  failureCostUsd: 0,
  wasteUsd: costUsd / 2,
  monthlySavingUsd: costUsd / 4,
  costByDay: [],
  verdicts: [],
  problem: null,
  partial: false,
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** What the stream sends until `until` appears in it (or it ends). */
async function readUntil(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  until: string,
): Promise<string> {
  let text = '';
  while (!text.includes(until)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  return text;
}

describe('the streamed jobs table', () => {
  it('shows each batch as soon as it is read, and what is still syncing until then', async () => {
    const fresh = deferred<readonly JobRow[]>();
    const synced = deferred<readonly JobRow[]>();
    const stream: OverviewStream = {
      head: {
        project: 'tierwise-demo',
        region: 'us-central1',
        regions: ['us-central1'],
        projects: ['tierwise-demo'],
        startMs: 0,
        endMs: 7 * 86_400_000,
        days: 7,
        priceBook: {} as ProjectOverview['priceBook'],
        jobs: 11,
      },
      batches: [
        { jobs: 3, syncing: false, rows: fresh.promise },
        { jobs: 8, syncing: true, rows: synced.promise },
      ],
      complete: new Promise(() => {}),
    };
    const reader = (
      await renderToReadableStream(<StreamedJobs stream={stream} query="" />)
    ).getReader();
    const shell = await readUntil(reader, 'more jobs…');
    expect(shell).toContain('Reading 3 jobs from the execution ledger…');
    expect(shell).toContain('Syncing the execution ledger of 8 more jobs…');
    expect(shell).not.toContain('data-job=');
    fresh.resolve([rowOf('a-job', 4), rowOf('b-job', 2), rowOf('c-job', 1)]);
    const firstRows = await readUntil(reader, 'c-job');
    expect(firstRows.match(/data-job="[a-c]-job"/g)).toHaveLength(3);
    expect(firstRows).not.toContain('d-job');
    synced.resolve([rowOf('d-job', 3)]);
    expect(await readUntil(reader, 'data-job="d-job"')).toContain('data-job="d-job"');
  });
});
