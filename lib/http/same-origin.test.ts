import { describe, expect, it } from 'vitest';
import { crossSiteRefusal } from './same-origin';

const post = (headers: Record<string, string>, body: string | null = '{}') =>
  new Request('http://127.0.0.1:4500/api/changes', { method: 'POST', headers, body });

describe('crossSiteRefusal', () => {
  it('lets reads through whatever their origin', () => {
    const read = new Request('http://127.0.0.1:4500/api/changes', {
      headers: { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSiteRefusal(read)).toBeUndefined();
  });

  it('accepts a same-origin JSON post and automation without Origin', () => {
    const json = { 'content-type': 'application/json; charset=utf-8' };
    expect(crossSiteRefusal(post({ ...json, origin: 'http://127.0.0.1:4500' }))).toBeUndefined();
    expect(crossSiteRefusal(post({ ...json, 'sec-fetch-site': 'same-origin' }))).toBeUndefined();
    expect(crossSiteRefusal(post(json))).toBeUndefined();
    expect(crossSiteRefusal(post({}, null))).toBeUndefined();
  });

  it('refuses the text/plain post from another site that used to create a change', () => {
    const refusal = crossSiteRefusal(
      post({ origin: 'http://evil.example', 'content-type': 'text/plain' }),
    );
    expect(refusal).toEqual({
      status: 403,
      error: 'Cross-origin request refused (Origin: http://evil.example).',
    });
  });

  it('treats null, another port and a cross-site fetch as foreign', () => {
    const json = { 'content-type': 'application/json' };
    expect(crossSiteRefusal(post({ ...json, origin: 'null' }))?.status).toBe(403);
    expect(crossSiteRefusal(post({ ...json, origin: 'http://127.0.0.1:4501' }))?.status).toBe(403);
    expect(crossSiteRefusal(post({ ...json, 'sec-fetch-site': 'same-site' }))?.status).toBe(403);
    expect(crossSiteRefusal(post({ ...json, 'sec-fetch-site': 'cross-site' }))?.status).toBe(403);
  });

  it('compares Origin with the forwarded host behind a proxy', () => {
    const proxied = post({
      'content-type': 'application/json',
      origin: 'https://tierwise.example.com',
      'x-forwarded-host': 'tierwise.example.com',
    });
    expect(crossSiteRefusal(proxied)).toBeUndefined();
  });

  it('asks for JSON when a same-origin body is plain text or a form', () => {
    const plain = crossSiteRefusal(post({ 'content-type': 'text/plain' }));
    expect(plain?.status).toBe(415);
    expect(plain?.error).toMatch(/Content-Type: application\/json/);
    expect(
      crossSiteRefusal(post({ 'content-type': 'application/x-www-form-urlencoded' }))?.status,
    ).toBe(415);
  });
});
