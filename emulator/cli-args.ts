import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FaultSpecError, NO_FAULTS, parseFaults, type FaultSpec } from './faults';

export interface CliOptions {
  /** Undefined → the simulator's default scenario. */
  readonly scenarioPath?: string;
  readonly seed: number;
  readonly port: number;
  readonly nowMs: number;
  readonly groundTruthPath?: string;
  readonly faults: FaultSpec;
  readonly followClock: boolean;
  readonly help: boolean;
}

export const USAGE = `usage: npm run emulator -- [options]
  --scenario FILE       scenario JSON (default: the built-in reel-stitching scenario)
  --seed N              simulation and fault seed, a whole number (default 1)
  --port P              port on 127.0.0.1, 0 picks a free one (default 0)
  --now ISO             the simulated present, e.g. 2025-05-20T12:00:00Z (default: now)
  --ground-truth FILE   write the simulator's ground truth as JSON to FILE
  --faults SPEC         e.g. unavailable=0.2,exhausted=0.05,latency=200ms
  --follow-clock        keep the simulation moving with the wall clock`;

/** A command-line argument the emulator cannot start with; the CLI exits with code 2. */
export class CliArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliArgumentError';
  }
}

function wholeNumber(flag: string, text: string, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value > max) {
    throw new CliArgumentError(`${flag} must be a whole number from 0 to ${max}, got "${text}"`);
  }
  return value;
}

function isoTime(text: string): number {
  const ms = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text) || Number.isNaN(ms)) {
    throw new CliArgumentError(
      `--now must be an ISO 8601 time such as 2025-05-20T12:00:00Z, got "${text}"`,
    );
  }
  return ms;
}

function readableFile(flag: string, file: string): string {
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new CliArgumentError(`${flag}: no such file "${file}"`);
  }
  return file;
}

function writablePath(flag: string, file: string): string {
  const dir = path.dirname(path.resolve(file));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new CliArgumentError(`${flag}: the folder "${dir}" does not exist`);
  }
  return file;
}

function faultsOf(spec: string | undefined): FaultSpec {
  if (spec === undefined) return NO_FAULTS;
  try {
    return parseFaults(spec);
  } catch (error) {
    if (error instanceof FaultSpecError) throw new CliArgumentError(`--faults: ${error.message}`);
    throw error;
  }
}

function readFlags(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        scenario: { type: 'string' },
        seed: { type: 'string' },
        port: { type: 'string' },
        now: { type: 'string' },
        'ground-truth': { type: 'string' },
        faults: { type: 'string' },
        'follow-clock': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    throw new CliArgumentError(error instanceof Error ? error.message : String(error));
  }
}

/** Reads and checks the emulator's command line; `nowMs` is the default present. */
export function parseCliArgs(argv: readonly string[], nowMs: number): CliOptions {
  const flags = readFlags(argv);
  return {
    ...(flags.scenario !== undefined && {
      scenarioPath: readableFile('--scenario', flags.scenario),
    }),
    seed: flags.seed === undefined ? 1 : wholeNumber('--seed', flags.seed, 2 ** 32 - 1),
    port: flags.port === undefined ? 0 : wholeNumber('--port', flags.port, 65535),
    nowMs: flags.now === undefined ? nowMs : isoTime(flags.now),
    ...(flags['ground-truth'] !== undefined && {
      groundTruthPath: writablePath('--ground-truth', flags['ground-truth']),
    }),
    faults: faultsOf(flags.faults),
    followClock: flags['follow-clock'] ?? false,
    help: flags.help ?? false,
  };
}
