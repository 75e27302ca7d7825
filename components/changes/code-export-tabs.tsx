'use client';

import { useState } from 'react';

export interface CodeExport {
  readonly format: string;
  readonly label: string;
  readonly href: string;
  /** The text, or why it could not be made. */
  readonly text: string | null;
  readonly error: string | null;
}

/** One tab per format, the text as it is served at `href`, and a copy button. */
export function CodeExportTabs({ exports }: { exports: readonly CodeExport[] }) {
  const [selected, setSelected] = useState(exports[0]?.format ?? '');
  const [copied, setCopied] = useState<string | null>(null);
  const current = exports.find((each) => each.format === selected) ?? exports[0];
  if (!current) return null;
  async function copy(text: string) {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(`Copied the ${current?.label} text.`);
    } catch {
      setCopied('The browser refused the clipboard; select the text and copy it instead.');
    }
  }
  return (
    <div className="grid gap-2">
      <div role="tablist" aria-label="Format" className="flex flex-wrap gap-2">
        {exports.map((each) => (
          <button
            key={each.format}
            type="button"
            role="tab"
            aria-selected={each.format === current.format}
            onClick={() => {
              setSelected(each.format);
              setCopied(null);
            }}
            className={`rounded border px-2 py-1 text-sm ${each.format === current.format ? 'border-accent text-accent' : 'border-border'}`}
          >
            {each.label}
          </button>
        ))}
      </div>
      {current.text !== null ? (
        <>
          <pre
            role="tabpanel"
            aria-label={current.label}
            className="max-h-96 overflow-auto rounded border border-border p-3 text-xs"
          >
            {current.text}
          </pre>
          <div className="flex items-center gap-3 text-sm">
            <button
              type="button"
              onClick={() => copy(current.text ?? '')}
              className="rounded bg-accent px-3 py-1 text-white"
            >
              Copy
            </button>
            <a href={current.href} className="text-accent underline">
              Plain text
            </a>
            <span aria-live="polite" className="text-muted">
              {copied}
            </span>
          </div>
        </>
      ) : (
        <p className="text-sm text-danger">{current.error}</p>
      )}
    </div>
  );
}
