'use client';

import { useQueryStates } from 'nuqs';
import { useState, useTransition } from 'react';
import { PRICE_BOOKS } from '@/lib/domain/pricing';
import { OBJECTIVES } from '@/lib/domain/recommend/types';
import { WINDOW_DAYS, viewParsers } from './view-params';

const OBJECTIVE_WORDS = { cost: 'Lowest cost', speed: 'Fastest', balanced: 'Balanced' } as const;
const field = 'rounded border border-border bg-background px-2 py-1 text-sm';

type View = ReturnType<typeof useQueryStates<typeof viewParsers>>[0];
type SetView = ReturnType<typeof useQueryStates<typeof viewParsers>>[1];

function isoDay(date: Date | null): string {
  return date ? date.toISOString().slice(0, 10) : '';
}

function WindowButtons({ view, setView }: { view: View; setView: SetView }) {
  const ranged = view.from !== null && view.to !== null;
  return (
    <fieldset className="flex items-center gap-1">
      <legend className="mb-1 text-muted">Window</legend>
      {WINDOW_DAYS.map((days) => (
        <button
          key={days}
          type="button"
          aria-pressed={!ranged && view.days === days}
          onClick={() => void setView({ days, from: null, to: null })}
          className="rounded border border-border px-2 py-1 aria-pressed:bg-accent aria-pressed:text-background"
        >
          {days} days
        </button>
      ))}
    </fieldset>
  );
}

function RangeForm({ view, setView }: { view: View; setView: SetView }) {
  const [from, setFrom] = useState(isoDay(view.from));
  const [to, setTo] = useState(isoDay(view.to));
  return (
    <form
      className="flex items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (from && to)
          void setView({ from: new Date(`${from}T00:00:00Z`), to: new Date(`${to}T00:00:00Z`) });
      }}
    >
      <label className="flex flex-col gap-1">
        <span className="text-muted">From (UTC)</span>
        <input
          type="date"
          className={field}
          value={from}
          max={to || undefined}
          onChange={(e) => setFrom(e.target.value)}
        />
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-muted">To (UTC)</span>
        <input
          type="date"
          className={field}
          value={to}
          min={from || undefined}
          onChange={(e) => setTo(e.target.value)}
        />
      </label>
      <button
        type="submit"
        className="rounded border border-border px-2 py-1"
        disabled={!from || !to || from > to}
      >
        Show range
      </button>
    </form>
  );
}

function BookAndObjective({
  view,
  setView,
  hasCustomRates,
}: {
  view: View;
  setView: SetView;
  hasCustomRates: boolean;
}) {
  return (
    <>
      <label className="flex flex-col gap-1">
        <span className="text-muted">Price book</span>
        <select
          className={field}
          value={view.book ?? ''}
          onChange={(e) => void setView({ book: (e.target.value || null) as View['book'] })}
        >
          <option value="">The team&apos;s saved book</option>
          {PRICE_BOOKS.map((book) => (
            <option key={book.id} value={book.id}>
              {book.label}
              {book.estimate ? ' (estimate)' : ''}
            </option>
          ))}
          {hasCustomRates ? <option value="custom">Custom rates (saved)</option> : null}
        </select>
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-muted">Recommend for</span>
        <select
          className={field}
          value={view.objective}
          onChange={(e) => void setView({ objective: e.target.value as View['objective'] })}
        >
          {OBJECTIVES.map((objective) => (
            <option key={objective} value={objective}>
              {OBJECTIVE_WORDS[objective]}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}

/** Window, price book and objective, written to the URL; the server re-reads the report. */
export function ViewControls({ hasCustomRates }: { hasCustomRates: boolean }) {
  const [pending, startTransition] = useTransition();
  const [view, setView] = useQueryStates(viewParsers, {
    shallow: false,
    startTransition,
    history: 'push',
  });
  return (
    <div className="no-print flex flex-wrap items-end gap-x-6 gap-y-3 text-sm">
      <WindowButtons view={view} setView={setView} />
      <RangeForm view={view} setView={setView} />
      <BookAndObjective view={view} setView={setView} hasCustomRates={hasCustomRates} />
      {view.policy ? (
        <button
          type="button"
          className="rounded border border-border px-2 py-1"
          onClick={() => void setView({ policy: null })}
        >
          Use the saved tier policy
        </button>
      ) : null}
      <p role="status" aria-live="polite" className="min-w-40 text-muted">
        {pending ? 'Reading the report for this view…' : ''}
      </p>
    </div>
  );
}
