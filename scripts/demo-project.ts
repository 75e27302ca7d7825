/**
 * The demo's simulated project: the emulator serving the scenario's world at the present, with
 * the last `history.days` replayed into the ledger first (demo-history.ts). During the replay the
 * world moves only in the replay's steps; afterwards it follows real time, plus the offset in
 * TIERWISE_DEMO_CLOCK_FILE when one is given.
 */
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { readClockOffset } from '../lib/clock';
import {
  createOtherRegions,
  createWorld,
  type Scenario,
  type SimulatedWorld,
} from '../emulator/sim';
import { replayHistory, type DemoHistorySettings, type ReplaySummary } from './demo-history';

const DAY_MS = 86_400_000;

export interface DemoProject {
  readonly world: SimulatedWorld;
  readonly emulator: RunningEmulator;
  /** What the replay did; absent when no history was asked for. */
  readonly replay?: ReplaySummary;
}

export interface DemoProjectOptions {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly history: DemoHistorySettings;
  /**
   * TIERWISE_DEMO_CLOCK_FILE: the milliseconds the project runs ahead of real time, re-read on
   * every call, so writing a larger number lets the simulated project run on (lib/clock.ts).
   */
  readonly clockFile?: string;
  /** Told of every call the emulator receives, the replay's syncs included. */
  readonly onCall?: (method: string) => void;
}

export async function startDemoProject(options: DemoProjectOptions): Promise<DemoProject> {
  const { history } = options;
  const presentMs = Date.now();
  const worldOptions = {
    seed: options.seed,
    now: presentMs - history.days * DAY_MS,
    windowEndMs: presentMs,
  };
  const world = createWorld(options.scenario, worldOptions);
  let live = false;
  const emulator = await startEmulator({
    world,
    // A scenario's other regions; they follow the same clock (their ledger syncs on page view).
    otherPlaces: createOtherRegions(options.scenario, worldOptions),
    port: 0,
    clock: () =>
      live
        ? Date.now() + (options.clockFile ? readClockOffset(options.clockFile) : 0)
        : world.now(),
    ...(options.onCall && { onCall: options.onCall }),
  });
  try {
    const replay =
      history.days > 0
        ? await replayHistory({
            world,
            untilMs: presentMs,
            emulatorHost: emulator.host,
            databaseUrl: history.databaseUrl,
            retentionDays: history.retentionDays,
          })
        : undefined;
    live = true;
    return { world, emulator, ...(replay && { replay }) };
  } catch (error) {
    await emulator.stop();
    throw error;
  }
}

/** One line saying what the replay put in the ledger, e.g. for the demo's output. */
export function describeReplay(replay: ReplaySummary | undefined, days: number): string {
  if (!replay) return 'ledger: no history replayed (TIERWISE_DEMO_HISTORY_DAYS=0)';
  const executions = (n: number) => `${n.toLocaleString('en-US')} execution${n === 1 ? '' : 's'}`;
  const seconds = Math.round(replay.durationMs / 1000);
  const notes = [
    replay.alreadyStored > 0 && `; ${executions(replay.alreadyStored)} already stored`,
    replay.busy > 0 && `; ${replay.busy} syncs skipped while another process synced the job`,
  ].filter(Boolean);
  return `ledger: ${executions(replay.added)} synced over ${days} days in ${seconds} s${notes.join('')}`;
}
