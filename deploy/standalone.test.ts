/**
 * The container runs `node .next/standalone/server.js` behind IAP. No Docker engine runs here, so
 * this starts that same server in IAP mode against the simulated reel-stitching project.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalJwks } from '@/test/support/local-jwks';
import { startEmulator, type RunningEmulator } from '@/emulator/server';
import { createWorld, DEFAULT_SCENARIO_PATH, loadScenario } from '@/emulator/sim';
import { ensureBuild, STANDALONE_SERVER } from '@/scripts/build-if-needed';

const AUDIENCE = '/projects/123456789/locations/us-central1/services/tierwise';
const ADMIN = 'ops-lead@example.com';
const BUILD_TIMEOUT_MS = 15 * 60_000;
const READY_TIMEOUT_MS = 60_000;
// The first page reads 30 days of Monitoring series on a cold server; two busy cores take a while.
const PAGE_TIMEOUT_MS = 90_000;

let jwks: Awaited<ReturnType<typeof startLocalJwks>>;
let emulator: RunningEmulator;
let server: ChildProcess | undefined;
let serverLog = '';
let baseUrl = '';
let dataDir = '';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port found');
  return address.port;
}

async function waitUntilReady(url: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server?.exitCode !== null) {
      throw new Error(`server.js exited with ${server?.exitCode}:\n${serverLog}`);
    }
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`server.js was not ready within ${READY_TIMEOUT_MS} ms:\n${serverLog}`);
}

beforeAll(async () => {
  await ensureBuild();
  jwks = await startLocalJwks(AUDIENCE);
  const world = createWorld(loadScenario(DEFAULT_SCENARIO_PATH), { seed: 1, now: Date.now() });
  emulator = await startEmulator({ world, port: 0 });
  dataDir = mkdtempSync(path.join(tmpdir(), 'tierwise-standalone-'));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;

  // Only what a Cloud Run revision would be given: no settings leak in from the test process.
  server = spawn(process.execPath, [path.resolve(STANDALONE_SERVER)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      TIERWISE_AUTH: 'iap',
      TIERWISE_IAP_AUDIENCE: AUDIENCE,
      TIERWISE_IAP_JWKS_URL: jwks.jwksUrl,
      TIERWISE_ADMINS: ADMIN,
      TIERWISE_EMULATOR_HOST: emulator.host,
      GOOGLE_CLOUD_PROJECT: world.project,
      TIERWISE_REGION: world.region,
      DATABASE_URL: `file:${path.join(dataDir, 'tierwise.db')}`,
    },
  });
  const collect = (chunk: Buffer) => {
    serverLog = (serverLog + chunk.toString()).slice(-8000);
  };
  server.stdout?.on('data', collect);
  server.stderr?.on('data', collect);
  await waitUntilReady(`${baseUrl}/api/health`);
}, BUILD_TIMEOUT_MS + READY_TIMEOUT_MS);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = once(server, 'exit');
    server.kill('SIGTERM');
    await exited;
  }
  await emulator?.stop();
  await jwks?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function get(pathname: string, assertion?: string, extra: Record<string, string> = {}) {
  const headers: Record<string, string> = { ...extra };
  if (assertion) headers['x-goog-iap-jwt-assertion'] = assertion;
  return fetch(`${baseUrl}${pathname}`, { headers, redirect: 'manual' });
}

describe('the standalone server behind IAP', { timeout: PAGE_TIMEOUT_MS }, () => {
  it('answers its health check without a token, for Cloud Run and load balancer probes', async () => {
    const response = await get('/api/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('refuses a request without an IAP assertion with 401', async () => {
    const response = await get('/');
    expect(response.status).toBe(401);
    expect(await response.text()).toMatch(/Identity-Aware Proxy/);
  });

  it('never trusts the plain email header IAP also sends', async () => {
    const response = await get('/', undefined, {
      'x-goog-authenticated-user-email': `accounts.google.com:${ADMIN}`,
    });
    expect(response.status).toBe(401);
  });

  it('refuses an assertion signed by a key outside the JWK set', async () => {
    const stranger = await generateKeyPair('ES256');
    const nowSeconds = Math.floor(Date.now() / 1000);
    const forged = await new SignJWT({ email: ADMIN, sub: `accounts.google.com:${ADMIN}` })
      .setProtectedHeader({ alg: 'ES256', kid: 'local-1' })
      .setIssuer('https://cloud.google.com/iap')
      .setAudience(AUDIENCE)
      .setIssuedAt(nowSeconds)
      .setExpirationTime(nowSeconds + 600)
      .sign(stranger.privateKey);
    expect((await get('/', forged)).status).toBe(401);
  });

  it('shows the overview with the reel-stitching job to an admin signed in through IAP', async () => {
    const response = await get('/', await jwks.sign(ADMIN));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('reel-stitching-job');
    expect(html).toContain(ADMIN);
  });

  it('sends the security headers with the page', async () => {
    const response = await get('/', await jwks.sign(ADMIN));
    await response.arrayBuffer();
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(csp).not.toContain('unsafe-eval');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it("serves the page's scripts from the standalone folder", async () => {
    const html = await (await get('/', await jwks.sign(ADMIN))).text();
    const scripts = [...html.matchAll(/src="(\/_next\/static\/[^"]+\.js)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    const response = await get(scripts[0] ?? '');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
  });
});
