import { inputClass } from './field';

/** A plain GET form: filters live in the URL, so a link reproduces the view. */
export function Filters({
  action,
  fields,
}: {
  action: string;
  fields: readonly { name: string; label: string; value: string; options?: readonly string[] }[];
}) {
  return (
    <form action={action} method="get" className="flex flex-wrap items-end gap-3 text-sm">
      {fields.map((field) => (
        <div key={field.name} className="flex flex-col gap-1">
          <label htmlFor={`filter-${field.name}`} className="text-muted">
            {field.label}
          </label>
          {field.options ? (
            <select
              id={`filter-${field.name}`}
              name={field.name}
              defaultValue={field.value}
              className={inputClass}
            >
              <option value="">any</option>
              {field.options.map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={`filter-${field.name}`}
              name={field.name}
              defaultValue={field.value}
              className={inputClass}
            />
          )}
        </div>
      ))}
      <button type="submit" className="rounded border border-border px-3 py-1">
        Filter
      </button>
    </form>
  );
}
