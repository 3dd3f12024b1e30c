import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { analyzeSession } from '../../../shared/analysis/analyzeSession';
import { addRipple, setRippleStatus } from '../../../shared/doc/commands';
import {
  addDraft,
  joinPair,
  pairUp,
  sendDraft,
  setInterviewGuide,
} from '../../../shared/doc/interviewCommands';
import { ripplesCsv } from '../../../shared/export/csv';
import { exportSession, importSession, parseSessionExport } from '../../../shared/export/sessionExport';
import { participantNumber } from '../../../shared/interview/participantNumber';
import { readInterview } from '../../../shared/interview/readInterview';
import { rippleIdOfDraft } from '../../../shared/model/interview';
import { ans, bert, boss, session } from '../../helpers/people';

describe('interviews in the session file and the spreadsheet', () => {
  it('keeps the guide and the interview marker through export and import, and tells them apart in the CSV', () => {
    const doc = session({ sessionPhase: 'interviews' });
    setInterviewGuide(doc, boss, {
      questions: ['Wat verraste je?', 'Wie merkte het nog meer?'],
      turnMinutes: 5,
    });
    const invite = pairUp(doc, ans, { id: ans.id, name: 'Ans' }, participantNumber(bert.id));
    if (!invite.ok) throw new Error('invite');
    const pair = joinPair(doc, bert, { id: bert.id, name: 'Bert' }, invite.value.id);
    if (!pair.ok) throw new Error('pair');
    addDraft(
      doc,
      ans,
      pair.value.id,
      { askerId: ans.id, tellerId: bert.id },
      { text: 'Bert kookt nu samen' },
      { id: 'd1' },
    );
    expect(sendDraft(doc, bert, 'd1').ok).toBe(true);
    addRipple(doc, boss, { text: 'Direct toegevoegd' }, { id: 'direct' });

    const file = exportSession(doc);
    expect(file.interview).toEqual({
      questions: ['Wat verraste je?', 'Wie merkte het nog meer?'],
      turnMinutes: 5,
      turns: 2,
    });
    const parsed = parseSessionExport(JSON.parse(JSON.stringify(file)));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    const copy = new Y.Doc();
    importSession(copy, parsed.value);
    expect(readInterview(copy).questions).toEqual(['Wat verraste je?', 'Wie merkte het nog meer?']);
    expect({ ...exportSession(copy), exportedAt: '' }).toEqual({ ...file, exportedAt: '' });

    const lines = ripplesCsv(file, 'rfc4180').trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/,source,interview_pair,interview_sent_by$/);
    expect(lines.find((l) => l.includes('Bert kookt'))).toMatch(
      new RegExp(`,interview,${pair.value.id},teller$`),
    );
    expect(lines.find((l) => l.includes('Direct toegevoegd'))).toMatch(/,direct,,$/);
    // The analysis counts the map: one from an interview once accepted, one added directly.
    setRippleStatus(doc, boss, rippleIdOfDraft('d1'), 'accepted');
    const data = exportSession(doc);
    expect(analyzeSession(data.ripples, data.session, data.codebook).source).toEqual({
      interview: 1,
      direct: 1,
    });
  });

  it('still reads a file from before interviews', () => {
    const file = exportSession(session());
    const { interview: _guide, ...older } = file;
    expect(parseSessionExport(JSON.parse(JSON.stringify(older))).ok).toBe(true);
  });
});
