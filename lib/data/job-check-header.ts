/** Set by the access proxy only: `present:JOB` or `missing:JOB`, what Cloud Run said before the page. */
export const JOB_CHECK_HEADER = 'x-tierwise-job-check';
