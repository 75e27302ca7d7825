/**
 * The three export formats, checked against what their tools accept:
 * - gcloud: the flags of https://cloud.google.com/sdk/gcloud/reference/run/jobs/update, the line
 *   split into words by a real POSIX shell;
 * - Terraform: the `google_cloud_run_v2_job` nesting of
 *   https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/cloud_run_v2_job ;
 * - YAML: the v1 Job of https://cloud.google.com/run/docs/reference/rest/v1/namespaces.jobs , built
 *   from a recorded v2 GetJob answer (lib/gcp/__fixtures__/job.json).
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { protos } from '@google-cloud/run';
import recordedJob from '@/test/fixtures/gcp/job.json';
import { knativeJobOf } from '@/lib/gcp';
import { withLimits } from '@/lib/gcp/job-limits';
import type { ResourceLimits } from '@/lib/domain/records';
import { gcloudUpdateCommand } from './gcloud';
import { hclString, resourceLabel, terraformJobBlock } from './terraform';
import { jobYaml } from './yaml';

const GiB = 2 ** 30;
const limits: ResourceLimits = {
  vcpu: 4,
  memoryBytes: 6 * GiB,
  timeoutSeconds: 1200,
  maxRetries: 1,
};
const target = { project: 'phoenix-project-386', region: 'us-central1', job: 'reel-stitching-job' };

/** The words a POSIX shell makes of the line (printf prints each argument NUL-terminated). */
function shellWords(line: string): string[] {
  const out = execFileSync('sh', ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

/** Flags `gcloud run jobs update` documents, plus the gcloud-wide --project. */
const UPDATE_FLAGS = new Set(['region', 'project', 'cpu', 'memory', 'task-timeout', 'max-retries']);

function parseUpdate(words: string[]) {
  expect(words.slice(0, 4)).toEqual(['gcloud', 'run', 'jobs', 'update']);
  const positional = words.slice(4).filter((word) => !word.startsWith('--'));
  const flags = new Map<string, string>();
  for (const word of words.slice(4).filter((each) => each.startsWith('--'))) {
    const match = /^--([a-z-]+)=(.*)$/s.exec(word);
    expect(match, word).not.toBeNull();
    const [, name = '', value = ''] = match ?? [];
    expect(UPDATE_FLAGS.has(name), `--${name} is a flag of gcloud run jobs update`).toBe(true);
    expect(flags.has(name), `--${name} once`).toBe(false);
    flags.set(name, value);
  }
  return { positional, flags };
}

describe('gcloud run jobs update line', () => {
  it('names the job, region and project and sets every limit in gcloud value forms', () => {
    const line = gcloudUpdateCommand(target, limits);
    const { positional, flags } = parseUpdate(shellWords(line));
    expect(positional).toEqual(['reel-stitching-job']);
    expect(Object.fromEntries(flags)).toEqual({
      region: 'us-central1',
      project: 'phoenix-project-386',
      cpu: '4',
      memory: '6Gi',
      'task-timeout': '1200s',
      'max-retries': '1',
    });
  });

  it('quotes values so the shell hands them over as one word each, unexpanded', () => {
    const hostile = { project: "p'1 $(rm -rf x)", region: 'us central1', job: 'job;ls' };
    const line = gcloudUpdateCommand(hostile, { ...limits, vcpu: 0.5, memoryBytes: 1.5 * GiB });
    const { positional, flags } = parseUpdate(shellWords(line));
    expect(positional).toEqual(['job;ls']);
    expect(flags.get('project')).toBe("p'1 $(rm -rf x)");
    expect(flags.get('region')).toBe('us central1');
    expect(flags.get('cpu')).toBe('500m');
    expect(flags.get('memory')).toBe('1536Mi');
  });
});

describe('Terraform block', () => {
  it('is a google_cloud_run_v2_job resource naming the job, location, project and limits', () => {
    const block = terraformJobBlock({ ...target, image: 'us-docker.pkg.dev/x/y:1' }, limits);
    expect(block).toMatch(/^resource "google_cloud_run_v2_job" "reel-stitching-job" \{$/m);
    expect(block).toMatch(/^ {2}name {5}= "reel-stitching-job"$/m);
    expect(block).toMatch(/^ {2}location = "us-central1"$/m);
    expect(block).toMatch(/^ {2}project {2}= "phoenix-project-386"$/m);
    expect(block).toMatch(/^ {6}timeout {5}= "1200s"$/m);
    expect(block).toMatch(/^ {6}max_retries = 1$/m);
    expect(block).toMatch(/^ {12}cpu {4}= "4"$/m);
    expect(block).toMatch(/^ {12}memory = "6Gi"$/m);
    expect(block).toMatch(/^ {8}image = "us-docker.pkg.dev\/x\/y:1"$/m);
    // Braces balance and the nesting is template > template > containers > resources.
    const opens = block.match(/\{/g)?.length ?? 0;
    expect(block.match(/\}/g)?.length).toBe(opens);
    expect(block.indexOf('template {')).toBeLessThan(block.indexOf('containers {'));
    expect(block.indexOf('containers {')).toBeLessThan(block.indexOf('resources {'));
  });

  it.each([
    ['a"b', '"a\\"b"'],
    ['${var.x}', '"$${var.x}"'],
    ['%{if}', '"%%{if}"'],
    ['back\\slash', '"back\\\\slash"'],
  ])('writes %s as the HCL string %s', (value, hcl) => {
    expect(hclString(value)).toBe(hcl);
  });

  it('makes a valid resource name of any job id', () => {
    expect(resourceLabel('9-job.x')).toBe('_9-job_x');
  });
});

describe('YAML for gcloud run jobs replace', () => {
  const job = recordedJob as unknown as protos.google.cloud.run.v2.IJob;
  const current: ResourceLimits = {
    vcpu: 2,
    memoryBytes: 4 * GiB,
    timeoutSeconds: 900,
    maxRetries: 2,
  };
  const manifestWith = (set: ResourceLimits) =>
    parse(jobYaml(knativeJobOf(withLimits(job, set, '')), 'header')) as Record<string, never>;

  it('parses as a run.googleapis.com/v1 Job with the new limits', () => {
    const manifest = manifestWith(limits) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(manifest.apiVersion).toBe('run.googleapis.com/v1');
    expect(manifest.kind).toBe('Job');
    expect(manifest.metadata).toMatchObject({
      name: 'reel-stitching-job',
      namespace: 'phoenix-project-386',
      labels: { team: 'video', 'cloud.googleapis.com/location': 'us-central1' },
    });
    const execution = manifest.spec.template;
    expect(execution.metadata.annotations['run.googleapis.com/execution-environment']).toBe('gen2');
    expect(execution.spec.taskCount).toBe(1);
    const task = execution.spec.template.spec;
    expect(task).toMatchObject({
      maxRetries: 1,
      timeoutSeconds: '1200',
      serviceAccountName: 'phoenix-service-account@phoenix-project-386.iam.gserviceaccount.com',
    });
    expect(task.containers).toEqual([
      {
        name: 'stitcher',
        image: 'us-docker.pkg.dev/phoenix-project-386/jobs/video-stitching:2024-07-01',
        env: [
          { name: 'MAX_MEMORY_GB', value: '4' },
          { name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'api-key', key: 'latest' } } },
        ],
        resources: { limits: { cpu: '4', memory: '6Gi' } },
      },
    ]);
  });

  it('differs from the job as it is only in the four limits', () => {
    const now = manifestWith(current);
    const changed = manifestWith(limits);
    expect(leafDiff(now, changed).sort()).toEqual([
      'spec.template.spec.template.spec.containers.0.resources.limits.cpu',
      'spec.template.spec.template.spec.containers.0.resources.limits.memory',
      'spec.template.spec.template.spec.maxRetries',
      'spec.template.spec.template.spec.timeoutSeconds',
    ]);
    // And at today's limits the task spec says what the recorded job says.
    expect(JSON.stringify(now)).toContain('"timeoutSeconds":"900"');
  });

  it('names what a v1 manifest cannot carry instead of dropping it silently', () => {
    const withProbe = structuredClone(job);
    const container = withProbe.template?.template?.containers?.[0];
    if (container) container.startupProbe = { tcpSocket: { port: 8080 } };
    const text = jobYaml(knativeJobOf(withProbe), 'header');
    expect(text).toMatch(/^# Not carried over .*containers\[0\]\.startupProbe/m);
  });
});

function leafDiff(a: unknown, b: unknown, path = ''): string[] {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
    return Object.is(a, b) ? [] : [path];
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((key) =>
    leafDiff(
      (a as Record<string, unknown>)[key],
      (b as Record<string, unknown>)[key],
      path ? `${path}.${key}` : key,
    ),
  );
}
