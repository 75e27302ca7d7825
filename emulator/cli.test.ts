import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createClients } from '@/lib/gcp/clients';

const TSX = path.resolve('node_modules/.bin/tsx');
const CLI = path.resolve('emulator/cli.ts');
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

function launch(args: string[]) {
  const child = spawn(TSX, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /^listening on (127\.0\.0\.1:\d+)\n/.exec(stdout);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
  // Not every test waits for the line; a start that fails must not be an unhandled rejection.
  listening.catch(() => undefined);
  return { child, exited, listening, output: () => ({ stdout, stderr }) };
}

describe('emulator CLI', () => {
  it('rejects a bad argument with exit code 2 and a message naming it', async () => {
    const run = launch(['--port', 'eighty']);
    expect(await run.exited).toBe(2);
    expect(run.output().stderr).toContain('--port must be a whole number');
    expect(run.output().stdout).toBe('');
  });

  it('serves the default scenario, writes the ground truth and stops on SIGTERM', async () => {
    const truthPath = path.join(mkdtempSync(path.join(tmpdir(), 'tierwise-')), 'truth.json');
    const run = launch([
      '--seed',
      '3',
      '--now',
      '2025-05-20T12:00:00Z',
      '--ground-truth',
      truthPath,
    ]);
    const host = await run.listening;
    expect(run.output().stdout).toBe(`listening on ${host}\n`);
    const clients = createClients({ emulatorHost: host });
    try {
      const truth = JSON.parse(readFileSync(truthPath, 'utf8')) as object;
      expect(Object.keys(truth).length).toBeGreaterThan(0);
      const stderr = run.output().stderr;
      const [, projectId, region] = /project (\S+), region (\S+),/.exec(stderr) ?? [];
      const [jobs] = await clients.jobs.listJobs({
        parent: `projects/${projectId}/locations/${region}`,
      });
      expect(jobs.length).toBeGreaterThan(0);
    } finally {
      await clients.close();
    }
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });
});
