/**
 * The subset of the Cloud Monitoring filter language that ListTimeSeries needs for cloud_run_job:
 * `field = "value"` / `field != "value"` comparisons joined by AND (or by juxtaposition, which the
 * Google filter family reads as AND). Everything else is rejected with its position, never ignored.
 */

export class FilterSyntaxError extends Error {
  /** 1-based character position in the filter where the problem starts. */
  readonly position: number;

  constructor(reason: string, offset: number) {
    super(`Invalid filter at character ${offset + 1}: ${reason}`);
    this.name = 'FilterSyntaxError';
    this.position = offset + 1;
  }
}

export interface SeriesIdentity {
  readonly resourceType: string;
  readonly resourceLabels: Readonly<Record<string, string>>;
  readonly metricLabels: Readonly<Record<string, string>>;
}

export interface ParsedFilter {
  readonly metricType: string;
  matches(series: SeriesIdentity): boolean;
}

type TokenKind = 'word' | 'string' | 'op' | 'paren' | 'end';

interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly offset: number;
}

type Field =
  | { readonly kind: 'metricType' }
  | { readonly kind: 'resourceType' }
  | { readonly kind: 'resourceLabel'; readonly key: string }
  | { readonly kind: 'metricLabel'; readonly key: string };

interface Comparison {
  readonly field: Field;
  readonly negated: boolean;
  readonly value: string;
  readonly offset: number;
}

const OPERATORS = ['!=', '>=', '<=', '=', ':', '>', '<'] as const;
const WORD_CHAR = /[A-Za-z0-9_.\-/]/;
const LABEL_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

function readString(text: string, start: number): { value: string; end: number } {
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') return { value, end: i + 1 };
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === undefined) break;
      value += next;
      i++;
    } else {
      value += ch;
    }
  }
  throw new FilterSyntaxError('unterminated string: a closing " is missing', start);
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '"') {
      const { value, end } = readString(text, i);
      tokens.push({ kind: 'string', text: value, offset: i });
      i = end;
    } else if (ch === '(' || ch === ')') {
      tokens.push({ kind: 'paren', text: ch, offset: i });
      i++;
    } else {
      const op = OPERATORS.find((candidate) => text.startsWith(candidate, i));
      if (op) {
        tokens.push({ kind: 'op', text: op, offset: i });
        i += op.length;
      } else if (WORD_CHAR.test(ch)) {
        let end = i;
        while (end < text.length && WORD_CHAR.test(text[end] as string)) end++;
        tokens.push({ kind: 'word', text: text.slice(i, end), offset: i });
        i = end;
      } else {
        throw new FilterSyntaxError(`unexpected character '${ch}'`, i);
      }
    }
  }
  tokens.push({ kind: 'end', text: '', offset: text.length });
  return tokens;
}

function resolveField(token: Token): Field {
  const name = token.text;
  if (name === 'metric.type') return { kind: 'metricType' };
  if (name === 'resource.type') return { kind: 'resourceType' };
  const label = /^(resource|metric)\.labels?\.(.+)$/.exec(name);
  if (label) {
    const key = label[2] as string;
    if (!LABEL_KEY.test(key)) {
      throw new FilterSyntaxError(`"${key}" is not a valid label key`, token.offset);
    }
    return label[1] === 'resource' ? { kind: 'resourceLabel', key } : { kind: 'metricLabel', key };
  }
  if (name === 'project') return { kind: 'resourceLabel', key: 'project_id' };
  throw new FilterSyntaxError(
    `unknown field "${name}"; use metric.type, resource.type, resource.labels.KEY, ` +
      'metric.labels.KEY or project',
    token.offset,
  );
}

class Parser {
  #tokens: Token[];
  #index = 0;

  constructor(tokens: Token[]) {
    this.#tokens = tokens;
  }

  #peek(): Token {
    return this.#tokens[this.#index] as Token;
  }

  #next(): Token {
    const token = this.#peek();
    if (token.kind !== 'end') this.#index++;
    return token;
  }

  parse(): Comparison[] {
    const comparisons = [this.#comparison()];
    while (this.#peek().kind !== 'end') {
      const token = this.#peek();
      if (token.kind === 'word' && token.text === 'AND') {
        this.#next();
        if (this.#peek().kind === 'end') {
          throw new FilterSyntaxError('AND must be followed by a comparison', token.offset);
        }
      }
      comparisons.push(this.#comparison());
    }
    return comparisons;
  }

  #comparison(): Comparison {
    const token = this.#next();
    this.#rejectStructure(token);
    const field = resolveField(token);
    const op = this.#next();
    if (op.kind !== 'op') {
      throw new FilterSyntaxError(`expected = or != after "${token.text}"`, op.offset);
    }
    if (op.text !== '=' && op.text !== '!=') {
      const what = op.text === ':' ? 'the has operator ":"' : `the operator "${op.text}"`;
      throw new FilterSyntaxError(`${what} is not supported; use = or !=`, op.offset);
    }
    const value = this.#next();
    if (value.kind === 'word' && this.#peek().text === '(') {
      throw new FilterSyntaxError(
        `functions such as ${value.text}(…) are not supported; compare with a string in double quotes`,
        value.offset,
      );
    }
    if (value.kind !== 'string') {
      throw new FilterSyntaxError('expected a string in double quotes', value.offset);
    }
    return { field, negated: op.text === '!=', value: value.text, offset: token.offset };
  }

  #rejectStructure(token: Token): void {
    if (token.kind === 'end') {
      throw new FilterSyntaxError('expected a comparison such as metric.type = "…"', token.offset);
    }
    if (token.kind === 'word' && (token.text === 'OR' || token.text === 'NOT')) {
      throw new FilterSyntaxError(
        `${token.text} is not supported; join comparisons with AND`,
        token.offset,
      );
    }
    if (token.kind === 'word' && token.text === 'AND') {
      throw new FilterSyntaxError('AND must join two comparisons', token.offset);
    }
    if (token.kind === 'paren') {
      throw new FilterSyntaxError('parentheses are not supported', token.offset);
    }
    if (token.kind !== 'word') {
      throw new FilterSyntaxError(`expected a field name, found "${token.text}"`, token.offset);
    }
  }
}

function fieldValue(field: Field, series: SeriesIdentity): string | undefined {
  switch (field.kind) {
    case 'resourceType':
      return series.resourceType;
    case 'resourceLabel':
      return series.resourceLabels[field.key];
    case 'metricLabel':
      return series.metricLabels[field.key];
    case 'metricType':
      return undefined;
  }
}

/** Parses a ListTimeSeries filter; throws FilterSyntaxError with the position of the problem. */
export function parseFilter(text: string): ParsedFilter {
  const comparisons = new Parser(tokenize(text)).parse();
  const typeComparisons = comparisons.filter((c) => c.field.kind === 'metricType');
  const [typeComparison, second] = typeComparisons;
  if (!typeComparison) {
    throw new FilterSyntaxError('the filter must name one metric type with metric.type = "…"', 0);
  }
  if (second) {
    throw new FilterSyntaxError('the filter must name exactly one metric type', second.offset);
  }
  if (typeComparison.negated) {
    throw new FilterSyntaxError('metric.type must be compared with =', typeComparison.offset);
  }
  const selectors = comparisons.filter((c) => c.field.kind !== 'metricType');
  return {
    metricType: typeComparison.value,
    matches: (series) =>
      selectors.every((c) => (fieldValue(c.field, series) === c.value) !== c.negated),
  };
}
