import { describe, expect, it } from 'vitest';
import { limitConcurrency } from './overview-limit';

describe('limitConcurrency', () => {
  it('runs at most the limit at once, in the order given, and every task to its end', async () => {
    const limited = limitConcurrency(3);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        limited(async () => {
          started.push(i);
          running += 1;
          most = Math.max(most, running);
          await new Promise((resolve) => setTimeout(resolve, 5 + (i % 3)));
          running -= 1;
          if (i === 4) throw new Error('task 4 failed');
          return i * 2;
        }).catch((error: Error) => error.message),
      ),
    );
    expect(most).toBe(3);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // A failed task frees its place like any other.
    expect(results).toEqual([0, 2, 4, 6, 'task 4 failed', 10, 12, 14, 16, 18]);
  });
});
