import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { serverFieldErrors, SubmitStatus, type SettingsOutcome } from './form-bits';

function statusOf(state: SettingsOutcome, refused = false, invalid?: string): string {
  return renderToStaticMarkup(
    <SubmitStatus
      words={{
        statusId: 'status',
        label: 'Save',
        pendingLabel: 'Saving…',
        invalid,
      }}
      disabled={false}
      pending={false}
      refused={refused}
      state={state}
    />,
  );
}

describe('SubmitStatus', () => {
  it('says what the server did, or why it refused', () => {
    expect(statusOf({ ok: true, value: { message: 'Saved as version 3.' } })).toContain(
      'Saved as version 3.',
    );
    expect(statusOf({ ok: false, status: 409, error: 'Someone else saved it.' })).toMatch(
      /text-danger">Someone else saved it\.</,
    );
  });

  it('names what was not done when fields failed, the fields saying why', () => {
    const state: SettingsOutcome = {
      ok: false,
      status: 400,
      error: 'The settings were not saved: Enter a price.',
      fieldErrors: { vcpuSecondUsd: ['Enter a price.', 'A price cannot be negative.'] },
    };
    expect(statusOf(state)).toContain('Some fields need fixing; nothing was saved.');
    expect(statusOf(state, false, 'Some fields need fixing; nothing was proposed.')).toContain(
      'nothing was proposed.',
    );
    expect(serverFieldErrors(state)).toEqual({
      vcpuSecondUsd: 'Enter a price. A price cannot be negative.',
    });
    expect(serverFieldErrors({ ok: true, value: { message: '' } })).toEqual({});
  });

  it('prefers the browser’s own refusal, before anything was sent', () => {
    expect(statusOf(null, true)).toContain('Some fields need fixing; nothing was sent.');
    expect(statusOf(null)).toMatch(/role="status"[^>]*><\/p>/);
  });
});
