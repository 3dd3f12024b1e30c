/** A comment in a source file, as written (`//` or `/*` included). */
export interface Comment {
  /** 1-based line of the comment's first character. */
  line: number;
  text: string;
}

// After one of these characters (or at the start) a `/` begins a regular expression, not a
// division: enough to keep `/\/\//` and `'//'` from being read as comments.
const BEFORE_REGEX = new Set('(,=:[!&|?{};+-*%<>~^'.split(''));
const KEYWORDS_BEFORE_REGEX = new Set([
  'return',
  'typeof',
  'case',
  'do',
  'else',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'yield',
  'await',
]);

/**
 * The comments of a TypeScript, TSX or CSS source, skipping strings, template literals and
 * regular expressions. CSS has only block comments; `//` there is part of a URL.
 */
export function extractComments(source: string, language: 'ts' | 'css'): Comment[] {
  const comments: Comment[] = [];
  let line = 1;
  let i = 0;
  let lastSignificant = '';
  let lastWord = '';
  // Each `${` inside a template pushes 'template', each other `{` pushes 'brace'.
  const braces: ('brace' | 'template')[] = [];

  const advance = (to: number): void => {
    for (let k = i; k < to && k < source.length; k++) if (source.charAt(k) === '\n') line++;
    i = to;
  };

  const scanTemplate = (): void => {
    // i is just after a backtick or the `}` closing an expression.
    while (i < source.length) {
      const c = source.charAt(i);
      if (c === '\\') advance(i + 2);
      else if (c === '`') {
        advance(i + 1);
        return;
      } else if (c === '$' && source.charAt(i + 1) === '{') {
        advance(i + 2);
        braces.push('template');
        return;
      } else advance(i + 1);
    }
  };

  while (i < source.length) {
    const c = source.charAt(i);
    const next = source.charAt(i + 1);
    if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : end + 2;
      comments.push({ line, text: source.slice(i, stop) });
      advance(stop);
      continue;
    }
    if (language === 'ts' && c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? source.length : end;
      comments.push({ line, text: source.slice(i, stop) });
      advance(stop);
      continue;
    }
    if (c === '"' || c === "'") {
      // A string ends at its quote or, unterminated (an apostrophe in JSX text), at the line end.
      let k = i + 1;
      while (k < source.length && source.charAt(k) !== c && source.charAt(k) !== '\n')
        k += source.charAt(k) === '\\' ? 2 : 1;
      advance(Math.min(k + 1, source.length));
      lastSignificant = c;
      lastWord = '';
      continue;
    }
    if (language === 'ts' && c === '`') {
      advance(i + 1);
      scanTemplate();
      lastSignificant = '`';
      lastWord = '';
      continue;
    }
    if (
      language === 'ts' &&
      c === '/' &&
      (lastSignificant === '' || BEFORE_REGEX.has(lastSignificant) || KEYWORDS_BEFORE_REGEX.has(lastWord))
    ) {
      let k = i + 1;
      let inClass = false;
      while (k < source.length && source.charAt(k) !== '\n') {
        const r = source.charAt(k);
        if (r === '\\') k += 2;
        else {
          if (r === '[') inClass = true;
          else if (r === ']') inClass = false;
          else if (r === '/' && !inClass) break;
          k++;
        }
      }
      advance(Math.min(k + 1, source.length));
      lastSignificant = '/';
      lastWord = '';
      continue;
    }
    if (language === 'ts' && c === '{') braces.push('brace');
    if (language === 'ts' && c === '}' && braces.pop() === 'template') {
      advance(i + 1);
      scanTemplate();
      lastSignificant = '`';
      lastWord = '';
      continue;
    }
    if (!/\s/.test(c)) {
      if (/[\w$]/.test(c)) {
        let k = i;
        while (k < source.length && /[\w$]/.test(source.charAt(k))) k++;
        lastWord = source.slice(i, k);
        lastSignificant = source.charAt(k - 1);
        advance(k);
        continue;
      }
      lastSignificant = c;
      lastWord = '';
    }
    advance(i + 1);
  }
  return comments;
}
