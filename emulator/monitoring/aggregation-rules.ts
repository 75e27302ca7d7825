import type { SimMetricKind, SimValueType } from '../world/types';

/** The aligners and reducers the emulator serves, named as in google.monitoring.v3.Aggregation. */
export const ALIGNERS = [
  'ALIGN_NONE',
  'ALIGN_DELTA',
  'ALIGN_SUM',
  'ALIGN_MEAN',
  'ALIGN_MAX',
  'ALIGN_MIN',
  'ALIGN_COUNT',
  'ALIGN_PERCENTILE_99',
  'ALIGN_PERCENTILE_95',
  'ALIGN_PERCENTILE_50',
  'ALIGN_PERCENTILE_05',
] as const;
export type Aligner = (typeof ALIGNERS)[number];

export const REDUCERS = [
  'REDUCE_NONE',
  'REDUCE_SUM',
  'REDUCE_MEAN',
  'REDUCE_MAX',
  'REDUCE_MIN',
  'REDUCE_COUNT',
  'REDUCE_PERCENTILE_99',
  'REDUCE_PERCENTILE_95',
  'REDUCE_PERCENTILE_50',
  'REDUCE_PERCENTILE_05',
] as const;
export type Reducer = (typeof REDUCERS)[number];

/** A request's aggregation that Cloud Monitoring would refuse; maps to INVALID_ARGUMENT. */
export class AggregationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AggregationError';
  }
}

export interface ValueShape {
  readonly metricKind: SimMetricKind;
  readonly valueType: SimValueType;
}

interface Rule {
  readonly kinds: readonly SimMetricKind[];
  readonly types: readonly SimValueType[];
  readonly output: (input: ValueShape) => ValueShape;
}

const NUMERIC: readonly SimValueType[] = ['DOUBLE', 'INT64'];
const NUMERIC_OR_DISTRIBUTION: readonly SimValueType[] = ['DOUBLE', 'INT64', 'DISTRIBUTION'];
const GAUGE_OR_DELTA: readonly SimMetricKind[] = ['GAUGE', 'DELTA'];
const same = (input: ValueShape): ValueShape => input;
const gaugeOf =
  (valueType?: SimValueType) =>
  (input: ValueShape): ValueShape => ({
    metricKind: 'GAUGE',
    valueType: valueType ?? input.valueType,
  });
const percentileRule: Rule = {
  kinds: GAUGE_OR_DELTA,
  types: ['DISTRIBUTION'],
  output: gaugeOf('DOUBLE'),
};

// Validity and output shapes as google/monitoring/v3/common.proto documents each aligner. The kind
// of ALIGN_COUNT's output is not documented; like the other summarising aligners it is a GAUGE.
const ALIGNER_RULES: Record<Exclude<Aligner, 'ALIGN_NONE'>, Rule> = {
  ALIGN_DELTA: {
    kinds: ['DELTA', 'CUMULATIVE'],
    types: NUMERIC_OR_DISTRIBUTION,
    output: (input) => ({ metricKind: 'DELTA', valueType: input.valueType }),
  },
  ALIGN_SUM: { kinds: GAUGE_OR_DELTA, types: NUMERIC_OR_DISTRIBUTION, output: same },
  ALIGN_MEAN: { kinds: GAUGE_OR_DELTA, types: NUMERIC, output: gaugeOf('DOUBLE') },
  ALIGN_MAX: { kinds: GAUGE_OR_DELTA, types: NUMERIC, output: gaugeOf() },
  ALIGN_MIN: { kinds: GAUGE_OR_DELTA, types: NUMERIC, output: gaugeOf() },
  ALIGN_COUNT: { kinds: GAUGE_OR_DELTA, types: NUMERIC, output: gaugeOf('INT64') },
  ALIGN_PERCENTILE_99: percentileRule,
  ALIGN_PERCENTILE_95: percentileRule,
  ALIGN_PERCENTILE_50: percentileRule,
  ALIGN_PERCENTILE_05: percentileRule,
};

