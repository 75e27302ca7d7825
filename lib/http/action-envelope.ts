/**
 * What a server action post must look like before Next decodes it. Next's own decoder throws on an
 * unreadable body (invalid JSON, a reference to a part that is not there, arguments that are not a
 * list) and answers 500 before any code of ours runs; the access proxy runs this check first and
 * answers 400 with the reason instead.
 *
 * The shapes are React's reply encoding (react-server-dom `encodeReply`): the arguments are a JSON
 * array, sent as the whole body or as the form part `0`; a FormData argument is `"$K<hex>"`, its
 * fields the parts `_<hex>_<name>`. Tierwise's actions take only text, numbers, plain objects and
 * forms, so any other `$` reference (promises, streams, maps, server references) is refused.
 */
export const MAX_ACTION_ARGUMENTS = 8;

/** `$$…` an escaped string; plain values React writes as `$` tags; `$K<hex>` a FormData. */
const ALLOWED_REFERENCE = /^\$(\$|undefined$|NaN$|-?Infinity$|-0$|n-?\d+$|D.|K[0-9a-f]+$)/;
const MPA_PREFIX = '$ACTION_';

export function isServerActionPost(request: Request): boolean {
  return request.method.toUpperCase() === 'POST' && request.headers.has('next-action');
}

function referenceRefusal(value: unknown, depth = 0): string | undefined {
  if (depth > 32) return 'the arguments nest too deeply';
  if (typeof value === 'string') {
    if (value.startsWith('$') && !ALLOWED_REFERENCE.test(value)) {
      return `the arguments carry a reference this app never sends (${value.slice(0, 24)})`;
    }
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const item of Object.values(value)) {
    const refusal = referenceRefusal(item, depth + 1);
    if (refusal) return refusal;
  }
  return undefined;
}

function argumentsRefusal(text: string | undefined | null): string | undefined {
  if (text === undefined || text === null || text === '') return 'the arguments are missing';
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return 'the arguments are not valid JSON';
  }
  if (!Array.isArray(root)) return 'the arguments must be a JSON array';
  if (root.length > MAX_ACTION_ARGUMENTS) {
    return `an action takes at most ${MAX_ACTION_ARGUMENTS} arguments (got ${root.length})`;
  }
  return referenceRefusal(root);
}

async function formOf(request: Request): Promise<FormData | string> {
  try {
    return await request.clone().formData();
  } catch {
    return 'the multipart body cannot be read';
  }
}

/** A progressively enhanced form post (no JavaScript): its bound arguments ride in the form. */
function formActionRefusal(form: FormData): string | undefined {
  for (const [key, value] of form.entries()) {
    const bound = /^\$ACTION_(\d+):0$/.exec(key);
    if (!bound) continue;
    if (typeof value !== 'string') return 'the bound arguments are not text';
    let data: unknown;
    try {
      data = JSON.parse(value);
    } catch {
      return 'the bound arguments are not valid JSON';
    }
    const { id, bound: args } = (data ?? {}) as { id?: unknown; bound?: unknown };
    if (typeof id !== 'string') return 'the action reference names no action';
    if (args !== null && args !== undefined) {
      const refusal = argumentsRefusal(JSON.stringify(args));
      if (refusal) return refusal;
    }
  }
  return undefined;
}

/**
 * Why a server action post cannot be decoded (the caller answers 400), or `undefined`. Requests
 * that are not server action posts pass untouched.
 */
export async function actionEnvelopeRefusal(request: Request): Promise<string | undefined> {
  if (request.method.toUpperCase() !== 'POST') return undefined;
  const type = request.headers.get('content-type') ?? '';
  const multipart = /^multipart\/form-data/i.test(type);
  if (isServerActionPost(request)) {
    if (!multipart) return argumentsRefusal(await request.clone().text());
    const form = await formOf(request);
    if (typeof form === 'string') return form;
    const root = form.get('0');
    return typeof root === 'string' ? argumentsRefusal(root) : 'the arguments are missing';
  }
  if (!multipart) return undefined;
  const form = await formOf(request);
  // Next decodes every multipart post to a page as a possible form action: unreadable is a 500.
  if (typeof form === 'string') return form;
  const isAction = [...form.keys()].some((key) => key.startsWith(MPA_PREFIX));
  return isAction ? formActionRefusal(form) : undefined;
}
