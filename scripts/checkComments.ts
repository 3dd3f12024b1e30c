import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Checks the comments in server/, client/ and shared/: a comment says why, so it carries no
 * date, no measured figure, no issue number and no reference that does not resolve (a file
 * it names exists, and so does a function it names in a code span). Dates and figures live in
 * docs/performance.md and bench/README.md; the REM terms in docs/glossary.md.
 *
 * It also checks that every relative link in the READMEs and docs/*.md resolves.
 *
 * `node --import tsx scripts/checkComments.ts` lists every finding as `file:line: why` and
 * exits 1 when there is one. `npm test` runs it after the linter.
 */

export interface Comment {
  /** 1-based line of the comment's first character. */
  line: number;
  text: string;
}

export interface Finding {
  line: number;
  why: string;
}

/** Folders whose source comments are checked. */
export const CHECKED_FOLDERS = ['server', 'client', 'shared'];
const CHECKED_EXTENSIONS = /\.(ts|tsx|css)$/;
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'data', '.git']);

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

const MONTHS_EN =
  'Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?';
const MONTHS_NL = 'januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december';

type Category = 'a date' | 'a measured figure' | 'an issue reference' | 'a file outside the repository';

/** What a comment may not say, by the reason a finding gives. */
const RULES: { pattern: RegExp; category: Category }[] = [
  { pattern: /\b(19|20)\d\d-[01]\d-[0-3]\d\b/, category: 'a date' },
  { pattern: new RegExp(`\\b[0-3]?\\d(?:st|nd|rd|th)? (?:${MONTHS_EN})\\b`), category: 'a date' },
  {
    pattern: new RegExp(`\\b(?:${MONTHS_EN}) [0-3]?\\d(?:st|nd|rd|th)?\\b(?! ?(?:ms|s|%|[A-Za-z]))`),
    category: 'a date',
  },
  { pattern: new RegExp(`\\b(?:${MONTHS_EN}),? (?:19|20)\\d\\d\\b`), category: 'a date' },
  { pattern: new RegExp(`\\b[0-3]?\\d (?:${MONTHS_NL})\\b`, 'i'), category: 'a date' },
  { pattern: /\b(?:yesterday|this morning|last week)\b/i, category: 'a date' },
  // Measured figures: a range, an approximation, a decimal or a thousands separator with a
  // unit of time, size or share, memory sizes, percentiles and CPU shares. A plain duration
  // that explains behaviour ("waits 500 ms", "10 s") passes.
  {
    pattern: /\d[\d,.]*\s?[–-]\s?\d[\d,.]*\s?(?:µs|us|ms|s|KB|kB|MB|GB|%)(?!\w)/,
    category: 'a measured figure',
  },
  { pattern: /~\s?\d[\d,.]*\s?(?:µs|us|ms|s|KB|kB|MB|GB|%|×|x)(?!\w)/, category: 'a measured figure' },
  { pattern: /\d[\d,.]*\s?µs/, category: 'a measured figure' },
  { pattern: /\d+\.\d+\s?(?:ms|%)(?!\w)/, category: 'a measured figure' },
  { pattern: /\d{1,3}(?:,\d{3})+\s?(?:ms|s)\b/, category: 'a measured figure' },
  { pattern: /\d[\d,.]*\s?(?:MB|GB|MiB|GiB)\b/, category: 'a measured figure' },
  { pattern: /\d[\d.]*\s?×\s?(?:faster|slower|more|less|as)\b|\d\.\d+×/, category: 'a measured figure' },
  { pattern: /\bp(?:50|90|95|99)\b/, category: 'a measured figure' },
  { pattern: /%\s?of a core\b|\bCPU pressure\b/, category: 'a measured figure' },
  // A plain figure becomes a measurement when it is a share of something ("130 ms of a
  // 450 ms apply"), a size per count ("640 KB for 1,000 ripples"), or cites a bench or a
  // profile on the same line.
  {
    pattern: /\d[\d,.]*\s?(?:µs|ms|s|KB|kB|MB)\s+of\s+(?:a|an|the|each|every|its)\b/,
    category: 'a measured figure',
  },
  { pattern: /\d[\d,.]*\s?(?:KB|kB|MB)\s+(?:for|with)\s+[\d,]+/, category: 'a measured figure' },
  {
    pattern:
      /\d[\d,.]*\s?(?:µs|ms|KB|kB|MB|%)(?!\w).*\b(?:bench|profile|measured)\b|\b(?:bench|profile|measured)\b.*\d[\d,.]*\s?(?:µs|ms|KB|kB|MB|%)(?!\w)/,
    category: 'a measured figure',
  },
  // Issues live in the tracker, not in the code.
  { pattern: /\bissues?\s*#?\d+/i, category: 'an issue reference' },
  { pattern: /\bissue(?:'s)?\s+point\b|\bissue's\b/i, category: 'an issue reference' },
  { pattern: /\b(?:PR|pull request)\s*#\d+/i, category: 'an issue reference' },
  // Files outside the repository (the REM terms are in docs/glossary.md).
  { pattern: /\b(?:DOMAIN|STYLE)\.md\b/, category: 'a file outside the repository' },
  { pattern: /(?:^|[\s(`'"])\.\.\/shared\b|\/work\//, category: 'a file outside the repository' },
];

/**
 * A comment without what it quotes: code spans and quoted text are examples of data (a date
 * format, a parsed value), not claims about when or how fast.
 */
export function withoutQuotes(text: string): string {
  return text.replace(/`[^`\n]*`|"[^"\n]*"|“[^”\n]*”|(?<!\w)'[^'\n]*'(?!\w)/g, (quoted) =>
    ' '.repeat(quoted.length),
  );
}

const TOP_FOLDERS = ['client', 'server', 'shared', 'tests', 'bench', 'docs', 'scripts'];
const PATH_TOKEN = new RegExp(
  `(?<![\\w./@-])(?:(?:\\.{1,2}/)+[\\w.-]+(?:/[\\w.-]+)*|(?:${TOP_FOLDERS.join('|')})/[\\w.-]*(?:/[\\w.-]+)*|[\\w.-]+\\.md)`,
  'g',
);

/**
 * Does a path a comment mentions resolve? A path starting at a top-level folder is read from
 * the repository's root; `./` and `../` from the commented file's folder; a bare `*.md` from
 * that folder or the root.
 */
function pathResolves(token: string, root: string, fileDir: string): boolean {
  const path = token.replace(/[.,:;)]+$/, '');
  // "client/server" or "server/shared" is a pair of words, not a path.
  if (path.split('/').every((part) => part === '' || TOP_FOLDERS.includes(part))) return true;
  if (path.startsWith('.')) return existsSync(resolve(fileDir, path));
  if (!path.includes('/')) return existsSync(join(fileDir, path)) || existsSync(join(root, path));
  return existsSync(join(root, path));
}

// A function or variable named in a code span: camelCase with a capital inside, as in
// `applyClientUpdate` or `docToView()`. Type names and single words are left alone.
const NAME_IN_CODE_SPAN = /`([a-z][a-zA-Z0-9]*[A-Z][a-zA-Z0-9]*)(?:\(\))?`/g;

/**
 * What is wrong with one comment, line by line. `file` is relative to `root`. With
 * `knownNames` (every identifier in the repository's code), a name in a code span that the
 * code does not have is a finding too: a comment that points at a function must point at
 * one that exists.
 */
export function checkComment(
  comment: Comment,
  file: string,
  root: string,
  knownNames?: Set<string>,
): Finding[] {
  const findings: Finding[] = [];
  const fileDir = dirname(join(root, file));
  comment.text.split('\n').forEach((text, offset) => {
    const line = comment.line + offset;
    const prose = withoutQuotes(text);
    const found = new Set<Category>();
    for (const rule of RULES) {
      // Outside references count inside code spans too; dates and figures only in prose.
      const match = rule.pattern.exec(rule.category === 'a file outside the repository' ? text : prose);
      if (match && !found.has(rule.category)) {
        found.add(rule.category);
        findings.push({ line, why: `${rule.category}: "${match[0].trim()}"` });
      }
    }
    for (const match of text.matchAll(PATH_TOKEN)) {
      if (found.has('a file outside the repository')) break;
      if (!pathResolves(match[0], root, fileDir)) {
        findings.push({ line, why: `a file that is not in the repository: "${match[0]}"` });
      }
    }
    if (knownNames) {
      for (const match of text.matchAll(NAME_IN_CODE_SPAN)) {
        const name = match[1] ?? '';
        if (!knownNames.has(name)) findings.push({ line, why: `a name the code does not have: "${name}"` });
      }
    }
  });
  return findings;
}

/** Folders whose code (comments left out) defines the names comments may point at. */
const CODE_FOLDERS = ['server', 'client', 'shared', 'tests', 'scripts', 'bench'];

/** Every identifier in the repository's TypeScript, outside comments. */
export function namesInCode(root: string): Set<string> {
  const names = new Set<string>();
  for (const folder of CODE_FOLDERS) {
    if (!existsSync(join(root, folder))) continue;
    for (const path of sourceFiles(join(root, folder))) {
      if (path.endsWith('.css')) continue;
      let code = readFileSync(path, 'utf8');
      for (const comment of extractComments(code, 'ts')) code = code.replace(comment.text, ' ');
      for (const name of code.match(/[A-Za-z_$][\w$]*/g) ?? []) names.add(name);
    }
  }
  return names;
}

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    if (SKIPPED_FOLDERS.has(entry)) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (CHECKED_EXTENSIONS.test(entry)) files.push(path);
  }
  return files;
}

/** Every finding in the checked folders under `root`, as `file:line: why`. */
export function checkRepository(root: string): string[] {
  const report: string[] = [];
  const knownNames = namesInCode(root);
  for (const folder of CHECKED_FOLDERS) {
    for (const path of sourceFiles(join(root, folder))) {
      const file = relative(root, path);
      const language = path.endsWith('.css') ? 'css' : 'ts';
      for (const comment of extractComments(readFileSync(path, 'utf8'), language)) {
        for (const finding of checkComment(comment, file, root, knownNames))
          report.push(`${file}:${finding.line}: ${finding.why}`);
      }
    }
  }
  return report;
}

/** The Markdown documents whose links must resolve: the READMEs and docs/. */
function documents(root: string): string[] {
  const paths = ['README.md'];
  for (const entry of readdirSync(root).sort()) {
    if (SKIPPED_FOLDERS.has(entry) || !statSync(join(root, entry)).isDirectory()) continue;
    if (existsSync(join(root, entry, 'README.md'))) paths.push(join(entry, 'README.md'));
  }
  if (existsSync(join(root, 'docs'))) {
    for (const entry of readdirSync(join(root, 'docs')).sort())
      if (entry.endsWith('.md')) paths.push(join('docs', entry));
  }
  return paths.filter((path) => existsSync(join(root, path)));
}

/** Every relative link in the documents whose target is missing, as `file:line: why`. */
export function checkDocumentLinks(root: string, paths = documents(root)): string[] {
  const report: string[] = [];
  for (const path of paths) {
    readFileSync(join(root, path), 'utf8')
      .split('\n')
      .forEach((text, offset) => {
        for (const match of text.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
          const target = match[1] ?? '';
          if (/^[a-z]+:/.test(target)) continue;
          if (!existsSync(resolve(root, dirname(path), target))) {
            report.push(`${path}:${offset + 1}: a link to a file that is not in the repository: "${target}"`);
          }
        }
      });
  }
  return report;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const report = [...checkRepository(root), ...checkDocumentLinks(root)];
  for (const finding of report) console.log(finding);
  if (report.length > 0) {
    console.log(
      `\n${report.length} problem(s): a comment says why, without dates, measured figures or issue numbers (figures go in docs/performance.md, history in bench/README.md), and every file and function it names exists; so does every file a document links to.`,
    );
    process.exit(1);
  }
  console.log(
    `comments in ${CHECKED_FOLDERS.join('/, ')}/: no dates, figures, issue numbers or dangling references; every link in the READMEs and docs/ resolves`,
  );
}
