'use server';

import { revalidatePath } from 'next/cache';
import { guardedAction, type ActionResult } from '@/lib/auth/guard';
import { env } from '@/lib/env';
import { malformedActionInput } from '@/lib/http/action-input';
import { DECIMAL_TEXT } from '@/lib/http/decimal';
import { getStore } from '@/lib/store/instance';
import { appLiveReportReader } from '@/lib/snapshots/live';
import { createPublicLink } from '@/lib/snapshots/public-link-service';
import { formToObject, parseSnapshotRequest } from '@/lib/snapshots/request';
import { revokeSnapshot, takeSnapshot } from '@/lib/snapshots/snapshots';

/** The report settings a Share button is bound to; checked again here, the client is not trusted. */
export type ShareSettings = Readonly<Record<string, string | number | undefined>>;

/** Freezes the report named by the bound settings (job, days or start/end, price book, objective). */
export async function shareReportAction(
  settings: ShareSettings,
  _previous: ActionResult<{ id: string; url: string }> | null,
  form: FormData,
): Promise<ActionResult<{ id: string; url: string }>> {
  const malformed = malformedActionInput({ settings, form });
  if (malformed) return malformed;
  return guardedAction('share-report', async (user) => {
    const defined = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined));
    const request = parseSnapshotRequest({ ...defined, ...formToObject(form) });
    const { id, url } = await takeSnapshot(
      { store: await getStore(), readLiveReport: appLiveReportReader() },
      user,
      request,
    );
    return { id, url };
  });
}

export async function revokeSnapshotAction(id: string): Promise<ActionResult<{ id: string }>> {
  const malformed = malformedActionInput({ id });
  if (malformed) return malformed;
  const result = await guardedAction('view-reports', async (user) => {
    await revokeSnapshot(await getStore(), user, id);
    return { id };
  });
  if (result.ok) revalidatePath(`/r/${id}`);
  return result;
}

export async function publicLinkAction(
  id: string,
  _previous: ActionResult<{ url: string; expiresAtMs: number }> | null,
  form: FormData,
): Promise<ActionResult<{ url: string; expiresAtMs: number }>> {
  const malformed = malformedActionInput({ id, form });
  if (malformed) return malformed;
  return guardedAction('share-report', async (user) => {
    const raw = form.get('days') ?? '7';
    const days = typeof raw === 'string' && DECIMAL_TEXT.test(raw.trim()) ? Number(raw) : NaN;
    return createPublicLink(env(), await getStore(), user, id, days);
  });
}
