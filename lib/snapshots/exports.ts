/**
 * Snapshot exports. CSV cells go through the report's `csvCell`, which makes formula-like text inert;
 * the per-execution CSV is a pull stream over stored chunks, so a million rows never sit in memory.
 */
import { csvCell, reportToCsv, reportToMarkdown } from '@/lib/domain/report';
import type { Store } from '@/lib/store';
import type { SnapshotDocument } from '@/lib/snapshots/document';
import { EXECUTION_COLUMNS } from '@/lib/snapshots/execution-rows';
import { readSnapshotRows, type StoredCells } from '@/lib/snapshots/snapshot-repository';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
export const MARKDOWN_CONTENT_TYPE = 'text/markdown; charset=utf-8';

export function csvLine(cells: StoredCells | readonly string[]): string {
  return `${cells.map((cell) => csvCell(cell)).join(',')}\r\n`;
}

/** Turns async chunks of rows into a byte stream that produces the next chunk only when read. */
export function csvStream(
  header: readonly string[],
  chunks: AsyncIterable<StoredCells[]>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = chunks[Symbol.asyncIterator]();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvLine(header)));
        return;
      }
      const next = await iterator.next();
      if (next.done) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(next.value.map(csvLine).join('')));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** Every execution of the snapshot, one CSV row each, streamed from the store. */
export function executionsCsv(store: Store, id: string): ReadableStream<Uint8Array> {
  return csvStream(EXECUTION_COLUMNS, readSnapshotRows(store, id));
}

/** One row per tier, unclassified and total. */
export function tiersCsv(document: SnapshotDocument): string {
  return reportToCsv(document.report);
}

/** A summary to paste into a ticket, with the link and when and by whom it was taken. */
export function snapshotMarkdown(document: SnapshotDocument, origin = ''): string {
  const taken = document.takenAtIso.replace('T', ' ').slice(0, 16);
  return (
    `Shared report ${origin}${document.url}, taken ${taken} UTC by ${document.takenBy}.\n\n` +
    reportToMarkdown(document.report)
  );
}

export function csvFileName(document: SnapshotDocument, kind: 'tiers' | 'executions'): string {
  const day = document.takenAtIso.slice(0, 10);
  return `${document.report.inputs.job}-${day}-${kind}.csv`;
}
