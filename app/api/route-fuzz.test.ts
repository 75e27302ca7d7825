/**
 * Every route handler under app/ (found on disk, so a new route is fuzzed without editing this
 * file), called in-process with crafted requests: malformed bodies, wrong types, oversize fields,
 * foreign origins, every role. None may answer 5xx, and none may store anything: the store is
 * compared table by table before and after.
 */
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixtureWorld } from '@/emulator/run/fixture-world';
import { startEmulator, type RunningEmulator } from '@/emulator/server';
import type { Store } from '@/lib/store';

const request = vi.hoisted(() => ({ cookies: new Map<string, string>() }));
vi.mock('next/headers', () => ({
  headers: async () => new Headers(),
  cookies: async () => ({
    get: (name: string) =>
      request.cookies.has(name) ? { name, value: request.cookies.get(name) } : undefined,
  }),
}));

const APP = path.resolve(__dirname, '..');
const ORIGIN = 'http://127.0.0.1:4500';
const JOB = 'reel-stitching-job';
// Weighted towards roles that pass the guard, so most cases reach the schemas and services.
const ROLES = [
  'nobody',
  'viewer',
  'requester',
  'requester',
  'approver',
  'approver',
  'admin',
] as const;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const TABLES = [
  'change_requests',
  'audit_log',
  'report_snapshots',
  'tier_policy_versions',
  'users',
  'settings',
];

type Handler = (request: Request, context: { params: Promise<object> }) => Promise<Response>;
interface Route {
  readonly file: string;
  readonly segments: readonly string[];
  readonly handlers: Partial<Record<(typeof METHODS)[number], Handler>>;
}

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === 'route.ts' ? [full] : [];
  });
}

/** A deterministic stream of choices, so a failure names a case that replays. */
function chooser(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
}

const HUGE = 'x'.repeat(300_000);
const WRONG_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  '',
  '0x258',
  '1e3',
  ' 30 ',
  [],
  [30],
  {},
  { $ne: null },
  HUGE,
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '\u0000',
];
const FIELDS = [
  'job',
  'tier',
  'reason',
  'comment',
  'limits',
  'days',
  'startMs',
  'endMs',
  'priceBook',
  'policy',
  'objective',
  'expiresInDays',
  'items',
  'kind',
  'tiers',
];
const LIMIT_FIELDS = ['cpu', 'memory', 'timeoutSeconds', 'maxRetries'];

function malformedBody(choose: ReturnType<typeof chooser>): string | undefined {
  const shape = choose(['raw', 'field', 'limits', 'nested', 'window', 'none'] as const);
  if (shape === 'none') return undefined;
  if (shape === 'raw') {
    return choose(['', '{', '{"job":', 'null', '[]', '"text"', '123', 'true', '[{}]', '\u0000']);
  }
  const base: Record<string, unknown> = {
    job: JOB,
    reason: 'Fuzzed request, must be refused',
    limits: { cpu: '2', memory: '4Gi' },
  };
  // Always at least one field a valid request cannot have, so nothing may be stored.
  const badReason = () => choose([HUGE, 'short', null, 7, {}, ['a reason in a list']]);
  if (shape === 'field') {
    base[choose(FIELDS)] = choose(WRONG_VALUES);
    base.reason = badReason();
  }
  if (shape === 'limits') {
    base.limits = { cpu: '2', memory: '4Gi', [choose(LIMIT_FIELDS)]: choose(WRONG_VALUES) };
    base.reason = badReason();
  }
  if (shape === 'nested') {
    base.items = [{ job: choose(WRONG_VALUES), limits: choose(WRONG_VALUES) }];
    base.policy = { tiers: choose(WRONG_VALUES) };
    base.reason = badReason();
  }
  if (shape === 'window') {
    const now = Date.now();
    Object.assign(base, {
      days: choose([true, [30], '0x1e', 401, 0, -5, 1.5]),
      startMs: choose([now + 86_400_000, -1, 'yesterday', 0]),
      endMs: choose([now + 2 * 86_400_000, now - 86_400_000 * 500, null]),
    });
    delete base.reason;
  }
  return JSON.stringify(base);
}

