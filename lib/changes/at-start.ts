import { appChangeContext } from './app-context';
import { INTERRUPTED_APPLY_AFTER_MS } from '@/lib/changes/service-context';
import { resolveInterruptedApplies } from './recover';

async function resolveNow(): Promise<void> {
  try {
    const result = await resolveInterruptedApplies(await appChangeContext());
    const settled = result.applied.length + result.failed.length;
    if (settled > 0 || result.unresolved.length > 0) {
      console.log(
        `change requests left applying: ${result.applied.length} applied, ${result.failed.length} failed, ${result.unresolved.length} still unresolved`,
      );
    }
  } catch (error) {
    console.error('could not resolve change requests left applying:', error);
  }
}

/**
 * At start, and once more when a change claimed just before a crash has gone stale: changes a
 * stopped app left `applying` are read back from Cloud Run and settled, without delaying start-up.
 */
export function resolveInterruptedAppliesAtStart(): void {
  void resolveNow();
  setTimeout(() => void resolveNow(), INTERRUPTED_APPLY_AFTER_MS + 1_000).unref();
}
