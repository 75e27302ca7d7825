/** A propose page whose `?project=` / `?region=` Tierwise will not act on: why, by field. */
export function PlaceRefused({
  job,
  errors,
}: {
  job: string;
  errors: Readonly<Record<string, string>>;
}) {
  return (
    <div className="grid gap-3">
      <h1 className="text-xl font-semibold">Cannot propose new limits for {job} there</h1>
      <ul role="alert" className="grid gap-1 text-sm text-danger">
        {Object.entries(errors).map(([field, message]) => (
          <li key={field}>
            {field}: {message}
          </li>
        ))}
      </ul>
    </div>
  );
}
