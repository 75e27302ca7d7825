import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="p-6">
      <h1 className="text-lg font-semibold">Not found</h1>
      <p className="mt-2 text-sm text-muted">There is nothing at this address.</p>
      <Link href="/" className="mt-4 inline-block text-accent underline">
        Back to the overview
      </Link>
    </div>
  );
}
