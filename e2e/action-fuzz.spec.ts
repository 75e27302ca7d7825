/**
 * Every server action of the built app, posted as a crafted client would: bodies Next cannot
 * decode, arguments of the wrong shape, no form, an over-long reason, foreign origins. None may
 * answer 5xx, none may report success, and nothing may be stored (changes, audit log).
 * The actions are read from the build's manifest, so a new action is fuzzed without editing this.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';

const JOB = 'reel-stitching-job';
const MANIFEST = path.join('.next', 'server', 'server-reference-manifest.json');

type Action = { readonly id: string; readonly name: string; readonly page: string };

/** `app/jobs/[job]/changes/new/page` → `/jobs/reel-stitching-job/changes/new`. */
function pagePath(worker: string): string {
  const route = worker
    .replace(/^app/, '')
    .replace(/\/page$/, '')
    .replace('[job]', JOB)
    .replace(/\[\w+\]/g, 'AAAAAAAAAAAAAAAAAAAAAA');
  return route === '' ? '/' : route;
}

function actions(): Action[] {
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as {
    node: Record<string, { workers: Record<string, unknown>; exportedName?: string }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const worker =
      Object.keys(entry.workers).find((key) => key.endsWith('/page') && !key.includes('/_')) ??
      'app/page';
    return { id, name: entry.exportedName ?? id.slice(0, 8), page: pagePath(worker) };
  });
}

const HUGE_REASON = 'r'.repeat(300_000);

/** Bodies Next's decoder cannot read: the proxy must answer them with 400. */
const UNDECODABLE = [
  '',
  'not json',
  '{"0":"x"}',
  '"a string"',
  '["$@1"]',
  '["$1"]',
  '[{"x":"$F2"}]',
];

/** Decodable, but the wrong arguments: the action must answer with a typed failure. */
const WRONG_ARGUMENTS = [
  '[]',
  '[{"id":{"$ne":null}},null]',
  '[7,{"ok":true},"not a form"]',
  `["${JOB}",null,{"reason":"r"}]`,
];

/**
 * React's reply encoding: a FormData argument is `"$K1"`, its fields the parts `_1_<name>`, and the
 * argument list (part `0`) comes last, as the React client sends it.
 */
function multipart(root: string, fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(`_1_${key}`, value);
  form.append('0', root);
  return form;
}

async function storeFigures(api: APIRequestContext) {
  const changes = (await (await api.get('/api/changes')).json()) as { changes: unknown[] };
  const audit = await (await api.get('/audit/csv')).text();
  return { changes: changes.changes.length, auditLines: audit.split('\n').length };
}

test('every server action refuses crafted posts with 4xx or a typed failure, and stores nothing', async ({
  playwright,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const origin = baseURL as string;
  const roles = ['admin', 'approver', 'requester', 'viewer'] as const;
  const contexts = await Promise.all(
    roles.map((role) =>
      playwright.request.newContext({
        baseURL: origin,
        extraHTTPHeaders: { cookie: `tierwise-demo-user=${role}` },
      }),
    ),
  );
  const admin = contexts[0]!;
  const found = actions();
  // Propose, decide, apply, tier policy, grant, share, price book: all of them, by name.
  expect(found.length).toBeGreaterThanOrEqual(10);
  const before = await storeFigures(admin);
  const problems: string[] = [];
  const statuses = new Map<number, number>();
  let turn = 0;
  // Mutations are rate-limited per person (20, then one per 2 s): the four demo people take turns.
  const post = async (action: Action, body: string | FormData, headers = {}) => {
    const api = contexts[turn++ % contexts.length]!;
    const response = await api.post(action.page, {
      headers: {
        'next-action': action.id,
        accept: 'text/x-component',
        origin,
        ...(typeof body === 'string' && { 'content-type': 'text/plain;charset=UTF-8' }),
        ...headers,
      },
      ...(typeof body === 'string' ? { data: body } : { multipart: body }),
    });
    statuses.set(response.status(), (statuses.get(response.status()) ?? 0) + 1);
    return { status: response.status(), text: await response.text() };
  };
  const refill = () => new Promise((resolve) => setTimeout(resolve, 2_500));

  for (const action of found) {
    const label = (what: string) => `${action.name} on ${action.page}: ${what}`;
    for (const body of UNDECODABLE) {
      const { status, text } = await post(action, body);
      if (status !== 400) problems.push(label(`${JSON.stringify(body)} answered ${status}`));
      else if (!/cannot be read/.test(text)) problems.push(label(`400 without a reason: ${text}`));
    }
    for (const body of [...WRONG_ARGUMENTS, multipart('["$K1"]', { reason: HUGE_REASON })]) {
      const { status, text } = await post(action, body);
      const what = typeof body === 'string' ? body : 'a form with a 300 KB reason';
      if (status >= 500) problems.push(label(`${what} answered ${status}`));
      if (/"ok":true/.test(text)) problems.push(label(`${what} succeeded`));
    }
    for (const foreign of [
      'http://evil.example',
      'null',
      `http://127.0.0.1:${Number(new URL(origin).port) + 1}`,
    ]) {
      const { status } = await post(action, '[]', { origin: foreign });
      if (status !== 403) problems.push(label(`origin ${foreign} answered ${status}`));
    }
  }
  expect(problems).toEqual([]);
  // Most wrong-argument posts reach the action itself (200 with a typed failure), the rest 429.
  expect(statuses.get(200) ?? 0).toBeGreaterThanOrEqual(60);

  // The form's own shape with a 300 KB reason: a field error beside the reason, nothing proposed.
  const propose = found.find((action) => action.name === 'proposeChangeAction');
  expect(propose, 'the propose action is in the manifest').toBeDefined();
  await refill();
  turn = 2; // the requester
  const tooLong = await post(
    propose!,
    multipart(`["${JOB}",null,"$K1"]`, { cpu: '1', memory: '2Gi', reason: HUGE_REASON }),
  );
  expect(tooLong.status).toBe(200);
  expect(tooLong.text).toMatch(
    /"fieldErrors":\{[^}]*"reason":\["Keep the reason under 2000 characters\."\]/,
  );

  const share = found.find((action) => action.name === 'shareReportAction');
  expect(share, 'the share action is in the manifest').toBeDefined();
  await refill();
  const nullSettings = await post(share!, multipart('[null,null,"$K1"]', {}));
  expect(nullSettings.text).toMatch(/"status":400.*settings/);
  await refill();
  const future = await post(
    share!,
    multipart(
      `[{"job":"${JOB}","startMs":${Date.now() + 86_400_000},"endMs":${Date.now() + 2 * 86_400_000}},null,"$K1"]`,
      {},
    ),
  );
  expect(future.text).toMatch(/"startMs":\["the window starts in the future/);

  expect(await storeFigures(admin)).toEqual(before);
  // Leave every person's mutation allowance full again for the specs that run after this one.
  await new Promise((resolve) => setTimeout(resolve, 41_000));
  await Promise.all(contexts.map((context) => context.dispose()));
});
