import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appNow, readClockOffset } from './clock';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

function clockFile(text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'tierwise-clock-')), 'offset');
  writeFileSync(file, text);
  return file;
}

describe('demo clock', () => {
  it('reads a missing or empty file as no offset and rejects anything but whole ms', () => {
    expect(readClockOffset('/nonexistent/tierwise-clock')).toBe(0);
    expect(readClockOffset(clockFile(''))).toBe(0);
    expect(readClockOffset(clockFile('259200000\n'))).toBe(259_200_000);
    expect(() => readClockOffset(clockFile('3 days'))).toThrow(/whole number of milliseconds/);
    expect(() => readClockOffset(clockFile('-5'))).toThrow(/whole number of milliseconds/);
  });

  it('moves the present only with the emulator', () => {
    const file = clockFile(String(86_400_000));
    process.env.TIERWISE_DEMO_CLOCK_FILE = file;
    delete process.env.TIERWISE_EMULATOR_HOST;
    const real = appNow();
    expect(Math.abs(real - Date.now())).toBeLessThan(1000);
    process.env.TIERWISE_EMULATOR_HOST = '127.0.0.1:8086';
    expect(appNow() - Date.now()).toBeGreaterThan(86_400_000 - 1000);
  });
});
