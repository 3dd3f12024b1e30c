import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addRipple,
  castVote,
  editRipple,
  initSession,
  linkRipples,
  updateMeta,
} from '../../../shared/doc/commands';
import { linksCsv, neutralizeFormula, ripplesCsv } from '../../../shared/export/csv';
import {
  EXPORT_VERSION,
  exportSession,
  importSession,
  parseSessionExport,
  type SessionExport,
} from '../../../shared/export/sessionExport';
import { ans, boss } from '../../helpers/people';

function seededSession(): Y.Doc {
  const doc = new Y.Doc();
  initSession(doc, { title: 'Samen Gezond Dorp', programme: 'Dorpsondersteuner' }, Date.UTC(2026, 0, 5));
  addRipple(doc, boss, { text: 'De dorpsondersteuner heeft vaste financiering' }, { id: 'a', now: 1 });
  addRipple(
    doc,
    boss,
    { text: 'Buren kennen elkaar beter — één café', when: { kind: 'month', value: '2025-03' } },
    { id: 'b', now: 2 },
  );
  addRipple(
    doc,
    ans,
    { text: '=HYPERLINK("http://kwaad.example","klik")', authorName: 'Ans' },
    { id: 'c', now: 3 },
  );
  addRipple(
    doc,
    boss,
    { text: 'Losse rimpeling, "met" aanhalingstekens; en puntkomma' },
    { id: 'd', now: 4 },
  );
  linkRipples(doc, boss, 'a', 'b');
  editRipple(doc, boss, 'b', {
    code: 'connection',
    intended: 'unintended',
    valence: 'positive',
    position: { x: 10, y: 20 },
  });
  updateMeta(doc, boss, { votingOpen: true });
  castVote(doc, ans, 'b');
  return doc;
}

/** Everything but the export time. */
const content = (data: SessionExport) => ({ ...data, exportedAt: '' });

describe('JSON export and import', () => {
  it('round-trips: export → import → export gives the same content', () => {
    const first = exportSession(seededSession());
    const parsed = parseSessionExport(JSON.parse(JSON.stringify(first)));
    expect(parsed.ok).toBe(true);
    const copy = new Y.Doc();
    if (parsed.ok) importSession(copy, parsed.value);
    expect(content(exportSession(copy))).toEqual(content(first));
  });

  it('holds every attribute, derived order and votes per ripple', () => {
    const data = exportSession(seededSession());
    expect(data.version).toBe(EXPORT_VERSION);
    expect(data.codebook.id).toBe('working-elements');
    const b = data.ripples.find((r) => r.id === 'b');
    expect(b).toMatchObject({
      order: 2,
      votes: 1,
      code: 'connection',
      intended: 'unintended',
      position: { x: 10, y: 20 },
    });
    expect(data.links).toEqual([expect.objectContaining({ from: 'a', to: 'b' })]);
  });

  it.each<[string, (d: Record<string, unknown>) => unknown, RegExp]>([
    [
      'a ripple with a wrong value',
      (d) =>
        (((d.ripples as Array<Record<string, unknown>>)[1] as Record<string, unknown>).intended =
          'misschien'),
      /^ripples\[1\]\.intended/,
    ],
    ['a missing field', (d) => delete (d.session as Record<string, unknown>).title, /^session\.title/],
    [
      'a link to a ripple that is not there',
      (d) =>
        (d.links as Array<Record<string, unknown>>).push({ id: 'a->zz', from: 'a', to: 'zz', createdAt: 1 }),
      /^links\[1\]\.to/,
    ],
    ['another format', (d) => (d.format = 'miro-board'), /^format/],
  ])('refuses %s, naming the field', (_name, corrupt, path) => {
    const data = JSON.parse(JSON.stringify(exportSession(seededSession())));
    corrupt(data);
    const result = parseSessionExport(data);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(`${result.error[0]?.path} ${result.error[0]?.message}`).toMatch(path);
  });

  it('refuses a file from a newer version politely', () => {
    const data = { ...exportSession(seededSession()), version: EXPORT_VERSION + 1 };
    const result = parseSessionExport(data);
    expect(result.ok ? '' : result.error[0]?.message).toMatch(/newer Kringen/);
  });
});

describe('spreadsheet export', () => {
  it('opens in Dutch Excel: semicolons, UTF-8 BOM, Dutch characters intact, one row per ripple', () => {
    const csv = ripplesCsv(exportSession(seededSession()), 'excel-nl');
    expect(csv.startsWith('\uFEFFid;text;')).toBe(true);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 4);
    expect(csv).toContain('één café');
    expect(csv).toContain('"Losse rimpeling, ""met"" aanhalingstekens; en puntkomma"');
  });

  it('neutralises formula cells', () => {
    const csv = ripplesCsv(exportSession(seededSession()), 'rfc4180');
    expect(csv).toContain(`"'=HYPERLINK(""http://kwaad.example"",""klik"")"`);
    expect(csv).not.toMatch(/[,\n]=HYPERLINK/);
    for (const cell of ['=1+1', '+31', '-2', '@SUM(A1)', '\tx'])
      expect(neutralizeFormula(cell).startsWith("'")).toBe(true);
    expect(neutralizeFormula('Buren helpen')).toBe('Buren helpen');
  });

  it('writes the links sheet as from,to for Graphviz', () => {
    const csv = linksCsv(exportSession(seededSession()), 'rfc4180');
    expect(csv.split('\r\n')[0]).toBe('from,to,from_text,to_text');
    expect(csv.split('\r\n')[1]?.startsWith('a,b,')).toBe(true);
  });
});
