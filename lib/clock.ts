/**
 * The app's present. Against Google it is the wall clock. In the demo (TIERWISE_EMULATOR_HOST
 * set) TIERWISE_DEMO_CLOCK_FILE may name a file holding a number of milliseconds the simulated
 * project runs ahead of the wall clock; the demo's emulator reads the same file, so writing a
 * larger number there moves both forward together ("let the project run for three days").
 * Without the emulator the variable is ignored: no setting can move the clock against Google.
 */
import { readFileSync } from 'node:fs';

/** The offset in a clock file: a whole number of milliseconds ≥ 0; a missing file is 0. */
export function readClockOffset(file: string): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch {
    return 0;
  }
  if (text === '') return 0;
  const offset = Number(text);
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new Error(
      `${file} (TIERWISE_DEMO_CLOCK_FILE) must hold a whole number of milliseconds ≥ 0, got "${text.slice(0, 40)}"`,
    );
  }
  return offset;
}

function demoClockFile(): string | undefined {
  if (!process.env.TIERWISE_EMULATOR_HOST) return undefined;
  const file = process.env.TIERWISE_DEMO_CLOCK_FILE;
  return file ? file : undefined;
}

/** Milliseconds since the epoch, as the app should read "now". */
export function appNow(): number {
  const file = demoClockFile();
  return Date.now() + (file ? readClockOffset(file) : 0);
}
