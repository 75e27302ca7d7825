'use client';

export function PrintButton() {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="no-print rounded border border-border px-3 py-1 text-sm"
    >
      Print / PDF
    </button>
  );
}
