import { describe, expect, it } from 'vitest';
import { cycles, folderOf, type Edge } from './check-imports';

const edge = (from: string, to: string): Edge => ({
  from,
  to,
  file: `${from}/x.ts`,
  specifier: to,
});

describe('folder import rules', () => {
  it('names lib folders one level down and every other folder at the top', () => {
    expect(folderOf('lib/changes/apply.ts')).toBe('lib/changes');
    expect(folderOf('lib/env.ts')).toBe('lib');
    expect(folderOf('app/jobs/[job]/page.tsx')).toBe('app');
  });

  it('finds direct and indirect cycles once each', () => {
    const found = cycles([
      edge('lib/data', 'lib/changes'),
      edge('lib/changes', 'lib/data'),
      edge('lib/auth', 'lib/store'),
      edge('lib/store', 'lib/domain'),
      edge('lib/domain', 'lib/auth'),
    ]);
    expect(found.map((c) => [...new Set(c)].sort().join(' ')).sort()).toEqual([
      'lib/auth lib/domain lib/store',
      'lib/changes lib/data',
    ]);
  });

  it('finds none in a layered graph', () => {
    expect(cycles([edge('app', 'lib/data'), edge('lib/data', 'lib/domain')])).toEqual([]);
  });
});
