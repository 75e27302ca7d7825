export default function SharedReportNotFound() {
  return (
    <div className="p-6">
      <h1 className="text-lg font-semibold">No shared report here</h1>
      <p className="mt-2 text-sm text-muted">
        There is no shared report at this link. Check that the whole link was copied.
      </p>
    </div>
  );
}
