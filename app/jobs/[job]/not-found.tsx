import Link from 'next/link';

export default function UnknownJob() {
  return (
    <section className="max-w-xl space-y-3">
      <h1 className="text-xl font-semibold">No such job</h1>
      <p>
        There is no Cloud Run job by that name in this project and region. It may have been deleted,
        or the link has a typo.
      </p>
      <Link href="/" className="text-accent underline">
        See every job in the project
      </Link>
    </section>
  );
}
