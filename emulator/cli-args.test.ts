import { describe, expect, it } from 'vitest';
import { CliArgumentError, parseCliArgs } from './cli-args';

const NOW_MS = Date.UTC(2025, 4, 20, 12);

describe('parseCliArgs', () => {
  it('uses the defaults: built-in scenario, seed 1, a free port, now, no faults', () => {
    expect(parseCliArgs([], NOW_MS)).toEqual({
      seed: 1,
      port: 0,
      nowMs: NOW_MS,
      faults: { unavailableRate: 0, exhaustedRate: 0, latencyMs: 0 },
      followClock: false,
      help: false,
    });
  });

  it('reads every option', () => {
    const options = parseCliArgs(
      [
        '--scenario',
        'package.json',
        '--seed',
        '42',
        '--port',
        '8123',
        '--now',
        '2025-01-02T03:04:05Z',
        '--ground-truth',
        'truth.json',
        '--faults',
        'unavailable=0.1',
        '--follow-clock',
      ],
      NOW_MS,
    );
    expect(options).toMatchObject({
      scenarioPath: 'package.json',
      seed: 42,
      port: 8123,
      nowMs: Date.UTC(2025, 0, 2, 3, 4, 5),
      groundTruthPath: 'truth.json',
      faults: { unavailableRate: 0.1 },
      followClock: true,
    });
  });

  it.each([
    [['--port', 'abc'], '--port must be a whole number'],
    [['--port', '70000'], '--port must be a whole number from 0 to 65535'],
    [['--seed', '-3'], '--seed'],
    [['--seed', '1.5'], '--seed must be a whole number'],
    [['--now', 'yesterday'], '--now must be an ISO 8601 time'],
    [['--scenario', 'no/such/scenario.json'], '--scenario: no such file "no/such/scenario.json"'],
    [['--ground-truth', 'no/such/folder/truth.json'], '--ground-truth: the folder'],
    [['--faults', 'unavailable=3'], '--faults: bad fault spec: unavailable=3'],
    [['--colour'], "'--colour'"],
    [['extra'], "'extra'"],
  ])('rejects %j naming the argument', (argv, message) => {
    expect(() => parseCliArgs(argv, NOW_MS)).toThrow(CliArgumentError);
    expect(() => parseCliArgs(argv, NOW_MS)).toThrow(message);
  });
});
