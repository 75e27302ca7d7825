/**
 * One job name in two regions (emulator/scenarios/two-regions.json), with Tierwise configured to
 * read both (TIERWISE_REGIONS): a change proposed for the europe-west1 job is checked, applied,
 * exported, verified and recovered there, and the job of the same name in the default region
 * (us-central1) is never touched. A region Tierwise does not read is refused, by field.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator/server';
import { createOtherRegions, createWorld, loadScenario, type SimulatedWorld } from '@/emulator/sim';
import { createClients, getJob, updateJobLimits, type GcpClients } from '@/lib/gcp';

const request = vi.hoisted(() => ({ cookies: new Map<string, string>() }));
vi.mock('next/headers', () => ({
  headers: async () => new Headers(),
  cookies: async () => ({
    get: (name: string) =>
      request.cookies.has(name) ? { name, value: request.cookies.get(name) } : undefined,
  }),
}));

const JOB = 'reel-stitching-job';
const EUROPE = 'europe-west1';
const HOME = 'us-central1';
const KEYS = [
  'TIERWISE_EMULATOR_HOST',
  'GOOGLE_CLOUD_PROJECT',
  'TIERWISE_REGION',
  'TIERWISE_REGIONS',
  'DATABASE_URL',
  'TIERWISE_AUTH',
] as const;
const saved = Object.fromEntries(KEYS.map((key) => [key, process.env[key]]));
let home: SimulatedWorld;
let europe: SimulatedWorld;
let emulator: RunningEmulator;
let clients: GcpClients;
let dataDir: string;
/** The first change applied to the europe-west1 job: its limits before are the history's. */
let firstChange: string;

beforeAll(async () => {
  // The store's clock is real time, so the simulated history ends now: verification reads it.
  const nowMs = Date.now();
  const scenario = { ...loadScenario('emulator/scenarios/two-regions.json'), days: 2 };
  home = createWorld(scenario, { seed: 8, now: nowMs });
  [europe] = createOtherRegions(scenario, { seed: 8, now: nowMs }) as [SimulatedWorld];
  emulator = await startEmulator({ world: home, otherPlaces: [europe], port: 0 });
  clients = createClients({ emulatorHost: emulator.host });
  dataDir = mkdtempSync(path.join(tmpdir(), 'tierwise-change-places-'));
  Object.assign(process.env, {
    TIERWISE_EMULATOR_HOST: emulator.host,
    GOOGLE_CLOUD_PROJECT: home.project,
    TIERWISE_REGION: HOME,
    TIERWISE_REGIONS: `${HOME},${EUROPE}`,
    DATABASE_URL: `file:${path.join(dataDir, 'tierwise.db')}`,
    TIERWISE_AUTH: 'demo',
  });
});

