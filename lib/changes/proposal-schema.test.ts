import { describe, expect, it } from 'vitest';
import { parseProposal, proposalFromForm } from './proposal-schema';

const proposal = (limits: Record<string, unknown>) => ({
  job: 'reel-stitching-job',
  reason: 'Right-size the reel job after review',
  limits: { cpu: '2', memory: '4Gi', ...limits },
});

describe('parseProposal numbers', () => {
  it.each([['0x258'], ['6e2'], ['600s'], ['Infinity']])(
    'refuses timeoutSeconds %j instead of reading it as a number',
    (timeoutSeconds) => {
      const parsed = parseProposal(proposal({ timeoutSeconds }));
      expect(parsed).toEqual({
        ok: false,
        errors: expect.objectContaining({ 'limits.timeoutSeconds': expect.any(String) }),
      });
    },
  );

  it('refuses maxRetries written in hex', () => {
    const parsed = parseProposal(proposal({ maxRetries: '0x3' }));
    expect(parsed).toEqual({
      ok: false,
      errors: expect.objectContaining({ 'limits.maxRetries': expect.any(String) }),
    });
  });

  it('reads a typed decimal as the number it says', () => {
    const parsed = parseProposal(proposal({ timeoutSeconds: ' 900 ', maxRetries: '2' }));
    expect(parsed.ok && parsed.value.limits).toMatchObject({ timeoutSeconds: 900, maxRetries: 2 });
  });
});

describe('staged lowering in a proposal', () => {
  const form = (staged: boolean) => {
    const data = new FormData();
    for (const [key, value] of Object.entries({
      cpu: '2',
      memory: '2Gi',
      reason: 'Lower the small tier in steps',
    })) {
      data.set(key, value);
    }
    if (staged) data.set('staged', 'on');
    return data;
  };

  it('reads the checkbox and keeps the flag through the parser', () => {
    const ticked = parseProposal(proposalFromForm('reel-stitching-job', form(true)));
    expect(ticked).toMatchObject({ ok: true, value: { staged: true } });
    const plain = parseProposal(proposalFromForm('reel-stitching-job', form(false)));
    expect(plain.ok && plain.value.staged).toBeFalsy();
  });

  it('refuses a flag that is not a boolean', () => {
    const result = parseProposal({
      job: 'reel-stitching-job',
      limits: { cpu: '2', memory: '2Gi' },
      reason: 'Lower the small tier in steps',
      staged: 'yes',
    });
    expect(result).toEqual({ ok: false, errors: { staged: 'staged is true or false.' } });
  });
});
