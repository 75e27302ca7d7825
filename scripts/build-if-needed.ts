import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { NEXT_BIN } from './next-bin';

const SOURCE_DIRS = ['app', 'components', 'lib', 'public'];
const SOURCE_FILES = [
  'next.config.ts',
  'package.json',
  'postcss.config.mjs',
  'tsconfig.json',
  'proxy.ts',
  'instrumentation.ts',
];
const BUILD_ID = '.next/BUILD_ID';
export const STANDALONE_DIR = '.next/standalone';
export const STANDALONE_SERVER = `${STANDALONE_DIR}/server.js`;
// Next cleans .next on every build but keeps .next/cache, so the lock survives the build it guards.
const LOCK_FILE = '.next/cache/tierwise-build.lock';
const LOCK_POLL_MS = 500;
// Next's own lock cannot be probed from here, so a busy build is retried at this pace.
const BUSY_RETRY_MS = 5_000;

export class BuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BuildError';
  }
}

function newestSourceMs(): number {
  let newest = 0;
  const visit = (entry: string) => {
    if (!existsSync(entry)) return;
    const stat = statSync(entry);
    if (stat.isDirectory()) {
      for (const child of readdirSync(entry)) visit(path.join(entry, child));
    } else if (!/\.test\.tsx?$/.test(entry)) {
      // Tests are not part of the app, so editing one does not make the build stale.
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  [...SOURCE_DIRS, ...SOURCE_FILES].forEach(visit);
  return newest;
}

function isCompiledFresh(): boolean {
  if (!existsSync(BUILD_ID) || !existsSync(STANDALONE_SERVER)) return false;
  const builtMs = Math.min(statSync(BUILD_ID).mtimeMs, statSync(STANDALONE_SERVER).mtimeMs);
  return builtMs >= newestSourceMs();
}

/** True when .next and a complete standalone server are newer than every source of the app. */
export function isBuildFresh(): boolean {
  return isCompiledFresh() && existsSync(`${STANDALONE_DIR}/.next/static`);
}

/** Under the lock: a fresh build made by a plain `next build` only lacks its copied assets. */
function completeIfFresh(): boolean {
  if (isBuildFresh()) return true;
  if (!isCompiledFresh()) return false;
  completeStandalone();
  return true;
}

/**
 * Next leaves static assets and public/ out of .next/standalone (a CDN may serve them); copying
 * them in makes `node .next/standalone/server.js` serve the whole app, as the container does.
 */
function completeStandalone(): void {
  const staticTarget = `${STANDALONE_DIR}/.next/static`;
  rmSync(staticTarget, { recursive: true, force: true });
  cpSync('.next/static', staticTarget, { recursive: true });
  if (existsSync('public')) cpSync('public', `${STANDALONE_DIR}/public`, { recursive: true });
}

/** Takes the build lock unless a live process holds it; a dead holder's lock is taken over. */
function tryLock(): boolean {
  mkdirSync(path.dirname(LOCK_FILE), { recursive: true });
  try {
    const fd = openSync(LOCK_FILE, 'wx');
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (isAlive(Number(readFileSync(LOCK_FILE, 'utf8')))) return false;
  rmSync(LOCK_FILE, { force: true });
  return tryLock();
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function unlock(): void {
  rmSync(LOCK_FILE, { force: true });
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

// A `next build` started by hand holds Next's own lock; ours then exits at once with this message.
const NEXT_BUSY = /Another next build process is already running/;

type Attempt = 'built' | 'fresh' | 'busy';

/**
 * Runs `next build` unless the build is fresh (demo and benchmarks). Waits while another process
 * builds, then re-checks, so two starters never build at once nor build twice.
 */
export function buildIfNeeded(): void {
  while (!isBuildFresh()) {
    if (!tryLock()) {
      sleepSync(LOCK_POLL_MS);
      continue;
    }
    let attempt: Attempt = 'fresh';
    try {
      attempt = completeIfFresh() ? 'fresh' : buildSync();
    } finally {
      unlock();
    }
    if (attempt === 'busy') sleepSync(BUSY_RETRY_MS);
    else return;
  }
}

let announced = false;

function buildSync(): Attempt {
  if (!announced) console.log('Building Tierwise (first run, or sources changed)…');
  announced = true;
  // Progress streams; errors are read to tell "someone else is building" from a failed build.
  const result = spawnSync(process.execPath, [NEXT_BIN, 'build'], {
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  });
  if (result.status === 0) {
    completeStandalone();
    return 'built';
  }
  if (NEXT_BUSY.test(result.stderr)) return 'busy';
  process.stderr.write(result.stderr);
  console.error('The build failed; see the messages above.');
  unlock();
  process.exit(result.status ?? 1);
}

/** The same as buildIfNeeded for code that must not block or exit (tests): rejects on failure. */
export async function ensureBuild(log: (chunk: string) => void = () => {}): Promise<void> {
  while (!isBuildFresh()) {
    if (!tryLock()) {
      await delay(LOCK_POLL_MS);
      continue;
    }
    let attempt: Attempt = 'fresh';
    try {
      attempt = completeIfFresh() ? 'fresh' : await buildAsync(log);
    } finally {
      unlock();
    }
    if (attempt === 'busy') await delay(BUSY_RETRY_MS);
    else return;
  }
}

function buildAsync(log: (chunk: string) => void): Promise<Attempt> {
  return new Promise<Attempt>((resolve, reject) => {
    const child = spawn(process.execPath, [NEXT_BIN, 'build'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tail = '';
    const collect = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-4000);
      log(chunk.toString());
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('exit', (status) => {
      if (status === 0) {
        completeStandalone();
        resolve('built');
      } else if (NEXT_BUSY.test(tail)) resolve('busy');
      else reject(new BuildError(`next build failed (exit ${status ?? 'signal'}):\n${tail}`));
    });
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
