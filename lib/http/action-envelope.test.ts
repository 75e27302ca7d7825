import { describe, expect, it } from 'vitest';
import { actionEnvelopeRefusal, MAX_ACTION_ARGUMENTS } from './action-envelope';

const ACTION_ID = '40' + 'ab'.repeat(20);

function actionPost(body: BodyInit, headers: Record<string, string> = {}) {
  return new Request('http://127.0.0.1:3000/changes/abc', {
    method: 'POST',
    headers: { 'next-action': ACTION_ID, 'content-type': 'text/plain;charset=UTF-8', ...headers },
    body,
  });
}

function multipart(fields: Record<string, string>, headers: Record<string, string> = {}) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return new Request('http://127.0.0.1:3000/changes/abc', { method: 'POST', headers, body: form });
}

describe('actionEnvelopeRefusal', () => {
  it('passes what the React client sends: a JSON list, or a form with the list in part 0', async () => {
    expect(await actionEnvelopeRefusal(actionPost('["abc",null]'))).toBeUndefined();
    expect(
      await actionEnvelopeRefusal(actionPost('["$$dollar","$undefined",1.5]')),
    ).toBeUndefined();
    const withForm = multipart(
      { _1_comment: 'fine', '0': '["abc",{"ok":false,"error":"x"},"$K1"]' },
      { 'next-action': ACTION_ID },
    );
    expect(await actionEnvelopeRefusal(withForm)).toBeUndefined();
  });

  it.each([
    ['an empty body', '', /missing/],
    ['invalid JSON', '{not json', /not valid JSON/],
    ['an object instead of the list', '{"0":"abc"}', /JSON array/],
    ['a bare string', '"abc"', /JSON array/],
    ['a promise reference', '["$@1"]', /reference/],
    ['a reference to a missing row', '["abc","$1"]', /reference/],
    ['a server reference', '[{"id":"$F1"}]', /reference/],
    ['too many arguments', JSON.stringify(Array(MAX_ACTION_ARGUMENTS + 1).fill(1)), /at most/],
  ])('refuses %s', async (_name, body, reason) => {
    expect(await actionEnvelopeRefusal(actionPost(body))).toMatch(reason);
  });

  it('refuses a multipart action post without its argument list', async () => {
    const noRoot = multipart({ comment: 'hi' }, { 'next-action': ACTION_ID });
    expect(await actionEnvelopeRefusal(noRoot)).toMatch(/missing/);
    const broken = new Request('http://127.0.0.1:3000/x', {
      method: 'POST',
      headers: { 'next-action': ACTION_ID, 'content-type': 'multipart/form-data; boundary=zz' },
      body: 'garbage',
    });
    expect(await actionEnvelopeRefusal(broken)).toMatch(/cannot be read/);
  });

  it('checks the bound arguments of a form posted without JavaScript', async () => {
    const good = multipart({ $ACTION_REF_1: '', '$ACTION_1:0': '{"id":"ab","bound":["abc"]}' });
    expect(await actionEnvelopeRefusal(good)).toBeUndefined();
    const bad = multipart({ $ACTION_REF_1: '', '$ACTION_1:0': '{"id":"ab","bound":"$@2"}' });
    expect(await actionEnvelopeRefusal(bad)).toMatch(/JSON array/);
    const notJson = multipart({ $ACTION_REF_1: '', '$ACTION_1:0': '{' });
    expect(await actionEnvelopeRefusal(notJson)).toMatch(/not valid JSON/);
  });

  it('leaves reads, API posts without the action header and plain form posts alone', async () => {
    expect(
      await actionEnvelopeRefusal(new Request('http://127.0.0.1:3000/changes')),
    ).toBeUndefined();
    expect(await actionEnvelopeRefusal(multipart({ note: 'x' }))).toBeUndefined();
  });
});
