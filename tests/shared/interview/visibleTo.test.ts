import { describe, expect, it } from 'vitest';
import {
  addDraft,
  pairEveryone,
  setInterviewGuide,
  setInterviewTimer,
} from '../../../shared/doc/interviewCommands';
import { PRESENTER_ID, viewDocument } from '../../../shared/doc/phoneView';
import { readDrafts, readPairs } from '../../../shared/interview/readInterview';
import { interviewEntriesFor } from '../../../shared/interview/visibleTo';
import { turnRoles } from '../../../shared/model/interview';
import { ans, bert, boss, cor, dirk, session } from '../../helpers/people';

describe('what of the interviews a phone may hold', () => {
  it('is the guide and timer, its own pair and that pair’s drafts, never another pair’s', () => {
    const doc = session();
    setInterviewGuide(doc, boss, { questions: ['Waar ben je trots op?'] });
    // Ans and Bert, Cor and Dirk: the shuffle with 0.99 keeps the order.
    pairEveryone(
      doc,
      boss,
      [
        { id: ans.id, name: 'Ans' },
        { id: bert.id, name: '' },
        { id: cor.id, name: 'Cor' },
        { id: dirk.id, name: 'Dirk' },
      ],
      () => 0.99,
    );
    setInterviewTimer(doc, boss, 'start', 5000);
    const pairs = readPairs(doc);
    const mine = pairs.find((p) => p.members.some((m) => m.id === ans.id));
    const theirs = pairs.find((p) => p.members.some((m) => m.id === cor.id));
    if (!mine || !theirs) throw new Error('two pairs');
    const ansAsks = { askerId: ans.id, tellerId: bert.id };
    addDraft(doc, ans, mine.id, ansAsks, { text: 'Bert' }, { id: 'ours' });
    addDraft(doc, cor, theirs.id, turnRoles(theirs, 0), { text: 'Geheim van Cor' }, { id: 'theirs' });

    const seen = interviewEntriesFor(doc, ans.id);
    expect(seen.interview).toMatchObject({
      questions: ['Waar ben je trots op?'],
      timer: { startedAt: 5000 },
    });
    expect(Object.keys(seen.pairs)).toEqual([mine.id]);
    expect(seen.pairs[mine.id]).toMatchObject({
      members: expect.arrayContaining([
        { id: ans.id, name: 'Ans' },
        // Bert stays anonymous: his pair entry carries no name.
        { id: bert.id, name: '' },
      ]),
    });
    expect(Object.keys(seen.drafts)).toEqual(['ours']);
    expect(JSON.stringify(seen)).not.toContain('Geheim van Cor');
    expect(JSON.stringify(seen)).not.toContain(cor.id);

    const unpaired = interviewEntriesFor(doc, 'p-late');
    expect(unpaired.pairs).toEqual({});
    expect(unpaired.drafts).toEqual({});
  });

  it('is, on a presenter screen, how many pairs and drafts there are: no names, ids or texts', () => {
    const doc = session();
    pairEveryone(
      doc,
      boss,
      [
        { id: ans.id, name: 'Ans' },
        { id: bert.id, name: 'Bert' },
      ],
      () => 0.99,
    );
    const [pair] = readPairs(doc);
    if (!pair) throw new Error('one pair');
    addDraft(
      doc,
      ans,
      pair.id,
      { askerId: ans.id, tellerId: bert.id },
      { text: 'Geheim verhaal' },
      { id: 'd1' },
    );
    const presenter = viewDocument(doc, PRESENTER_ID);
    expect(readPairs(presenter)).toHaveLength(1);
    expect(readDrafts(presenter)).toHaveLength(1);
    const held = JSON.stringify(presenter.toJSON());
    for (const secret of ['Geheim verhaal', 'Ans', 'Bert', ans.id, bert.id])
      expect(held).not.toContain(secret);
  });
});
