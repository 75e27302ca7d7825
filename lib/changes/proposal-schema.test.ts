import { describe, expect, it } from 'vitest';
import { parseProposal } from './proposal-schema';

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
