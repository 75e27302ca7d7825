/** Small timing helpers shared by the benchmarks: medians of repeated runs, wall-clock ms. */
export async function timeMs<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

export async function medianMs(
  runs: number,
  fn: () => Promise<unknown> | unknown,
): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await timeMs(fn)).ms);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export function row(label: string, value: string): void {
  console.log(`${label.padEnd(64)} ${value}`);
}

/** Polls the app's health route until it answers, for at most a minute. */
export async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the app did not answer ${url} within 60 s`);
}

/** Calls by method, most first, from the emulator's observed method paths: "N Google API calls (ListTimeSeries 4, …)". */
export function callTally(calls: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const call of calls) {
    const name = call.split('/').pop() ?? call;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const parts = [...counts].sort((a, b) => b[1] - a[1]).map(([name, n]) => `${name} ${n}`);
  return `${calls.length} Google API calls (${parts.join(', ')})`;
}
