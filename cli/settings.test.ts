import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIER_POLICY } from '@/lib/domain/tiers';
import { parseCommand, type ReportArgs } from './args';
import { loadPolicy, loadPriceBook, resolveTarget } from './settings';

const dir = mkdtempSync(join(tmpdir(), 'tierwise-cli-'));
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const args = (extra: string[] = []) =>
  parseCommand(['report', '--job', 'j', ...extra]) as ReportArgs;

describe('loadPolicy', () => {
  it('uses the seed’s four tiers by default and reads a policy file', () => {
    expect(loadPolicy(undefined)).toBe(DEFAULT_TIER_POLICY);
    const two = file(
      'two.json',
      JSON.stringify({
        tiers: [
          { id: 'short', label: 'Short', maxClipCount: 4 },
          { id: 'long', label: 'Long' },
        ],
      }),
    );
    expect(loadPolicy(two).tiers.map((t) => t.id)).toEqual(['short', 'long']);
  });

  it.each([
    ['missing', join(dir, 'nope.json'), /--policy: cannot read/],
    ['not JSON', file('bad.json', '{tiers'), /--policy: .* is not JSON/],
    ['the wrong shape', file('shape.json', '{"tiers":"all"}'), /--policy: .* is not a tier policy/],
    [
      'an invalid policy',
      file('invalid.json', '{"tiers":[{"id":"a","label":"A","maxClipCount":3}]}'),
      /--policy: tiers.0: The last tier/,
    ],
  ])('refuses a file that is %s', (_, path, message) => {
    expect(() => loadPolicy(path)).toThrow(message);
  });
});

describe('loadPriceBook', () => {
  it('finds a built-in book or reads a file', () => {
    expect(loadPriceBook('jobs-tier2').vcpuSecondUsd).toBe(0.0000252);
    const own = file(
      'book.json',
      JSON.stringify({
        id: 'cud',
        label: 'With discount',
        asOf: '2025-06-01',
        vcpuSecondUsd: 0.00001,
        gibSecondUsd: 0.000001,
      }),
    );
    expect(loadPriceBook(own)).toMatchObject({ id: 'cud', estimate: false });
  });

  it.each([
    ['an unknown id', 'jobs-tier9', /--price-book must be jobs-tier1/],
    [
      'a negative price',
      file(
        'neg.json',
        JSON.stringify({
          id: 'x',
          label: 'X',
          asOf: '2025-06-01',
          vcpuSecondUsd: -1,
          gibSecondUsd: 0,
        }),
      ),
      /--price-book: vcpuSecondUsd/,
    ],
    [
      'a bad date',
      file(
        'date.json',
        JSON.stringify({ id: 'x', label: 'X', asOf: 'June', vcpuSecondUsd: 1, gibSecondUsd: 0 }),
      ),
      /--price-book: asOf/,
    ],
  ])('refuses %s', (_, value, message) => {
    expect(() => loadPriceBook(value)).toThrow(message);
  });
});

describe('resolveTarget', () => {
  it('reads the same settings as the app, flags first', () => {
    expect(resolveTarget(args(), { TIERWISE_EMULATOR_HOST: '127.0.0.1:9000' })).toEqual({
      emulatorHost: '127.0.0.1:9000',
      project: 'demo-project',
      region: 'us-central1',
    });
    expect(
      resolveTarget(args(['--project', 'other-project', '--region', 'europe-west1']), {
        GOOGLE_CLOUD_PROJECT: 'phoenix-project-386',
        TIERWISE_REGION: 'us-east1',
      }),
    ).toEqual({ emulatorHost: undefined, project: 'other-project', region: 'europe-west1' });
  });

  it('names --project when Google Cloud has no project to read', () => {
    expect(() => resolveTarget(args(), {})).toThrow(/--project is required/);
  });

  it('names a bad setting', () => {
    expect(() => resolveTarget(args(), { TIERWISE_EMULATOR_HOST: 'nowhere' })).toThrow(
      /TIERWISE_EMULATOR_HOST/,
    );
  });
});
