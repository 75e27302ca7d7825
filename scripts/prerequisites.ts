import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.TIERWISE_CHROMIUM ?? '/usr/bin/chromium';

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Browser tests need Debian's Chromium; install it when we may, else say exactly what to run. */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  if (!isRoot()) {
    throw new Error(
      `Chromium is needed for the browser tests and was not found at ${CHROMIUM_PATH}.\n` +
        `Install it with:  sudo apt-get update && sudo apt-get install -y chromium\n` +
        `or point TIERWISE_CHROMIUM at an existing Chromium binary.`,
    );
  }
  console.log('Installing Chromium from Debian packages (once)…');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`apt-get did not install ${CHROMIUM_PATH}`);
}

/** The store tests need PostgreSQL; start the local cluster when it is down and we may. */
export function ensurePostgres(): void {
  const url = process.env.TIERWISE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const host = new URL(url).hostname;
  const ready = () => spawnSync('pg_isready', ['-h', host, '-q']).status === 0;
  if (ready()) return;
  if (isRoot() && existsSync('/etc/postgresql')) {
    const version = execFileSync('ls', ['/etc/postgresql']).toString().trim().split('\n')[0] ?? '';
    spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], {
      stdio: 'inherit',
    });
    if (ready()) return;
  }
  throw new Error(
    `PostgreSQL is not answering at ${host}:5432.\n` +
      `Start it (Debian: pg_ctlcluster --skip-systemctl-redirect 15 main start) or set ` +
      `TIERWISE_TEST_POSTGRES_URL=postgres://USER@HOST:PORT/DB to a server the tests may use.`,
  );
}

/** The shared-report browser test reads its printed PDF back with pdftotext (Debian poppler-utils). */
export function ensurePdftotext(): void {
  if (spawnSync('pdftotext', ['-v']).error === undefined) return;
  if (!isRoot()) {
    throw new Error(
      'pdftotext is needed for the browser tests and was not found.\n' +
        'Install it with:  sudo apt-get update && sudo apt-get install -y poppler-utils',
    );
  }
  console.log('Installing poppler-utils from Debian packages (once)…');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'poppler-utils'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}
