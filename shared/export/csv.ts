import type { Codebook } from '../codebooks';
import { findCodebook, secondCode } from '../doc/codeRefs';
import type { Ripple } from '../model/ripple';
import type { SessionExport } from './sessionExport';

/**
 * The two-sheet spreadsheet REM researchers already use (for Graphviz and meta-analysis):
 * one row per ripple, one row per link. Two dialects:
 * - `excel-nl`: what Dutch Excel opens by double-click: `;` between cells, UTF-8 with a BOM
 *   (without it Excel reads "één" as "Ã©Ã©n"), CRLF line ends;
 * - `rfc4180`: plain CSV for R, Python and NVivo: `,`, UTF-8 without BOM, CRLF.
 */
export type CsvDialect = 'excel-nl' | 'rfc4180';

/**
 * Text a person typed that starts with `=`, `+`, `-`, `@` (or a tab or carriage return)
 * would run as a formula in Excel or LibreOffice (CSV injection, OWASP). Such cells get a
 * leading apostrophe, which spreadsheets show as text.
 */
export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function quote(cell: string, separator: string): string {
  return /["\r\n]/.test(cell) || cell.includes(separator) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Rows to CSV text. `text` marks the columns people typed, which get formula protection. */
export function toCsv(
  header: string[],
  rows: string[][],
  dialect: CsvDialect,
  text: ReadonlySet<number>,
): string {
  const separator = dialect === 'excel-nl' ? ';' : ',';
  const line = (cells: string[]) =>
    cells.map((cell, i) => quote(text.has(i) ? neutralizeFormula(cell) : cell, separator)).join(separator);
  const body = [header, ...rows].map(line).join('\r\n');
  return `${dialect === 'excel-nl' ? '\uFEFF' : ''}${body}\r\n`;
}

const label = (codebook: Codebook, code: string | null, language: 'nl' | 'en') =>
  code ? (codebook.codes.find((c) => c.id === code)?.label[language] ?? code) : '';

const RIPPLE_COLUMNS = [
  'id',
  'text',
  'story',
  'kind',
  'author_name',
  'involved',
  'created_at',
  'when_kind',
  'when_value',
  'intended',
  'valence',
  'ongoing',
  'status',
  'order',
  'suggested_code',
  'suggested_label',
  'code',
  'code_label',
  'extra_codes',
  'votes',
  'causes',
  'effects',
  'x',
  'y',
  'co_authors',
  'second_codebook',
  'second_code',
  'second_code_label',
  'origin_session',
  'origin_date',
  'source',
  'interview_pair',
  'interview_sent_by',
];
/** Columns holding text people typed (indexes into RIPPLE_COLUMNS). */
const RIPPLE_TEXT = new Set([1, 2, 4, 5, 8, RIPPLE_COLUMNS.indexOf('origin_session')]);

/** The ripples sheet: one row per ripple with every attribute and code. */
export function ripplesCsv(data: SessionExport, dialect: CsvDialect): string {
  const language = data.session.language;
  const causes = new Map<string, string[]>();
  const effects = new Map<string, string[]>();
  for (const link of data.links) {
    causes.set(link.to, [...(causes.get(link.to) ?? []), link.from]);
    effects.set(link.from, [...(effects.get(link.from) ?? []), link.to]);
  }
  const rows = data.ripples.map((r) => [
    r.id,
    r.text,
    r.story,
    r.kind,
    r.showAuthor ? r.authorName : '',
    r.involved,
    new Date(r.createdAt).toISOString(),
    r.when?.kind ?? '',
    r.when?.value ?? '',
    r.intended,
    r.valence,
    r.ongoing,
    r.status,
    r.status === 'accepted' ? String(r.order) : '',
    r.suggestedCode ?? '',
    label(data.codebook, r.suggestedCode, language),
    r.code ?? '',
    label(data.codebook, r.code, language),
    r.extraCodes.map((c) => `${c.codebook}:${c.code}`).join(' '),
    String(r.votes),
    (causes.get(r.id) ?? []).join(' '),
    (effects.get(r.id) ?? []).join(' '),
    r.position ? String(Math.round(r.position.x)) : '',
    r.position ? String(Math.round(r.position.y)) : '',
    // How many more people told the same (merged duplicates); their names stay off the sheet,
    // as a co-author's choice to show their name is not kept.
    String(r.coAuthors?.length ?? 0),
    ...secondCodeCells(data, r),
    r.origin?.title ?? '',
    r.origin?.date ?? '',
    // Interview ripples apart from those added directly, for analysis.
    r.interview ? 'interview' : 'direct',
    r.interview?.pairId ?? '',
    r.interview?.sentBy ?? '',
  ]);
  return toCsv(RIPPLE_COLUMNS, rows, dialect, RIPPLE_TEXT);
}

/** The ripple's code from the session's second codebook: the codebook, the code and its label. */
function secondCodeCells(data: SessionExport, ripple: Pick<Ripple, 'extraCodes'>): string[] {
  const code = secondCode(ripple, data.session);
  if (!code) return ['', '', ''];
  const codebook = findCodebook(data.session, data.session.secondCodebook);
  const label = codebook
    ? (codebook.codes.find((c) => c.id === code)?.label[data.session.language] ?? code)
    : code;
  return [data.session.secondCodebook, code, label];
}

/** The links sheet: `from`, `to` (ripple ids, as Graphviz wants them) and both texts for reading. */
export function linksCsv(data: SessionExport, dialect: CsvDialect): string {
  const text = new Map(data.ripples.map((r) => [r.id, r.text]));
  const rows = data.links.map((l) => [l.from, l.to, text.get(l.from) ?? '', text.get(l.to) ?? '']);
  return toCsv(['from', 'to', 'from_text', 'to_text'], rows, dialect, new Set([2, 3]));
}
