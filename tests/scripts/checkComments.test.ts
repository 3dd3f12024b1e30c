import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkComment,
  checkDocumentLinks,
  checkRepository,
  extractComments,
  withoutQuotes,
} from '../../scripts/checkComments';

/** Opens an expression inside a template literal in the sources these tests scan. */
const OPEN = '$' + '{';
const root = resolve(import.meta.dirname, '../..');

/** The reasons the checker gives for one line comment in server/x.ts. */
function whys(comment: string): string[] {
  return checkComment({ line: 1, text: `// ${comment}` }, 'server/x.ts', root).map((f) =>
    f.why.slice(0, f.why.indexOf(':')),
  );
}

describe('extractComments', () => {
  it('finds line, block and JSDoc comments with their first line', () => {
    const source = 'const a = 1; // one\n/* two\n   lines */\n/** three */\nconst b = 2;\n';
    expect(extractComments(source, 'ts')).toEqual([
      { line: 1, text: '// one' },
      { line: 2, text: '/* two\n   lines */' },
      { line: 4, text: '/** three */' },
    ]);
  });

  it('does not read strings, templates or regular expressions as comments', () => {
    const source = [
      "const url = 'http://example.org'; // real",
      `const t = \`a ${OPEN}"//"} b // not\`;`,
      'const r = /\\/\\/ not/g.test(x) ? 1 : 2;',
      'const d = a / b; // divided',
    ].join('\n');
    expect(extractComments(source, 'ts').map((c) => c.text)).toEqual(['// real', '// divided']);
  });

  it('keeps counting lines through a template with an expression', () => {
    const source = `const t = \`one\n${OPEN}f({ a: 1 })}\nthree\`;\n// four`;
    expect(extractComments(source, 'ts')).toEqual([{ line: 4, text: '// four' }]);
  });

  it('reads only block comments in CSS, where // is part of a URL', () => {
    const source = '.a { background: url(http://x/y.png); } /* why */';
    expect(extractComments(source, 'css')).toEqual([{ line: 1, text: '/* why */' }]);
  });
});

describe('checkComment', () => {
  it.each([
    ['measured on 25 Nov', 'a date'],
    ['as of 2026-11-25', 'a date'],
    ['since November 2026', 'a date'],
    ['op 6 december gemeten', 'a date'],
    ['326–381 µs of CPU per ripple', 'a measured figure'],
    ['took the server 40 MB over its peak', 'a measured figure'],
    ['first render 1,804 ms', 'a measured figure'],
    ['the p99 stayed low', 'a measured figure'],
    ['~0.25 s longer', 'a measured figure'],
    ['panning went from 13.4 ms a frame', 'a measured figure'],
    ['19 % of a core', 'a measured figure'],
    ['that is 130 ms of a 450 ms apply', 'a measured figure'],
    ['the whole document (640 KB for 1,000 ripples)', 'a measured figure'],
    ['halves the first render: 300 ms (bench/boardRender.ts)', 'a measured figure'],
    ['see issue 4', 'an issue reference'],
    ['fixes issue #20', 'an issue reference'],
    ["the hardening issue's point 6", 'an issue reference'],
    ['the terms are in DOMAIN.md', 'a file outside the repository'],
    ['as STYLE.md says', 'a file outside the repository'],
    ['see docs/nothing-here.md', 'a file that is not in the repository'],
    ['see client/sync/missing.ts', 'a file that is not in the repository'],
    ['see ./missing.ts', 'a file that is not in the repository'],
  ])('flags "%s" as %s', (comment, why) => {
    expect(whys(comment)).toContain(why);
  });

  it.each([
    'waits 500 ms before it sends the batch',
    'a heartbeat every 10 s',
    'cursor updates at most every 50 ms; awareness renews every 15 s',
    'at most 2,000 ripples per session',
    'the phone bundle budget is 150 KB',
    'see docs/privacy.md and bench/README.md',
    'server/rooms/Room.ts holds the queue; ./roomTypes.ts the types',
    'this is a known issue with Safari',
    'the client/server boundary',
    'may be refused; March is the third month',
    'parses `2024-03-16` and "16 maart 2024"',
    'once the pane is measured',
  ])('passes "%s"', (comment) => {
    expect(checkComment({ line: 1, text: `// ${comment}` }, 'server/rooms/Room.ts', root)).toEqual([]);
  });

  it('flags a function named in a code span that the code does not have', () => {
    const known = new Set(['docToView']);
    const comment = { line: 1, text: '// `docToView()` draws it; `upgradeDoc` moves old documents forward' };
    expect(checkComment(comment, 'shared/x.ts', root, known)).toEqual([
      { line: 1, why: 'a name the code does not have: "upgradeDoc"' },
    ]);
  });

  it('reports the line of a block comment where the problem is', () => {
    const findings = checkComment(
      { line: 10, text: '/**\n * Fine.\n * See issue 4.\n */' },
      'server/x.ts',
      root,
    );
    expect(findings).toEqual([{ line: 12, why: 'an issue reference: "issue 4"' }]);
  });

  it('blanks quoted text and code spans but keeps their length', () => {
    expect(withoutQuotes("a `b` 'c' don't")).toBe(`a${' '.repeat(9)}don't`);
  });
});

describe('checkRepository', () => {
  it('lists each problem as file:line: why', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kringen-comments-'));
    for (const folder of ['server', 'client', 'shared']) mkdirSync(join(dir, folder));
    writeFileSync(join(dir, 'server', 'a.ts'), 'export const a = 1;\n// measured 25 Nov\n');
    writeFileSync(join(dir, 'client', 'b.css'), '/* fine */\n.b {}\n/* issue 7 */\n');
    writeFileSync(
      join(dir, 'shared', 'c.ts'),
      '/** Why: see `readMeta`, not `upgradeDoc`. */\nexport const readMeta = 1;\n',
    );
    expect(checkRepository(dir)).toEqual([
      'server/a.ts:2: a date: "25 Nov"',
      'client/b.css:3: an issue reference: "issue 7"',
      'shared/c.ts:1: a name the code does not have: "upgradeDoc"',
    ]);
  });
});

describe('checkDocumentLinks', () => {
  it('lists relative links whose file is missing, and passes anchors and web addresses', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kringen-links-'));
    mkdirSync(join(dir, 'docs'));
    writeFileSync(join(dir, 'docs', 'api.md'), '# API\n');
    writeFileSync(
      join(dir, 'README.md'),
      '[api](docs/api.md#http) and [site](https://example.org)\n[gone](docs/gone.md)\n',
    );
    writeFileSync(join(dir, 'docs', 'data.md'), 'See [the README](../README.md) and [api](api.md).\n');
    expect(checkDocumentLinks(dir)).toEqual([
      'README.md:2: a link to a file that is not in the repository: "docs/gone.md"',
    ]);
  });
});
