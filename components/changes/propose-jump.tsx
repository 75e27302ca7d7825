'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { inputClass } from './field';

/** Opens the proposal form of the job typed in. */
export function ProposeJump() {
  const router = useRouter();
  const [job, setJob] = useState('');
  return (
    <form
      className="flex items-end gap-2 text-sm"
      onSubmit={(event) => {
        event.preventDefault();
        if (job.trim()) router.push(`/jobs/${encodeURIComponent(job.trim())}/changes/new`);
      }}
    >
      <div className="flex flex-col gap-1">
        <label htmlFor="propose-job" className="text-muted">
          Propose new limits for job
        </label>
        <input
          id="propose-job"
          value={job}
          onChange={(event) => setJob(event.target.value)}
          placeholder="reel-stitching-job"
          className={inputClass}
        />
      </div>
      <button type="submit" className="rounded border border-border px-3 py-1">
        Open form
      </button>
    </form>
  );
}
