/** Runs at most `max` of the tasks given to the returned function at once, the others queued in order. */
export function limitConcurrency(max: number) {
  let active = 0;
  const queue: (() => void)[] = [];
  // A finished task hands its place to the next waiting one, if any.
  const next = () => {
    const waiting = queue.shift();
    if (waiting) waiting();
    else active -= 1;
  };
  return async function limited<T>(task: () => Promise<T>): Promise<T> {
    if (active >= max) await new Promise<void>((resolve) => queue.push(resolve));
    else active += 1;
    try {
      return await task();
    } finally {
      next();
    }
  };
}
