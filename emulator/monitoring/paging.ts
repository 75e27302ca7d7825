import { createHash } from 'node:crypto';
import type { ResultSeries } from './aggregate';

/** ListTimeSeries' default and largest page: 100,000 points (FULL) or series (HEADERS). */
export const MAX_PAGE_SIZE = 100_000;

/** A page token that this service did not issue, or issued for another request. */
export class PageTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PageTokenError';
  }
}

/** Where the next page starts: a series index and a point index inside it. */
export interface Cursor {
  readonly series: number;
  readonly point: number;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

/** A short digest of everything in a request that shapes the answer (not its paging fields). */
export function requestFingerprint(request: Readonly<Record<string, unknown>>): string {
  const { pageToken: _token, pageSize: _size, ...rest } = request;
  void _token;
  void _size;
  return createHash('sha256')
    .update(JSON.stringify(canonical(rest)))
    .digest('hex')
    .slice(0, 16);
}

export function encodePageToken(fingerprint: string, cursor: Cursor): string {
  return Buffer.from(
    JSON.stringify({ f: fingerprint, s: cursor.series, p: cursor.point }),
  ).toString('base64url');
}

const isIndex = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

export function decodePageToken(token: string, fingerprint: string): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const fields = parsed as { f?: unknown; s?: unknown; p?: unknown } | undefined;
  if (!fields || typeof fields.f !== 'string' || !isIndex(fields.s) || !isIndex(fields.p)) {
    throw new PageTokenError(
      'page_token is not a token this service issued; pass next_page_token from the previous page',
    );
  }
  if (fields.f !== fingerprint) {
    throw new PageTokenError(
      'page_token was issued for a different request; repeat the same name, filter, interval, ' +
        'aggregation and view when asking for the next page',
    );
  }
  return { series: fields.s, point: fields.p };
}

/** The page size in force: 0 means the maximum, and larger requests are capped at it. */
export function effectivePageSize(pageSize: number): number {
  return pageSize <= 0 ? MAX_PAGE_SIZE : Math.min(pageSize, MAX_PAGE_SIZE);
}

export interface Page {
  readonly series: ResultSeries[];
  readonly next?: Cursor;
}

/**
 * Cuts one page from the answer. With `countPoints` a page holds `pageSize` points and may end
 * inside a series, whose header then starts the next page again with the remaining points;
 * otherwise (the HEADERS view) it holds `pageSize` series.
 */
export function takePage(
  all: readonly ResultSeries[],
  start: Cursor,
  pageSize: number,
  countPoints: boolean,
): Page {
  const series: ResultSeries[] = [];
  let budget = pageSize;
  let s = start.series;
  let p = start.point;
  while (s < all.length && budget > 0) {
    const current = all[s] as ResultSeries;
    const remaining = current.points.length - p;
    const take = countPoints ? Math.min(remaining, budget) : remaining;
    series.push({ ...current, points: current.points.slice(p, p + take) });
    budget -= countPoints ? take : 1;
    if (take >= remaining) {
      s++;
      p = 0;
    } else {
      p += take;
    }
  }
  return s < all.length ? { series, next: { series: s, point: p } } : { series };
}
