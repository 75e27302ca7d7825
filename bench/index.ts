/**
 * `npm run bench [-- NAME …]`: runs each benchmark module in turn and prints its figures.
 * A module exports `run(): Promise<void>`; add new ones to BENCHES.
 */
const BENCHES: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  spine: () => import('./spine'),
  engine: () => import('./engine'),
  reports: () => import('./reports'),
  ledger: () => import('./ledger'),
  dashboard: () => import('./dashboard'),
  load: () => import('./load'),
  outcome: () => import('./outcome'),
  overview: () => import('./overview'),
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !(name in BENCHES));
  if (unknown.length > 0) {
    console.error(
      `unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`,
    );
    process.exit(2);
  }
  for (const [name, load] of Object.entries(BENCHES)) {
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    console.log(`\n## ${name}\n`);
    const bench = await load();
    await bench.run();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
