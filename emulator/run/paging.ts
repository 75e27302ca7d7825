import { invalidArgument } from './rpc-error';

/** A sort key; items are served in ascending key order, compared element by element. */
export type SortKey = readonly (string | number)[];

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

export function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

interface Cursor {
  parent: string;
  after: SortKey;
}

/**
 * Tokens carry the parent and the key of the last item served, so items added meanwhile (newer
 * executions) neither repeat nor push others off a page.
 */
function encodeToken(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

function decodeToken(token: string, parent: string): SortKey {
  let cursor: unknown;
  try {
    cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    cursor = undefined;
  }
  const valid =
    typeof cursor === 'object' &&
    cursor !== null &&
    typeof (cursor as Cursor).parent === 'string' &&
    Array.isArray((cursor as Cursor).after) &&
    (cursor as Cursor).after.every((k) => typeof k === 'string' || typeof k === 'number');
  if (!valid) {
    throw invalidArgument(`page_token ${JSON.stringify(token)} is not a token this server issued`, [
      {
        field: 'page_token',
        description: 'not a token this server issued; start again without one',
      },
    ]);
  }
  const { parent: issuedFor, after } = cursor as Cursor;
  if (issuedFor !== parent) {
    throw invalidArgument(`page_token was issued for parent ${issuedFor}, not ${parent}`, [
      { field: 'page_token', description: `issued for parent ${issuedFor}` },
    ]);
  }
  return after;
}

export interface PageRequest {
  parent: string;
  pageSize?: number;
  pageToken?: string;
}

export function pageSizeOf(requested: number | undefined): number {
  const size = requested ?? 0;
  if (!Number.isInteger(size) || size < 0) {
    throw invalidArgument(`page_size must be 0 or more, got ${size}`, [
      { field: 'page_size', description: 'must be 0 or more' },
    ]);
  }
  return size === 0 ? DEFAULT_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE);
}

/** Index of the first entry whose key is above `after`, in entries sorted by key. */
function firstAfter(entries: readonly { key: SortKey }[], after: SortKey): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareKeys(entries[mid]?.key ?? [], after) > 0) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** One page of `items` (any order) served in ascending `keyOf` order. */
export function paginate<T>(
  items: readonly T[],
  keyOf: (item: T) => SortKey,
  request: PageRequest,
): { page: T[]; nextPageToken: string } {
  const size = pageSizeOf(request.pageSize);
  const after = request.pageToken ? decodeToken(request.pageToken, request.parent) : undefined;
  const entries = items.map((item) => ({ item, key: keyOf(item) }));
  // Worlds hand executions over already in order: a check is cheaper than a sort.
  const sorted = entries.every(
    (e, i) => i === 0 || compareKeys(entries[i - 1]?.key ?? [], e.key) <= 0,
  );
  if (!sorted) entries.sort((a, b) => compareKeys(a.key, b.key));
  const start = after === undefined ? 0 : firstAfter(entries, after);
  const page = entries.slice(start, start + size);
  const last = page.at(-1);
  const nextPageToken =
    start + size < entries.length && last
      ? encodeToken({ parent: request.parent, after: last.key })
      : '';
  return { page: page.map(({ item }) => item), nextPageToken };
}
