export const dynamic = 'force-dynamic';

/** Liveness for load balancers and the demo launcher; touches no Google API. */
export function GET() {
  return Response.json({ ok: true });
}
