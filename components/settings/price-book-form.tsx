'use client';

import { useState } from 'react';
import {
  CUSTOM_PRICE_BOOK_ID,
  fieldErrors,
  priceBookChoiceSchema,
  priceBookFromForm,
  type PriceBookChoice,
} from '@/lib/data/settings-schema';
import { PRICE_BOOKS } from '@/lib/domain/pricing';
import { FieldError, inputClass, SubmitStatus, useSettingsForm } from './form-bits';
import type { SettingsAction } from './form-bits';

const WORDS = {
  statusId: 'price-book-status',
  label: 'Save price book',
  pendingLabel: 'Saving…',
};

function validate(form: FormData): Record<string, string> | null {
  const checked = priceBookChoiceSchema.safeParse(priceBookFromForm(form));
  return checked.success ? null : fieldErrors(checked.error);
}

const CUSTOM_FIELDS = [
  ['label', 'Name of these rates', 'text'],
  ['asOf', 'As of (YYYY-MM-DD)', 'text'],
  ['vcpuSecondUsd', 'USD per vCPU-second', 'text'],
  ['gibSecondUsd', 'USD per GiB-second', 'text'],
] as const;

/** One of the published books, or the team's own rates with the date they were read. */
export function PriceBookForm({
  choice,
  action,
  canEdit,
}: {
  choice: PriceBookChoice;
  action: SettingsAction;
  canEdit: boolean;
}) {
  const [kind, setKind] = useState(choice.kind === 'custom' ? CUSTOM_PRICE_BOOK_ID : choice.id);
  const custom = choice.kind === 'custom' ? choice : null;
  const { formAction, pending, errors, check, status } = useSettingsForm(action, validate);
  return (
    <form action={formAction} noValidate className="space-y-3" onSubmit={check}>
      <fieldset disabled={!canEdit || pending} className="space-y-2">
        <legend className="text-sm">Price the reports with</legend>
        {PRICE_BOOKS.map((book) => (
          <label key={book.id} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name="id"
              value={book.id}
              checked={kind === book.id}
              onChange={() => setKind(book.id)}
              className="mt-1"
            />
            <span>
              {book.label}: ${book.vcpuSecondUsd} per vCPU-second, ${book.gibSecondUsd} per
              GiB-second, as of {book.asOf}
              {book.estimate ? ' (an estimate)' : ''}
            </span>
          </label>
        ))}
        <label className="flex items-start gap-2 text-sm">
          <input
            type="radio"
            name="id"
            value={CUSTOM_PRICE_BOOK_ID}
            checked={kind === CUSTOM_PRICE_BOOK_ID}
            onChange={() => setKind(CUSTOM_PRICE_BOOK_ID)}
            className="mt-1"
          />
          <span>Our own rates (a negotiated or regional price)</span>
        </label>
        <input
          type="hidden"
          name="kind"
          value={kind === CUSTOM_PRICE_BOOK_ID ? CUSTOM_PRICE_BOOK_ID : 'book'}
        />
        {kind === CUSTOM_PRICE_BOOK_ID ? (
          <div className="grid gap-2 sm:grid-cols-4">
            {CUSTOM_FIELDS.map(([name, label]) => (
              <div key={name}>
                <label htmlFor={`book-${name}`} className="text-xs text-muted">
                  {label}
                </label>
                <input
                  id={`book-${name}`}
                  name={name}
                  defaultValue={custom ? String(custom[name]) : ''}
                  aria-invalid={errors[name] ? true : undefined}
                  aria-describedby={errors[name] ? `book-${name}-error` : undefined}
                  className={inputClass}
                />
                <FieldError id={`book-${name}-error`} message={errors[name]} />
              </div>
            ))}
          </div>
        ) : null}
      </fieldset>
      <div className="flex items-center gap-3">
        <SubmitStatus words={WORDS} disabled={!canEdit} {...status} />
      </div>
    </form>
  );
}
