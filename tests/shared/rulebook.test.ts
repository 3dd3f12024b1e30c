import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addRipple,
  type CommandResult,
  castVote,
  clearVotes,
  deleteRipple,
  editRipple,
  linkRipples,
  openVoting,
  setRippleStatus,
  setSessionPhase,
  updateMeta,
  withdrawRipple,
  withdrawVote,
} from '../../shared/doc/commands';
import {
  addDraft,
  editDraft,
  pairEveryone,
  pairUp,
  sendDraft,
  setInterviewGuide,
  setInterviewTimer,
} from '../../shared/doc/interviewCommands';
import { nextFreeSlot, readVotes } from '../../shared/doc/read';
import { roots } from '../../shared/doc/schema';
import { participantNumber } from '../../shared/interview/participantNumber';
import { readDraft, readInterview, readPairs } from '../../shared/interview/readInterview';
import { type Actor, voteKey } from '../../shared/model/ripple';
import { judge } from '../helpers/judge';
import { ans, bert, boss, cor, session, viewer } from '../helpers/people';

/**
 * permissions.ts is the one place that decides who may do what; the commands (what screens
 * do) and `authorize` (what the server accepts) both ask it. This property holds them
 * together: for any session state, any actor and any command, the command succeeds exactly
 * when the server accepts the change it would make. A command that succeeds writes nothing
 * the server refuses, and a command the rules refuse is refused by the server too when a
 * client writes the same change by hand.
 */

interface State {
  moderation: boolean;
  ansAccepted: boolean;
  dots: number;
  ansDots: number;
  votingOpen: boolean;
  closed: boolean;
  /** Ans (asking) and Bert (telling) paired for the interviews, with one draft. */
  paired: boolean;
}

function build(state: State): Y.Doc {
  const doc = session({ moderation: state.moderation });
  addRipple(doc, boss, { text: 'Op de kaart' }, { id: 'onmap', now: 1 });
  addRipple(doc, boss, { text: 'Ook op de kaart' }, { id: 'onmap2', now: 2 });
  addRipple(doc, ans, { text: 'Van Ans' }, { id: 'ans1', now: 3 });
  addRipple(doc, bert, { text: 'Van Bert' }, { id: 'bert1', now: 4 });
  setRippleStatus(doc, boss, 'ans1', state.ansAccepted ? 'accepted' : 'pending');
  setRippleStatus(doc, boss, 'bert1', 'pending');
  if (state.dots > 0) {
    openVoting(doc, boss, 3);
    for (let i = 0; i < state.ansDots; i++) castVote(doc, ans, 'onmap');
  }
  updateMeta(doc, boss, { votingOpen: state.votingOpen, dotsPerParticipant: state.dots });
  if (state.paired) {
    const made = pairEveryone(
      doc,
      boss,
      [
        { id: ans.id, name: 'Ans' },
        { id: bert.id, name: '' },
      ],
      () => 0.99,
    );
    const pairId = made.ok ? (made.value[0]?.id ?? '') : '';
    addDraft(doc, boss, pairId, ANS_ASKS, { text: 'Concept' }, { id: 'd1', now: 5 });
  }
  if (state.closed) setSessionPhase(doc, boss, 'closed');
  return doc;
}

const ANS_ASKS = { askerId: ans.id, tellerId: bert.id };
const pairIdOf = (doc: Y.Doc) => readPairs(doc)[0]?.id ?? 'no-pair';

/** A command, and the same write made by hand by a client that skips the command's checks. */
interface Command {
  name: string;
  run(doc: Y.Doc, actor: Actor): CommandResult<unknown>;
  byHand(doc: Y.Doc, actor: Actor): void;
}

/** For commands whose write does not depend on who asks: the facilitator's write, sent by `actor`. */
const asWritten = (name: string, run: (doc: Y.Doc, actor: Actor) => CommandResult<unknown>): Command => ({
  name,
  run,
  byHand: (doc) => {
    run(doc, boss);
  },
});

const rippleMap = (doc: Y.Doc, id: string) => roots(doc).ripples.get(id) as Y.Map<unknown>;

