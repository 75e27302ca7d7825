/**
 * `npm run check:imports`: the folder-level import rules ESLint cannot express.
 * - no cycle between top-level folders (`app`, `components`, `cli`, `emulator`, `lib/<folder>`, …),
 *   counting production files only (tests and `test/` may reach anywhere);
 * - `app/` never imports `lib/store`: pages and routes go through the feature's service.
 * Prints each broken rule with the imports that break it, and exits 1 when there is one.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const SKIP = new Set(['node_modules', '.next', '.git', 'test-results', 'test', 'e2e', 'bench']);

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name) || (dir === ROOT && name === 'data')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

/** `lib/changes/apply.ts` → `lib/changes`; `app/jobs/page.tsx` → `app`. */
export function folderOf(relativePath: string): string {
  const parts = relativePath.split('/');
  return parts[0] === 'lib' && parts.length > 2 ? `lib/${parts[1]}` : (parts[0] ?? '');
}

export type Edge = { from: string; to: string; file: string; specifier: string };

export function importEdges(root: string, files: readonly string[]): Edge[] {
  const edges: Edge[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g)) {
      const specifier = match[1] ?? '';
      let target: string;
      if (specifier.startsWith('@/')) target = join(root, specifier.slice(2));
      else if (specifier.startsWith('.')) target = resolve(dirname(file), specifier);
      else continue;
      const from = folderOf(relative(root, file));
      const to = folderOf(relative(root, target));
      if (from !== to) edges.push({ from, to, file: relative(root, file), specifier });
    }
  }
  return edges;
}

/** Folder pairs that import each other, directly or through other folders. */
export function cycles(edges: readonly Edge[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of edges) next.set(from, (next.get(from) ?? new Set()).add(to));
  const found = new Map<string, string[]>();
  for (const start of next.keys()) {
    // Depth-first search for a path back to `start`.
    const stack: { node: string; path: string[] }[] = [{ node: start, path: [start] }];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const { node, path } = stack.pop()!;
      for (const to of next.get(node) ?? []) {
        if (to === start) {
          const key = [...path].sort().join(' ');
          if (!found.has(key)) found.set(key, [...path, start]);
        } else if (!seen.has(to)) {
          seen.add(to);
          stack.push({ node: to, path: [...path, to] });
        }
      }
    }
  }
  return [...found.values()];
}

function main(): void {
  const edges = importEdges(ROOT, sources(ROOT));
  const problems: string[] = [];
  for (const cycle of cycles(edges)) {
    const links = cycle.slice(1).map((to, i) => {
      const from = cycle[i] ?? '';
      const examples = edges.filter((e) => e.from === from && e.to === to).slice(0, 3);
      return `  ${from} → ${to}: ${examples.map((e) => `${e.file} (${e.specifier})`).join(', ')}`;
    });
    problems.push(`Folder cycle ${cycle.join(' → ')}\n${links.join('\n')}`);
  }
  for (const edge of edges.filter((e) => e.from === 'app' && e.to === 'lib/store')) {
    problems.push(
      `${edge.file} imports ${edge.specifier}: app/ goes through the feature's service`,
    );
  }
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  console.log(`import rules hold over ${new Set(edges.map((e) => e.from)).size} folders`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) main();
