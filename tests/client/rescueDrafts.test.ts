import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { draftsToRescue, restoreDrafts } from '../../client/interview/rescueDrafts';
import { addDraft, editDraft, pairEveryone, sendDraft } from '../../shared/doc/interviewCommands';
import { readDraft, readDrafts, readPairs } from '../../shared/interview/readInterview';
import { ans, bert, boss, session } from '../helpers/people';

/** The server's copy and a phone's copy of a session where Ans (asking) and Bert are a pair. */
function serverAndPhone() {
  const server = session({ sessionPhase: 'interviews' });
  pairEveryone(
    server,
    boss,
    [ans, bert].map((a) => ({ id: a.id, name: '' })),
    () => 0.99,
  );
  const pairId = readPairs(server)[0]?.id ?? '';
  const phone = new Y.Doc();
  Y.applyUpdate(phone, Y.encodeStateAsUpdate(server));
  return { server, phone, pairId, roles: { askerId: ans.id, tellerId: bert.id } };
}

describe('drafts through a start-over', () => {
  it('come back with their ids when the server never got them; a sent one is left alone', () => {
    const { server, phone, pairId, roles } = serverAndPhone();
    addDraft(server, ans, pairId, roles, { text: 'Al op de server' }, { id: 'd0' });
    Y.applyUpdate(phone, Y.encodeStateAsUpdate(server));
    // Offline on the phone: a new draft, and a change to one Bert sends meanwhile.
    addDraft(phone, ans, pairId, roles, { text: 'Alleen op de telefoon' }, { id: 'd1' });
    editDraft(phone, ans, 'd0', { text: 'Anders op de telefoon' });
    sendDraft(server, bert, 'd0');
    const kept = draftsToRescue(phone, ans);
    expect(kept.map((d) => d.id).sort()).toEqual(['d0', 'd1']);

    // The phone starts over from the server's copy and writes back what it kept.
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(server));
    expect(restoreDrafts(fresh, ans, kept)).toBe(1);
    expect(readDraft(fresh, 'd1')?.text).toBe('Alleen op de telefoon');
    expect(readDraft(fresh, 'd0')).toMatchObject({ text: 'Al op de server', state: 'sent' });
    // Restoring again writes nothing twice.
    expect(restoreDrafts(fresh, ans, kept)).toBe(0);
    expect(readDrafts(fresh)).toHaveLength(2);
  });
});
