import { describe, expect, it } from 'vitest';
import { FilterSyntaxError, parseFilter, type SeriesIdentity } from './filter';

const CPU = 'run.googleapis.com/container/cpu/utilizations';

const smallJob: SeriesIdentity = {
  resourceType: 'cloud_run_job',
  resourceLabels: { project_id: 'demo', job_name: 'reel-small', location: 'us-central1' },
  metricLabels: {},
};
const failedCount: SeriesIdentity = {
  resourceType: 'cloud_run_job',
  resourceLabels: { project_id: 'demo', job_name: 'reel-large', location: 'us-central1' },
  metricLabels: { result: 'failed' },
};

describe('parseFilter: accepted forms', () => {
  it.each([
    [`metric.type = "${CPU}"`, true, true],
    [`metric.type="${CPU}"`, true, true],
    [`  metric.type   =   "${CPU}"  `, true, true],
    [`metric.type = "${CPU}" AND resource.type = "cloud_run_job"`, true, true],
    [`resource.type = "cloud_run_job" AND metric.type = "${CPU}"`, true, true],
    [`metric.type = "${CPU}" AND resource.labels.job_name = "reel-small"`, true, false],
    [`metric.type = "${CPU}" AND resource.label.job_name = "reel-small"`, true, false],
    [`metric.type = "${CPU}" AND resource.labels.job_name != "reel-small"`, false, true],
    [`metric.type = "${CPU}" AND metric.labels.result = "failed"`, false, true],
    [`metric.type = "${CPU}" AND metric.label.result = "failed"`, false, true],
    [`metric.type = "${CPU}" AND metric.labels.result != "failed"`, true, false],
    [`metric.type = "${CPU}" resource.labels.job_name = "reel-large"`, false, true],
    [`metric.type = "${CPU}" AND project = "demo"`, true, true],
    [`metric.type = "${CPU}" AND project = "other"`, false, false],
    [`metric.type = "${CPU}" AND resource.type = "gce_instance"`, false, false],
    [`metric.type = "${CPU}" AND resource.labels.job_name = "say \\"hi\\""`, false, false],
  ])('%s', (filter, matchesSmall, matchesFailed) => {
    const parsed = parseFilter(filter);
    expect(parsed.metricType).toBe(CPU);
    expect(parsed.matches(smallJob)).toBe(matchesSmall);
    expect(parsed.matches(failedCount)).toBe(matchesFailed);
  });

  it('reads escaped quotes inside a string literal', () => {
    const parsed = parseFilter(`metric.type = "${CPU}" AND metric.labels.note = "a \\"b\\""`);
    expect(parsed.matches({ ...smallJob, metricLabels: { note: 'a "b"' } })).toBe(true);
  });
});

describe('parseFilter: rejected forms', () => {
  const type = `metric.type = "${CPU}"`;
  // Each row: the filter, the text the error must point at (its last occurrence), the reason.
  it.each([
    ['', '', 'expected a comparison'],
    ['   ', '', 'expected a comparison'],
    ['resource.type = "cloud_run_job"', 'resource.type', 'must name one metric type'],
    [`${type} AND metric.type = "other"`, 'metric.type', 'exactly one metric type'],
    [`metric.type != "${CPU}"`, 'metric.type', 'metric.type must be compared with ='],
    [`${type} OR resource.type = "x"`, 'OR', 'OR is not supported'],
    [`NOT ${type}`, 'NOT', 'NOT is not supported'],
    [`${type} AND NOT resource.type = "x"`, 'NOT', 'NOT is not supported'],
    [`${type} AND`, 'AND', 'AND must be followed by a comparison'],
    [`AND ${type}`, 'AND ', 'AND must join two comparisons'],
    [`(${type})`, '(', 'parentheses are not supported'],
    [`${type} AND resource.labels.job_name : "reel"`, ':', 'has operator ":" is not supported'],
    [`${type} AND resource.labels.job_name > "reel"`, '>', 'operator ">" is not supported'],
    [`${type} AND resource.labels.job_name >= "reel"`, '>=', 'operator ">=" is not supported'],
    [`${type} AND resource.labels.job_name < "reel"`, '<', 'operator "<" is not supported'],
    [
      `${type} AND resource.labels.job_name = starts_with("reel")`,
      'starts_with',
      'starts_with(…) are not supported',
    ],
    [`${type} AND resource.labels.job_name = reel`, 'reel', 'expected a string in double quotes'],
    [`${type} AND resource.labels.job_name = "reel`, '"reel', 'unterminated string'],
    [`metric.type = "${CPU}`, '"', 'unterminated string'],
    [`${type} AND resource.zone = "x"`, 'resource.zone', 'unknown field "resource.zone"'],
    [`${type} AND metric.kind = "DELTA"`, 'metric.kind', 'unknown field "metric.kind"'],
    [`${type} AND resource.labels. = "x"`, 'resource.labels.', 'unknown field'],
    [
      `${type} AND resource.labels.job-name = "x"`,
      'resource.labels',
      '"job-name" is not a valid label key',
    ],
    [`${type} AND resource.labels.job_name "x"`, '"x"', 'expected = or != after'],
    [`${type} AND "x" = "y"`, '"x"', 'expected a field name'],
    [`${type} AND resource.labels.job_name = "x" ;`, ';', "unexpected character ';'"],
  ])('%j → points at %j', (filter, marker, reason) => {
    const position = filter.lastIndexOf(marker) + 1;
    let caught: unknown;
    try {
      parseFilter(filter);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FilterSyntaxError);
    const error = caught as FilterSyntaxError;
    expect(error.message).toContain(reason);
    expect(error.position).toBe(position);
    expect(error.message).toContain(`at character ${position}:`);
  });
});
