import { describe, expect, it } from 'vitest';
import { CliArgumentError, parseCommand } from './args';

describe('parseCommand', () => {
  it('reads a full report command', () => {
    const command = parseCommand([
      'report',
      '--job',
      'reel-stitching-job',
      '--project',
      'phoenix-project-386',
      '--region',
      'us-central1',
      '--days',
      '7',
      '--price-book',
      'services-request',
      '--objective',
      'cost',
      '--failure-budget',
      '2%',
      '--format',
      'md',
      '--now',
      '2025-05-20T12:00:00Z',
      '--share',
    ]);
    expect(command).toEqual({
      kind: 'report',
      job: 'reel-stitching-job',
      project: 'phoenix-project-386',
      region: 'us-central1',
      days: 7,
      policyFile: undefined,
      priceBook: 'services-request',
      objective: 'cost',
      maxFailureRate: 0.02,
      format: 'md',
      nowMs: Date.UTC(2025, 4, 20, 12),
      share: true,
    });
  });

  it('has defaults for everything but the job', () => {
    expect(parseCommand(['report', '--job', 'j1'])).toMatchObject({
      days: 30,
      priceBook: 'jobs-tier1',
      objective: 'balanced',
      format: 'json',
      nowMs: undefined,
      maxFailureRate: undefined,
    });
  });

  it.each([[[]], [['--help']], [['help']], [['report', '-h']]])('asks for help with %j', (argv) => {
    expect(parseCommand(argv)).toEqual({ kind: 'help' });
  });

  it.each([
    [['report'], '--job'],
    [['report', '--job', ''], '--job'],
    [['report', '--job', 'Bad_Name'], '--job'],
    [['report', '--job', 'j', '--days', '0'], '--days'],
    [['report', '--job', 'j', '--days', '401'], '--days'],
    [['report', '--job', 'j', '--days', '2.5'], '--days'],
    [['report', '--job', 'j', '--days', 'abc'], '--days'],
    [['report', '--job', 'j', '--format', 'xml'], '--format'],
    [['report', '--job', 'j', '--objective', 'cheap'], '--objective'],
    [['report', '--job', 'j', '--now', 'yesterday'], '--now'],
    [['report', '--job', 'j', '--project', 'X'], '--project'],
    [['report', '--job', 'j', '--region', 'mars'], '--region'],
    [['report', '--job', 'j', '--dyas', '3'], '--dyas'],
    [['report', '--job', 'j', '--failure-budget', '0'], '--failure-budget'],
    [['report', '--job', 'j', '--failure-budget', '25%'], '--failure-budget'],
    [['report', '--job', 'j', '--failure-budget', 'half'], '--failure-budget'],
    [['sync', '--failure-budget', '1%'], '--failure-budget'],
    [['summarise', '--job', 'j'], 'summarise'],
  ])('refuses %j naming %s', (argv, named) => {
    expect(() => parseCommand(argv)).toThrow(CliArgumentError);
    expect(() => parseCommand(argv)).toThrow(named);
  });
});
