import { describe, expect, it } from 'vitest';
import { TaskLookup } from './task-lookup';
import { execution, task } from '@/test/support/report-records';

const [a, b, c] = [execution({ id: 'a' }), execution({ id: 'b' }), execution({ id: 'c' })];
const a0 = task(a!);
const b0 = task(b!, { index: 0 });
const b1 = task(b!, { index: 1, fullName: `${b!.fullName}/tasks/b-task1` });
const c0 = task(c!);

describe('TaskLookup', () => {
  it.each([
    { name: 'in listing order', tasks: [a0, b0, b1, c0] },
    { name: 'in another order', tasks: [c0, b0, a0, b1] },
    { name: 'with an execution listed without tasks first', tasks: [b0, b1, c0] },
  ])('finds every execution’s tasks $name', ({ tasks }) => {
    const lookup = new TaskLookup(tasks);
    const found = [a!, b!, c!].map((e) => lookup.tasksOf(e).map((t) => t.fullName));
    const expected = (id: string) =>
      tasks.filter((t) => t.execution.endsWith(`/${id}`)).map((t) => t.fullName);
    expect(found).toEqual([expected('a'), expected('b'), expected('c')]);
  });

  it('answers no tasks when none were read', () => {
    expect(new TaskLookup().tasksOf(a!)).toEqual([]);
    expect(new TaskLookup([]).tasksOf(b!)).toEqual([]);
  });
});