function headersFor(choose: ReturnType<typeof chooser>, body: string | undefined) {
  const headers: Record<string, string> = {};
  const json = 'application/json';
  const type = choose([json, json, json, json, json, 'text/plain', 'none', 'form']);
  if (body !== undefined && type !== 'none') {
    headers['content-type'] = type === 'form' ? 'application/x-www-form-urlencoded' : type;
  }
  const origin = choose([
    'same',
    'same',
    'same',
    'same',
    'none',
    'none',
    'http://evil.example',
    'null',
    'http://127.0.0.1:4501',
  ]);
  if (origin === 'same') headers.origin = ORIGIN;
  else if (origin !== 'none') headers.origin = origin;
  if (choose([false, false, false, false, false, false, false, true])) {
    headers['sec-fetch-site'] = 'cross-site';
  }
  return headers;
}

const QUERIES = [
  '',
  '?state=nope',
  '?job=%00',
  '?limit=1e99&from=abc&to=-1',
  '?rows=executions&sig=bad&exp=0x10',
  '?action=change.%25&actor=' + 'a'.repeat(5000),
];

let emulator: RunningEmulator;
let store: Store;
let routes: Route[];
let proposalId: string;

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const result = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`
      .execute(store.db)
      .catch(() => ({ rows: [{ n: -1 }] }));
    out[table] = Number(result.rows[0]?.n);
  }
  return out;
}

function paramsFor(route: Route, choose: ReturnType<typeof chooser>) {
  const params: Record<string, string> = {};
  for (const segment of route.segments) {
    params[segment] =
      segment === 'action'
        ? choose(['approve', 'reject', 'withdraw', 'apply', 'nope', 'toString', '__proto__'])
        : choose([proposalId, 'no-such-id', '', '..%2F..', 'A'.repeat(5000), '%00', '$ne']);
  }
  return params;
}

beforeAll(async () => {
  emulator = await startEmulator({ world: fixtureWorld(), port: 0 });
  const file = path.join(tmpdir(), `tierwise-route-fuzz-${process.pid}-${Date.now()}.db`);
  Object.assign(process.env, {
    TIERWISE_EMULATOR_HOST: emulator.host,
    TIERWISE_AUTH: 'demo',
    DATABASE_URL: `file:${file}`,
    GOOGLE_CLOUD_PROJECT: 'tierwise-demo',
    TIERWISE_REGION: 'europe-west1',
  });
  routes = [];
  for (const file of routeFiles(APP)) {
    const relative = path.relative(APP, file);
    const segments = [...relative.matchAll(/\[(\w+)\]/g)].map((match) => match[1]!);
    const routeModule = (await import(file)) as Route['handlers'];
    const handlers = Object.fromEntries(
      METHODS.filter((method) => typeof routeModule[method] === 'function').map((m) => [
        m,
        routeModule[m],
      ]),
    );
    routes.push({ file: relative, segments, handlers });
  }
  store = await (await import('@/lib/store/instance')).getStore();
  // One real proposal, so approve/reject/apply with bad input meet an existing change.
  const { POST } = (await import('./changes/route')) as { POST: Handler };
  request.cookies.set('tierwise-demo-user', 'requester');
  const created = await POST(
    new Request(`${ORIGIN}/api/changes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({
        job: JOB,
        reason: 'A real proposal the fuzzed requests aim at',
        limits: { cpu: '4', memory: '8Gi' },
      }),
    }),
    { params: Promise.resolve({}) },
  );
  expect(created.status).toBe(201);
  proposalId = ((await created.json()) as { id: string }).id;
}, 120_000);

afterAll(async () => {
  await store?.close();
  await emulator?.stop();
});