afterAll(async () => {
  for (const key of KEYS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  await clients.close();
  await emulator.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const signInAs = (role: string) => request.cookies.set('tierwise-demo-user', role);
const url = (rest: string) => `http://127.0.0.1/api/changes${rest}`;
const post = (rest: string, body: unknown) =>
  new Request(url(rest), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
const jobIn = (region: string) => getJob(clients, { project: home.project, region, job: JOB });

async function routes() {
  const { appChangeContext } = await import('./app-context');
  const http = await import('./http');
  const { changeExportRoutes } = await import('./export/http');
  return {
    collection: http.changeCollectionRoutes(appChangeContext),
    item: http.changeItemRoutes(appChangeContext),
    actions: http.changeActionRoutes(appChangeContext),
    exports: changeExportRoutes(appChangeContext),
  };
}

async function propose(body: Record<string, unknown>) {
  signInAs('requester');
  const response = await (
    await routes()
  ).collection.POST(post('', { job: JOB, reason: 'CPU-bound at 2 vCPU: p95 92%', ...body }), {});
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function act(id: string, action: string) {
  signInAs('approver');
  const response = await (
    await routes()
  ).actions.POST(post(`/${id}/${action}`, {}), {
    params: Promise.resolve({ id, action }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function exported(id: string, format: string): Promise<string> {
  const response = await (
    await routes()
  ).exports.GET(new Request(url(`/${id}/as/${format}`)), {
    params: Promise.resolve({ id, format }),
  });
  expect(response.status).toBe(200);
  return response.text();
}

describe('a change to the job of one name in another region', () => {
  it('is proposed, approved and applied there, leaving the default region job alone', async () => {
    const [homeBefore, europeBefore] = await Promise.all([jobIn(HOME), jobIn(EUROPE)]);
    expect(europeBefore.vcpu).toBe(homeBefore.vcpu);

    const proposed = await propose({ region: EUROPE, limits: { cpu: '4', memory: '8Gi' } });
    expect(proposed.body).not.toHaveProperty('error');
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({ region: EUROPE, project: home.project, job: JOB });
    // The evidence is the europe-west1 job's own report.
    expect(proposed.body.evidence).toMatchObject({ region: EUROPE });
    const id = String(proposed.body.id);
    firstChange = id;

    expect(await act(id, 'approve')).toMatchObject({ status: 200 });
    const applied = await act(id, 'apply');
    expect(applied).toMatchObject({ status: 200, body: { outcome: 'applied', region: EUROPE } });

    const [homeAfter, europeAfter] = await Promise.all([jobIn(HOME), jobIn(EUROPE)]);
    expect(europeAfter).toMatchObject({ vcpu: 4, memoryBytes: 8 * 2 ** 30 });
    expect(europeAfter.generation).toBeGreaterThan(europeBefore.generation);
    expect(homeAfter).toMatchObject({
      vcpu: homeBefore.vcpu,
      memoryBytes: homeBefore.memoryBytes,
      generation: homeBefore.generation,
      etag: homeBefore.etag,
    });
  });

  it("is verified from that region's executions, and shows that job as it is now", async () => {
    const id = firstChange;
    signInAs('viewer');
    const response = await (
      await routes()
    ).item.GET(new Request(url(`/${id}`)), {
      params: Promise.resolve({ id }),
    });
    const shown = (await response.json()) as {
      region: string;
      jobNow: { limits: { cpu: string; memory: string } };
      verification: { tiers: { executionsBefore: number }[] };
    };
    expect(shown.region).toBe(EUROPE);
    expect(shown.jobNow.limits).toEqual(expect.objectContaining({ cpu: '4', memory: '8Gi' }));
    // The history ran at the limits before, in each region a different number of times.
    const before = shown.verification.tiers.reduce((sum, tier) => sum + tier.executionsBefore, 0);
    const finished = (world: SimulatedWorld) =>
      world.allExecutions(JOB).filter((e) => e.completionMs !== undefined).length;
    expect(finished(europe)).not.toBe(finished(home));
    // A few executions the verification cannot place in a tier aside, the count is europe-west1's.
    expect(before).toBeGreaterThan(finished(europe) - 5);
    expect(before).toBeLessThanOrEqual(finished(europe));
    expect(Math.abs(before - finished(europe))).toBeLessThan(Math.abs(before - finished(home)));
  });

  it('exports as code naming its own region', async () => {
    const { body } = await propose({ region: EUROPE, limits: { cpu: '1', memory: '2Gi' } });
    const id = String(body.id);
    expect(await exported(id, 'gcloud')).toContain(`--region=${EUROPE}`);
    expect(await exported(id, 'gcloud')).not.toContain(HOME);
    expect(await exported(id, 'terraform')).toContain(`location = "${EUROPE}"`);
    const yaml = await exported(id, 'yaml');
    expect(yaml).toContain(`--region=${EUROPE}`);
    expect(yaml).toContain(`namespace: ${home.project}`);
  });

  it('is recovered after a stop by reading back the job in its own region', async () => {
    const { body } = await propose({ region: EUROPE, limits: { cpu: '2', memory: '2Gi' } });
    const id = String(body.id);
    await act(id, 'approve');
    const { appChangeContext } = await import('./app-context');
    const { transitionChangeRequest } = await import('@/lib/store');
    const context = await appChangeContext();
    await transitionChangeRequest(context.store, id, {
      from: ['approved'],
      to: 'applying',
      actor: 'abe@example.com',
    });
    // Cloud Run took the update before the app stopped: only the europe-west1 job has it.
    const europeNow = await jobIn(EUROPE);
    await updateJobLimits(clients, {
      project: home.project,
      region: EUROPE,
      job: JOB,
      limits: {
        vcpu: 2,
        memoryBytes: 2 * 2 ** 30,
        timeoutSeconds: europeNow.timeoutSeconds,
        maxRetries: europeNow.maxRetries,
      },
      etag: europeNow.etag,
      validateOnly: false,
    });
    const { resolveInterruptedApplies } = await import('./recover');
    const result = await resolveInterruptedApplies(context, { staleAfterMs: 0 });
    expect(result).toMatchObject({ applied: [id], failed: [], unresolved: [] });
    expect((await jobIn(HOME)).memoryBytes).not.toBe(2 * 2 ** 30);
  });
});

describe('a proposal for a place Tierwise does not read', () => {
  it('is refused naming the region, and nothing is stored', async () => {
    const { listChangeRequests } = await import('@/lib/store');
    const { getStore } = await import('@/lib/store/instance');
    const count = async () => (await listChangeRequests(await getStore(), { limit: 500 })).length;
    const stored = await count();
    const unread = await propose({ region: 'asia-east1', limits: { cpu: '4', memory: '8Gi' } });
    expect(unread.status).toBe(400);
    expect(unread.body).toMatchObject({
      errors: { region: expect.stringMatching(/not configured to read region asia-east1/) },
    });
    const malformed = await propose({ region: 'Mars', limits: { cpu: '4', memory: '8Gi' } });
    expect(malformed).toMatchObject({
      status: 400,
      body: { errors: { region: expect.any(String) } },
    });
    const project = await propose({ project: 'someone-else', limits: { cpu: '4', memory: '8Gi' } });
    expect(project).toMatchObject({
      status: 400,
      body: { errors: { project: expect.stringMatching(/not configured to read project/) } },
    });
    expect(await count()).toBe(stored);
  });
});

describe('the changes of several places', () => {
  it('lists each with its place, narrows to one, and hides a place Tierwise no longer reads', async () => {
    const { createChangeRequest, getChangeRequest } = await import('@/lib/store');
    const { getStore } = await import('@/lib/store/instance');
    const store = await getStore();
    const first = await getChangeRequest(store, firstChange);
    // Stored while Tierwise still read asia-east1.
    const elsewhere = await createChangeRequest(store, {
      project: first.project,
      region: 'asia-east1',
      job: first.job,
      tier: first.tier,
      limitsBefore: first.limitsBefore,
      limitsAfter: first.limitsAfter,
      etagAtProposal: first.etagAtProposal,
      generationAtProposal: first.generationAtProposal,
      reason: first.reason,
      evidence: {},
      requester: 'rae@example.com',
    });
    signInAs('viewer');
    const { collection, item } = await routes();
    const list = async (query: string) => {
      const response = await collection.GET(new Request(url(query)), {});
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const regionsOf = (body: Record<string, unknown>) =>
      new Set((body.changes as { region: string }[]).map((change) => change.region));
    expect(regionsOf((await list('')).body)).toEqual(new Set([EUROPE]));
    expect(regionsOf((await list(`?region=${HOME}`)).body)).toEqual(new Set());
    expect(regionsOf((await list(`?region=${EUROPE}`)).body)).toEqual(new Set([EUROPE]));
    expect(await list('?region=asia-east1')).toMatchObject({
      status: 400,
      body: { errors: { region: expect.stringMatching(/not configured/) } },
    });
    const shown = await item.GET(new Request(url(`/${elsewhere.id}`)), {
      params: Promise.resolve({ id: elsewhere.id }),
    });
    expect(shown.status).toBe(404);
  });
});

describe('the propose pages and their projection', () => {
  it('take the place from the query, and refuse one Tierwise does not read by field', async () => {
    const { proposalPagePlace } = await import('./app-places');
    expect(await proposalPagePlace({ region: EUROPE })).toEqual({
      ok: true,
      place: { project: home.project, region: EUROPE },
    });
    expect(await proposalPagePlace({})).toEqual({
      ok: true,
      place: { project: home.project, region: HOME },
    });
    expect(await proposalPagePlace({ region: 'asia-east1' })).toMatchObject({
      ok: false,
      errors: { region: expect.stringMatching(/not configured to read region asia-east1/) },
    });
    expect(await proposalPagePlace({ region: [EUROPE, HOME] })).toMatchObject({
      ok: false,
      errors: { region: expect.any(String) },
    });
    expect(await proposalPagePlace({ project: 'someone-else' })).toMatchObject({
      ok: false,
      errors: { project: expect.any(String) },
    });
  });

  it("project the form's limits from the job's own region", async () => {
    const { projectFormLimits } = await import('./projection');
    const query = (region: string) =>
      new URLSearchParams({
        tier: 'small',
        cpu: '2',
        memory: '2Gi',
        timeoutSeconds: '900',
        maxRetries: '2',
        days: '7',
        objective: 'balanced',
        region,
      });
    const [there, here] = await Promise.all([
      projectFormLimits(JOB, query(EUROPE)),
      projectFormLimits(JOB, query(HOME)),
    ]);
    expect(there.ok && there.value).toBeTruthy();
    expect(here.ok && here.value).toBeTruthy();
    // Two histories, two projections of the same limits.
    expect(there).not.toEqual(here);
    expect(await projectFormLimits(JOB, query('asia-east1'))).toMatchObject({
      ok: false,
      status: 400,
    });
  });
});
