import { describe, expect, it } from 'vitest';
import { AuthError } from '@/lib/auth/errors';
import { ChangeInputError, ChangeStateError } from '@/lib/changes/errors';
import { SettingsInputError } from '@/lib/data/settings';
import { SnapshotRequestError } from '@/lib/snapshots/errors';
import { WebhookInputError } from '@/lib/notify/endpoints';
import {
  FieldInputError,
  fieldErrorsOf,
  isServiceError,
  serviceErrorBody,
  ServiceError,
} from './errors';

describe('ServiceError', () => {
  it('is what every feature throws, with its status and field errors in one shape', () => {
    const thrown = [
      new ChangeInputError({ 'limits.cpu': 'Choose 1, 2, 4, 6 or 8 vCPU.' }),
      new SettingsInputError({ vcpuSecondUsd: 'Enter a price in USD.' }),
      new SnapshotRequestError('Fix the window.', { days: ['Between 1 and 400.'] }),
      new ChangeStateError('Already applied.'),
      new AuthError(),
    ];
    expect(thrown.every(isServiceError)).toBe(true);
    expect(thrown.map((e) => e.status)).toEqual([400, 400, 400, 409, 401]);
    expect(thrown[0]?.fieldErrors).toEqual({ 'limits.cpu': ['Choose 1, 2, 4, 6 or 8 vCPU.'] });
    expect(thrown[1]?.fieldErrors).toEqual({ vcpuSecondUsd: ['Enter a price in USD.'] });
    expect(thrown[3]?.fieldErrors).toEqual({});
  });

  it('answers JSON with field errors only when there are some', () => {
    expect(serviceErrorBody(new ServiceError(404, 'No such job.'))).toEqual({
      error: 'No such job.',
    });
    expect(
      serviceErrorBody(
        new ServiceError(400, 'Fix reason.', {
          fieldErrors: fieldErrorsOf({ reason: 'Too long.' }),
        }),
      ),
    ).toEqual({
      error: 'Fix reason.',
      fieldErrors: { reason: ['Too long.'] },
    });
  });

  it('names the fields of bad input, unless a feature says what was not done', () => {
    const errors = { url: 'Use https.', format: 'Choose slack or json.' };
    const webhook = new WebhookInputError(errors);
    expect(webhook).toBeInstanceOf(FieldInputError);
    expect(webhook.message).toBe('Fix url, format: Use https. Choose slack or json.');
    expect(webhook.errors).toEqual(errors);
    expect(webhook.fieldErrors).toEqual({ url: ['Use https.'], format: ['Choose slack or json.'] });
    expect(new SettingsInputError({ asOf: 'Write the date as YYYY-MM-DD.' }).message).toBe(
      'The settings were not saved: Write the date as YYYY-MM-DD.',
    );
  });

  it('is not any error with a status', () => {
    expect(isServiceError(Object.assign(new Error('x'), { status: 400 }))).toBe(false);
  });
});
