/**
 * Next's `headers()` and `cookies()` for route and guard tests run outside a Next server: both
 * answer from one request object the test changes as it goes (who is signed in, which headers).
 */
export interface TestRequest {
  readonly headers: Headers;
  readonly cookies: Map<string, string>;
}

/**
 * The demo sign-in, and an emulator address for modules that read it when imported: for
 * `vi.hoisted`, so both are set before the code under test is loaded.
 */
export function demoRequest(cookies: Iterable<[string, string]> = []): TestRequest {
  process.env.TIERWISE_EMULATOR_HOST = '127.0.0.1:8086';
  process.env.TIERWISE_AUTH = 'demo';
  return { headers: new Headers(), cookies: new Map(cookies) };
}

/** What `vi.mock('next/headers', …)` answers with. */
export function nextHeadersOf(request: TestRequest) {
  return {
    headers: async () => request.headers,
    cookies: async () => ({
      get: (name: string) =>
        request.cookies.has(name) ? { name, value: request.cookies.get(name) } : undefined,
    }),
  };
}
