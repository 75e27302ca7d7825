/** How many figures came from each attribution source, and the share of each. */
import { ATTRIBUTION_SOURCES, type AttributionSource } from './attribute';

export type SourceCounts = Record<AttributionSource, number>;
export type SourceShares = {
  readonly counts: SourceCounts;
  /** Fractions 0–1 of `total`; all zero when there are no executions. */
  readonly shares: SourceCounts;
  readonly total: number;
};

export function emptySourceCounts(): SourceCounts {
  return { exact: 0, sliced: 0, ambiguous: 0, missing: 0 };
}

export function sourceShares(counts: SourceCounts): SourceShares {
  const total = ATTRIBUTION_SOURCES.reduce((sum, source) => sum + counts[source], 0);
  const shares = emptySourceCounts();
  for (const source of ATTRIBUTION_SOURCES)
    shares[source] = total === 0 ? 0 : counts[source] / total;
  return { counts: { ...counts }, shares, total };
}
