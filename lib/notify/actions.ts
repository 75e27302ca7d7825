'use server';

import { revalidatePath } from 'next/cache';
import { actionWithRole, type ActionResult } from '@/lib/auth/guard';
import { getStore } from '@/lib/store/instance';
import { addWebhookEndpoint, removeWebhookEndpoint, WebhookInputError } from './endpoints';

export type WebhookFormState = ActionResult<{ message: string; secret?: string }> | null;

function failed(error: unknown): WebhookFormState {
  if (!(error instanceof WebhookInputError)) throw error;
  const fieldErrors = Object.fromEntries(
    Object.entries(error.errors).map(([field, message]) => [field, [message]]),
  );
  return { ok: false, status: 400, error: error.message, fieldErrors };
}

export async function addWebhookAction(
  _previous: WebhookFormState,
  form: FormData,
): Promise<WebhookFormState> {
  const result = await actionWithRole('edit-settings', async (user) => {
    try {
      const endpoint = await addWebhookEndpoint(await getStore(), user.email, {
        url: form.get('url'),
        format: form.get('format'),
      });
      const message = `Added. Its signing secret is shown once: keep it in the receiver.`;
      return { ok: true as const, value: { message, secret: endpoint.secret } };
    } catch (error) {
      return failed(error) ?? { ok: false as const, status: 400 as const, error: 'Not added.' };
    }
  });
  revalidatePath('/settings');
  return result;
}

export async function removeWebhookAction(id: string): Promise<WebhookFormState> {
  const result = await actionWithRole('edit-settings', async (user) => {
    try {
      await removeWebhookEndpoint(await getStore(), user.email, id);
      return { ok: true as const, value: { message: 'Removed.' } };
    } catch (error) {
      return failed(error) ?? { ok: false as const, status: 400 as const, error: 'Not removed.' };
    }
  });
  revalidatePath('/settings');
  return result;
}
