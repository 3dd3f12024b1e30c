import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Comment } from './extractComments';

/*
 * The rules of scripts/checkComments.ts, one comment at a time: what a comment may not say
 * (a date, a measured figure, an issue, a file outside the repository) and which of the
 * files and names it mentions must exist.
 */

/** One problem: the line it is on and why it is one. */
export interface Finding {
  line: number;
  why: string;
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
