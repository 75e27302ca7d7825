/** Next.js start-up hook: settles change requests a stopped server left half-applied; starts webhooks. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { resolveInterruptedAppliesAtStart } = await import('./lib/changes/at-start');
  resolveInterruptedAppliesAtStart();
  const { startNotifier } = await import('./lib/notify/at-start');
  startNotifier();
}