describe('every route handler under crafted input', () => {
  it('finds the routes on disk', () => {
    expect(routes.map((route) => route.file)).toEqual(
      expect.arrayContaining([
        path.join('api', 'changes', 'route.ts'),
        path.join('api', 'changes', 'batch', 'route.ts'),
        path.join('api', 'reports', 'route.ts'),
        path.join('api', 'tier-policy', 'route.ts'),
        path.join('jobs', '[job]', 'changes', 'new', 'projection', 'route.ts'),
      ]),
    );
  });

  it('never answers 5xx and stores nothing', async () => {
    const before = await counts();
    const stateBefore = await store.db
      .selectFrom('change_requests')
      .select(['state', 'version'])
      .where('id', '=', proposalId)
      .executeTakeFirst();
    const choose = chooser(20261203);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const route of routes) {
      for (const [method, handler] of Object.entries(route.handlers)) {
        const rounds = method === 'GET' ? 12 : 100;
        for (let round = 0; round < rounds; round += 1) {
          const role = choose(ROLES);
          request.cookies.clear();
          if (role !== 'nobody') request.cookies.set('tierwise-demo-user', role);
          const body = method === 'GET' ? undefined : malformedBody(choose);
          const headers = headersFor(choose, body);
          const params = paramsFor(route, choose);
          const where = route.file
            .replace(/\/?route\.ts$/, '')
            .replace(/\[(\w+)\]/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
          const url = `${ORIGIN}/${where}${choose(QUERIES)}`;
          const label = `${method} ${url} as ${role} ${JSON.stringify(params).slice(0, 80)} ${JSON.stringify(headers)} ${body?.slice(0, 120)}`;
          let status: number;
          try {
            const response = await handler!(new Request(url, { method, headers, body }), {
              params: Promise.resolve(params),
            });
            status = response.status;
            await response.arrayBuffer();
          } catch (error) {
            failures.push(`${label} threw ${String(error).slice(0, 200)}`);
            continue;
          }
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status >= 500) failures.push(`${label} answered ${status}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // The fuzz reaches past the guards into the schemas and services, not only the refusals.
    expect(statuses.get(400) ?? 0).toBeGreaterThan(100);
    expect([...statuses.keys()].filter((status) => status < 300 && status !== 200)).toEqual([]);
    expect(await counts()).toEqual(before);
    const stateAfter = await store.db
      .selectFrom('change_requests')
      .select(['state', 'version'])
      .where('id', '=', proposalId)
      .executeTakeFirst();
    expect(stateAfter).toEqual(stateBefore);
  }, 240_000);

  it("the change form's projection answers every crafted query with a 2xx or a 4xx", async () => {
    const route = routes.find((r) => r.file.endsWith(path.join('new', 'projection', 'route.ts')));
    const GET = route?.handlers.GET;
    expect(GET).toBeTypeOf('function');
    const before = await counts();
    const choose = chooser(20261204);
    const valid: Record<string, string> = {
      tier: 'small',
      days: '30',
      objective: 'balanced',
      cpu: '2',
      memory: '4Gi',
      timeoutSeconds: '600',
      maxRetries: '1',
    };
    const wrong = WRONG_VALUES.map((value) =>
      typeof value === 'string' ? value : JSON.stringify(value),
    );
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (let round = 0; round < 80; round += 1) {
      const role = choose(ROLES);
      request.cookies.clear();
      if (role !== 'nobody') request.cookies.set('tierwise-demo-user', role);
      const query = new URLSearchParams(valid);
      // Round 0 is the form's own request; every other round breaks one to three fields.
      const broken = round === 0 ? 0 : 1 + Math.floor(round % 3);
      for (let i = 0; i < broken; i += 1) {
        const field = choose([...Object.keys(valid), 'extra']);
        const how = choose(['wrong', 'wrong', 'missing', 'twice'] as const);
        if (how === 'missing') query.delete(field);
        else if (how === 'twice') query.append(field, choose(wrong));
        else query.set(field, choose(wrong));
      }
      const job = round % 4 === 3 ? choose(['no-such-job', '', '%00', 'A'.repeat(5000)]) : JOB;
      const url = `${ORIGIN}/jobs/${encodeURIComponent(job)}/changes/new/projection?${query}`;
      const label = `GET ${url.slice(0, 300)} as ${role}`;
      try {
        const response = await GET!(new Request(url), { params: Promise.resolve({ job }) });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status >= 500) failures.push(`${label} answered ${response.status}`);
        const body = (await response.json()) as { ok: boolean; error?: string };
        if (response.status === 400 && !body.error) failures.push(`${label}: 400 with no message`);
      } catch (error) {
        failures.push(`${label} threw ${String(error).slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
    // Both the projection itself and the field errors were reached, not only the role guard.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(10);
    expect(await counts()).toEqual(before);
  }, 240_000);
});
