import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { analyzeSession } from '../../../shared/analysis/analyzeSession';
import {
  addRipple,
  castVote,
  editRipple,
  initSession,
  linkRipples,
  updateMeta,
} from '../../../shared/doc/commands';
import { exportSession } from '../../../shared/export/sessionExport';
import { boss } from '../../helpers/people';

describe('analyzeSession', () => {
  it('counts codes by order, intended, valence, time and votes over the ripples on the map', () => {
    const doc = new Y.Doc();
    initSession(doc, { title: 'Analyse', phases: [{ id: 'start', label: 'Start', start: null, end: null }] });
    addRipple(
      doc,
      boss,
      { text: 'Gesprekken aan de deur', when: { kind: 'month', value: '2025-02' } },
      { id: 'a' },
    );
    addRipple(
      doc,
      boss,
      { text: 'Bewoners organiseren zelf', when: { kind: 'date', value: '2025-02-14' } },
      { id: 'b' },
    );
    addRipple(doc, boss, { text: 'Een buurtfeest', when: { kind: 'phase', value: 'start' } }, { id: 'c' });
    addRipple(doc, boss, { text: 'Derde orde' }, { id: 'd' });
    addRipple(doc, { role: 'participant', id: 'p1' }, { text: 'Wacht nog' }, { id: 'e' });
    linkRipples(doc, boss, 'a', 'b');
    linkRipples(doc, boss, 'b', 'c');
    linkRipples(doc, boss, 'c', 'd');
    editRipple(doc, boss, 'a', { code: 'needs', intended: 'intended', valence: 'positive' });
    editRipple(doc, boss, 'b', { code: 'ownership', intended: 'unintended', valence: 'mixed' });
    editRipple(doc, boss, 'd', { code: 'ownership' });
    updateMeta(doc, boss, { votingOpen: true, dotsPerParticipant: 3 });
    castVote(doc, { role: 'participant', id: 'p1' }, 'c');
    castVote(doc, { role: 'participant', id: 'p1' }, 'c');
    castVote(doc, { role: 'participant', id: 'p1' }, 'a');
    const data = exportSession(doc);
    const result = analyzeSession(data.ripples, data.session, data.codebook);
    expect(result.total).toBe(4);
    const row = (code: string) => result.codeByOrder.find((r) => r.code === code);
    expect(row('needs')).toMatchObject({ counts: { 1: 1, 2: 0, 3: 0 }, total: 1 });
    expect(row('ownership')).toMatchObject({ counts: { 1: 0, 2: 1, 3: 1 }, total: 2 });
    expect(row('')).toMatchObject({ counts: { 1: 0, 2: 0, 3: 1 }, total: 1 });
    expect(result.intended).toEqual({ intended: 1, unintended: 1, unknown: 2 });
    expect(result.valence).toMatchObject({ positive: 1, mixed: 1, unknown: 2 });
    expect(result.overTime).toEqual({
      phases: [{ id: 'start', label: 'Start', count: 1 }],
      months: [{ month: '2025-02', count: 2 }],
      undated: 1,
    });
    expect(result.mostVoted.map((r) => [r.id, r.votes])).toEqual([
      ['c', 2],
      ['a', 1],
    ]);
  });
});
