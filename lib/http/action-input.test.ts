import { describe, expect, it } from 'vitest';
import { malformedActionInput } from './action-input';

describe('malformedActionInput', () => {
  it('accepts what the app binds and posts', () => {
    const form = new FormData();
    expect(malformedActionInput({ id: 'AbC_-19xyzAbC_-19xyz12', form })).toBeUndefined();
    expect(malformedActionInput({ job: 'reel-stitching-job', version: 3 })).toBeUndefined();
    expect(
      malformedActionInput({ settings: { job: 'reel', days: 30, to: undefined } }),
    ).toBeUndefined();
  });

  it.each([
    ['an object where an id belongs', { id: { $ne: null } }, /id: expected an id as text/],
    ['an id with a path in it', { id: '../../etc' }, /id: expected an id of letters/],
    ['no form', { id: 'abc', form: undefined }, /form: expected the form's fields/],
    ['a string as the form', { form: 'reason=x' }, /form/],
    ['null settings', { settings: null }, /settings/],
    ['a job name with capitals', { job: 'Reel' }, /job: expected a Cloud Run job name/],
    ['a version as text', { version: '3' }, /version/],
  ])('refuses %s with 400 and says nothing changed', (_name, args, reason) => {
    const failure = malformedActionInput(args);
    expect(failure).toMatchObject({ ok: false, status: 400 });
    expect(failure?.error).toMatch(reason);
    expect(failure?.error).toMatch(/nothing was changed/);
  });
});
