import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { BatchDraft, BatchRowDraft } from '@/lib/changes/plans/batch-draft';
import { BatchForm } from './batch-form';

const current = { cpu: '2', memory: '4Gi', timeoutSeconds: 900, maxRetries: 2 };

function row(id: string, patch: Partial<BatchRowDraft> = {}): BatchRowDraft {
  return {
    id,
    label: id[0]!.toUpperCase() + id.slice(1),
    job: `reel-stitching-job-${id}`,
    executions: 120,
    current,
    recommended: { ...current, memory: '2Gi' },
    projections: [
      {
        vcpu: 2,
        memoryBytes: 2 * 2 ** 30,
        timeoutSeconds: 600,
        maxRetries: 3,
        p95Seconds: 61.4,
        monthlyCostUsd: 12.5,
        oomProbability: 0.001,
        timeoutProbability: 0,
      },
    ],
    problem: null,
    reportError: null,
    ...patch,
  };
}

const draft: BatchDraft = {
  place: { project: 'demo-project', region: 'europe-west1' },
  rows: [
    row('small'),
    row('medium', { recommended: current }),
    row('large', { current: null, recommended: null, problem: 'There is no Cloud Run job.' }),
  ],
  withoutJob: ['Extra large'],
};

const html = renderToStaticMarkup(<BatchForm draft={draft} />);
const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('BatchForm', () => {
  it('prefills each tier job row from its recommendation, with the projection at that vCPU', () => {
    expect(html).toMatch(
      /<input id="batch-items\.0\.memory"[^>]* name="items\.0\.memory" value="2Gi"/,
    );
    expect(html).toMatch(/<label for="batch-items\.0\.cpu"[^>]*>Small CPU \(vCPU\)/);
    expect(text).toContain('$12.50 a month · p95 61 s · OOM 0.1% · timeout 0%');
    expect(text).toContain('reel-stitching-job-small · 120 executions, recommended limits');
  });

  it('ticks a row only when it would change something and its job could be read', () => {
    const boxes = [...html.matchAll(/<input id="batch-items\.(\d)\.include"[^>]*>/g)];
    expect(boxes.map((box) => [box[1], /checked/.test(box[0]), /disabled/.test(box[0])])).toEqual([
      ['0', true, false],
      ['1', false, false],
      ['2', false, true],
    ]);
    expect(text).toContain('There is no Cloud Run job.');
  });

  it('names the tiers it cannot reach and offers one submit for all', () => {
    expect(text).toContain('Extra large has no job of its own in the tier policy');
    expect(text).toContain('Dry run and propose every tier');
    expect(html.match(/type="submit"/g)).toHaveLength(1);
  });

  it("sends the tier jobs' project and region with the proposal", () => {
    expect(html).toMatch(/<input type="hidden" name="project" value="demo-project"\/>/);
    expect(html).toMatch(/<input type="hidden" name="region" value="europe-west1"\/>/);
  });
});
