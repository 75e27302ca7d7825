'use server';

import { revalidatePath } from 'next/cache';
import { guardedAction, type ActionResult } from '@/lib/auth/guard';
import { malformedActionInput } from '@/lib/http/action-input';
import { getStore } from '@/lib/store/instance';
import { addWebhookEndpoint, removeWebhookEndpoint } from './endpoints';

/** What a webhook action answers: its outcome line, and a new endpoint's secret, shown once. */
type Outcome = ActionResult<{ message: string; secret?: string }>;

export async function addWebhookAction(
  _previous: Outcome | null,
  form: FormData,
): Promise<Outcome> {
  const malformed = malformedActionInput({ form });
  if (malformed) return malformed;
  const result = await guardedAction('edit-settings', async (user) => {
    const endpoint = await addWebhookEndpoint(await getStore(), user.email, {
      url: form.get('url'),
      format: form.get('format'),
    });
    const message = `Added. Its signing secret is shown once: keep it in the receiver.`;
    return { message, secret: endpoint.secret };
  });
  revalidatePath('/settings');
  return result;
}

export async function removeWebhookAction(id: string): Promise<Outcome> {
  const malformed = malformedActionInput({ id });
  if (malformed) return malformed;
  const result = await guardedAction('edit-settings', async (user) => {
    await removeWebhookEndpoint(await getStore(), user.email, id);
    return { message: 'Removed.' };
  });
  revalidatePath('/settings');
  return result;
}
