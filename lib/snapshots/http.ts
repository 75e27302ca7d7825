/** Route handlers' answers for the service's errors: the status each carries and its plain message. */
export { serviceErrorResponse as errorResponse } from '@/lib/service/http';
