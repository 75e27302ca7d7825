/** POSIX shell quoting: a word is left bare only when no shell would read anything into it. */
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function shellQuote(word: string): string {
  if (SAFE_WORD.test(word)) return word;
  // Inside single quotes nothing is special; a single quote itself is closed, escaped, reopened.
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** `--name=value` with the value quoted as one word. */
export const flag = (name: string, value: string) => `--${name}=${shellQuote(value)}`;