const COMMANDS: Command[] = [
  {
    name: 'addRipple',
    run: (doc, actor) => addRipple(doc, actor, { text: 'Nieuw' }, { id: 'new', now: 9 }),
    byHand: (doc, actor) => {
      const status =
        actor.role !== 'facilitator' && roots(doc).meta.get('moderation') ? 'pending' : 'accepted';
      const fields = { id: 'new', text: 'Nieuw', kind: 'effect', authorId: actor.id, showAuthor: true };
      roots(doc).ripples.set(
        'new',
        new Y.Map(Object.entries({ ...fields, createdAt: 9, updatedAt: 9, status })),
      );
    },
  },
  ...['ans1', 'bert1', 'onmap'].flatMap((id): Command[] => [
    {
      name: `editRipple ${id}`,
      run: (doc, actor) => editRipple(doc, actor, id, { text: 'Anders' }, 9),
      byHand: (doc) => {
        rippleMap(doc, id).set('text', 'Anders');
        rippleMap(doc, id).set('updatedAt', 9);
      },
    },
    {
      name: `withdrawRipple ${id}`,
      run: (doc, actor) => withdrawRipple(doc, actor, id),
      byHand: (doc) => roots(doc).ripples.delete(id),
    },
  ]),
  {
    name: 'castVote',
    run: (doc, actor) => castVote(doc, actor, 'onmap2'),
    byHand: (doc, actor) => roots(doc).votes.set(voteKey(actor.id, nextFreeSlot(doc, actor.id)), 'onmap2'),
  },
  {
    name: 'withdrawVote',
    run: (doc, actor) => withdrawVote(doc, actor, 'onmap'),
    byHand: (doc, actor) => {
      const mine = readVotes(doc).find((v) => v.voterId === actor.id && v.rippleId === 'onmap');
      if (mine) roots(doc).votes.delete(voteKey(mine.voterId, mine.slot));
    },
  },
  asWritten('setRippleStatus', (doc, actor) => setRippleStatus(doc, actor, 'bert1', 'accepted', 9)),
  asWritten('linkRipples', (doc, actor) => linkRipples(doc, actor, 'onmap', 'onmap2', 9)),
  // Not 'bert1': deleting one's own pending ripple is the same write as withdrawing it.
  asWritten('deleteRipple', (doc, actor) => deleteRipple(doc, actor, 'onmap2')),
  asWritten('updateMeta', (doc, actor) => updateMeta(doc, actor, { title: 'Anders' })),
  asWritten('openVoting', (doc, actor) => openVoting(doc, actor, 2)),
  asWritten('clearVotes', (doc, actor) => clearVotes(doc, actor)),
  asWritten('setInterviewGuide', (doc, actor) => setInterviewGuide(doc, actor, { questions: ['Wat?'] })),
  asWritten('pairEveryone', (doc, actor) =>
    pairEveryone(
      doc,
      actor,
      [ans, bert].map((a) => ({ id: a.id, name: '' })),
    ),
  ),
  asWritten('setInterviewTimer', (doc, actor) => setInterviewTimer(doc, actor, 'start', 9)),
  {
    name: 'pairUp',
    run: (doc, actor) => pairUp(doc, actor, { id: actor.id, name: '' }, participantNumber('p-cor'), 9),
    byHand: (doc, actor) =>
      roots(doc).pairs.set('np', {
        id: 'np',
        round: readInterview(doc).round,
        members: [{ id: actor.id, name: '' }],
        by: 'self',
        createdAt: 9,
        invite: participantNumber('p-cor'),
      }),
  },
  {
    name: 'addDraft',
    run: (doc, actor) =>
      addDraft(doc, actor, pairIdOf(doc), ANS_ASKS, { text: 'Nog een' }, { id: 'd2', now: 9 }),
    byHand: (doc) => {
      const draft = readDraft(doc, 'd1');
      roots(doc).drafts.set('d2', {
        ...draft,
        pairId: pairIdOf(doc),
        id: 'd2',
        text: 'Nog een',
        createdAt: 9,
      });
    },
  },
  {
    name: 'editDraft',
    run: (doc, actor) => editDraft(doc, actor, 'd1', { text: 'Anders' }, 9),
    byHand: (doc) => roots(doc).drafts.set('d1', { ...readDraft(doc, 'd1'), text: 'Anders', updatedAt: 9 }),
  },
  {
    name: 'sendDraft',
    run: (doc, actor) => sendDraft(doc, actor, 'd1', { now: 9 }),
    byHand: (doc, actor) => {
      // What the command writes as the teller, sent by `actor`.
      const client = new Y.Doc();
      Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
      const before = Y.encodeStateVector(client);
      sendDraft(client, bert, 'd1', { now: 9 });
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(client, before));
      void actor;
    },
  },
];

const RULE_REFUSALS = new Set(['forbidden', 'voting-closed', 'no-dots-left']);

/** Whether `change` writes anything to a copy of `doc` (a write of nothing has nothing to refuse). */
function changesSomething(doc: Y.Doc, change: (copy: Y.Doc) => void): boolean {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  let changed = false;
  copy.on('update', () => {
    changed = true;
  });
  change(copy);
  return changed;
}

describe('the one rulebook', () => {
  it('a command succeeds exactly when the server accepts its change', () => {
    const state = fc.record({
      moderation: fc.boolean(),
      ansAccepted: fc.boolean(),
      dots: fc.integer({ min: 0, max: 3 }),
      ansDots: fc.integer({ min: 0, max: 3 }),
      votingOpen: fc.boolean(),
      closed: fc.boolean(),
      paired: fc.boolean(),
    });
    fc.assert(
      fc.property(
        state,
        fc.constantFrom(boss, ans, bert, cor, viewer),
        fc.constantFrom(...COMMANDS),
        (s, actor, command) => {
          const doc = build(s);
          const copy = new Y.Doc();
          Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
          const outcome = command.run(copy, actor);
          if (outcome.ok) {
            const verdict = judge(doc, actor, (client) => command.run(client, actor));
            expect(verdict, `${command.name} by ${actor.id} succeeded: the server must accept it`).toEqual({
              ok: true,
            });
          } else if (
            RULE_REFUSALS.has(outcome.error.kind) &&
            changesSomething(doc, (client) => command.byHand(client, actor))
          ) {
            const verdict = judge(doc, actor, (client) => command.byHand(client, actor));
            expect(
              verdict.ok,
              `${command.name} by ${actor.id} was refused (${outcome.error.kind}): so must the same change by hand`,
            ).toBe(false);
          }
        },
      ),
      { numRuns: 900, seed: 19 },
    );
  });
});
