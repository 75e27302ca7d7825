/**
 * Runs every suite — Vitest (unit, emulator conformance, adapters) and Playwright (browser) —
 * and prints one closing line `N passed, N failed, N skipped` totalled over all of them.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureChromium, ensurePdftotext, ensurePostgres } from './prerequisites';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

const RESULTS = 'test-results';

function run(command: string, args: string[], env: Record<string, string> = {}): number {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function vitestCounts(file: string): Counts {
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

function playwrightCounts(file: string): Counts {
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  return {
    passed: report.stats.expected + report.stats.flaky,
    failed: report.stats.unexpected,
    skipped: report.stats.skipped,
  };
}

function readCounts(read: () => Counts, suite: string, exitCode: number): Counts {
  try {
    const counts = read();
    // A runner that crashed before reporting a failure still failed.
    if (exitCode !== 0 && counts.failed === 0) counts.failed = 1;
    return counts;
  } catch {
    console.error(
      `${suite}: no report was written (exit code ${exitCode}); counted as one failure`,
    );
    return { passed: 0, failed: 1, skipped: 0 };
  }
}

function main(): void {
  rmSync(RESULTS, { recursive: true, force: true });
  mkdirSync(RESULTS, { recursive: true });
  ensurePostgres();
  ensureChromium();
  ensurePdftotext();

  const vitestFile = `${RESULTS}/vitest.json`;
  const vitestExit = run('npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${vitestFile}`,
  ]);
  const unit = readCounts(() => vitestCounts(vitestFile), 'vitest', vitestExit);

  const playwrightFile = `${RESULTS}/playwright.json`;
  const playwrightExit = run('npx', ['playwright', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightFile,
  });
  const browser = readCounts(() => playwrightCounts(playwrightFile), 'playwright', playwrightExit);

  const total = {
    passed: unit.passed + browser.passed,
    failed: unit.failed + browser.failed,
    skipped: unit.skipped + browser.skipped,
  };
  console.log(`\nvitest: ${unit.passed} passed, ${unit.failed} failed, ${unit.skipped} skipped`);
  console.log(
    `playwright: ${browser.passed} passed, ${browser.failed} failed, ${browser.skipped} skipped`,
  );
  console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exit(total.failed > 0 ? 1 : 0);
}

main();
