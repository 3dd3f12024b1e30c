import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkComment } from './comments/commentRules';
import { extractComments } from './comments/extractComments';

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

export { checkComment, type Finding, withoutQuotes } from './comments/commentRules';
export { type Comment, extractComments } from './comments/extractComments';

/** Folders whose source comments are checked. */
export const CHECKED_FOLDERS = ['server', 'client', 'shared'];
const CHECKED_EXTENSIONS = /\.(ts|tsx|css)$/;
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'data', '.git']);

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