// Reducers combine series at the same aligned instant, so they keep the aligned kind; only the
// value type changes, as common.proto documents each reducer.
const keepKind =
  (valueType?: SimValueType) =>
  (input: ValueShape): ValueShape => ({
    metricKind: input.metricKind,
    valueType: valueType ?? input.valueType,
  });
const reducerPercentile: Rule = {
  kinds: GAUGE_OR_DELTA,
  types: NUMERIC_OR_DISTRIBUTION,
  output: keepKind('DOUBLE'),
};
const REDUCER_RULES: Record<Exclude<Reducer, 'REDUCE_NONE'>, Rule> = {
  REDUCE_SUM: { kinds: GAUGE_OR_DELTA, types: NUMERIC_OR_DISTRIBUTION, output: keepKind() },
  REDUCE_MEAN: {
    kinds: GAUGE_OR_DELTA,
    types: NUMERIC_OR_DISTRIBUTION,
    output: keepKind('DOUBLE'),
  },
  REDUCE_MAX: { kinds: GAUGE_OR_DELTA, types: NUMERIC, output: keepKind() },
  REDUCE_MIN: { kinds: GAUGE_OR_DELTA, types: NUMERIC, output: keepKind() },
  REDUCE_COUNT: {
    kinds: GAUGE_OR_DELTA,
    types: NUMERIC_OR_DISTRIBUTION,
    output: keepKind('INT64'),
  },
  REDUCE_PERCENTILE_99: reducerPercentile,
  REDUCE_PERCENTILE_95: reducerPercentile,
  REDUCE_PERCENTILE_50: reducerPercentile,
  REDUCE_PERCENTILE_05: reducerPercentile,
};

function applyRule(field: string, name: string, rule: Rule, input: ValueShape): ValueShape {
  if (!rule.kinds.includes(input.metricKind) || !rule.types.includes(input.valueType)) {
    const what = field === 'perSeriesAligner' ? 'aligner' : 'reducer';
    throw new AggregationError(
      `Field aggregation.${field} had an invalid value of "${name}": the ${what} cannot be applied ` +
        `to metrics with kind ${input.metricKind} and value type ${input.valueType}.`,
    );
  }
  return rule.output(input);
}

/** The kind and value type an aligner produces from a metric, or an AggregationError. */
export function alignedShape(aligner: Aligner, input: ValueShape): ValueShape {
  if (aligner === 'ALIGN_NONE') return input;
  return applyRule('perSeriesAligner', aligner, ALIGNER_RULES[aligner], input);
}

/** The kind and value type a reducer produces from aligned series, or an AggregationError. */
export function reducedShape(reducer: Reducer, aligned: ValueShape): ValueShape {
  if (reducer === 'REDUCE_NONE') return aligned;
  return applyRule('crossSeriesReducer', reducer, REDUCER_RULES[reducer], aligned);
}

export type GroupByField =
  | { readonly kind: 'resourceLabel'; readonly key: string }
  | { readonly kind: 'metricLabel'; readonly key: string }
  | { readonly kind: 'resourceType' };

/** `metric.label.KEY`, `metric.labels.KEY`, `resource.label.KEY`, `resource.labels.KEY`, `resource.type`. */
export function parseGroupByField(field: string): GroupByField {
  if (field === 'resource.type') return { kind: 'resourceType' };
  const match = /^(resource|metric)\.labels?\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(field);
  if (!match) {
    throw new AggregationError(
      `Field aggregation.groupByFields had an invalid value of "${field}": use metric.label.KEY, ` +
        'resource.label.KEY or resource.type.',
    );
  }
  const key = match[2] as string;
  return match[1] === 'resource' ? { kind: 'resourceLabel', key } : { kind: 'metricLabel', key };
}

/** Percent for the percentile aligners and reducers, undefined for the others. */
export function percentOf(name: Aligner | Reducer): number | undefined {
  const match = /_PERCENTILE_(\d\d)$/.exec(name);
  return match ? Number(match[1]) : undefined;
}
