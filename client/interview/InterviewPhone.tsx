import { useEffect, useId, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { joinPair, pairUp, unpair } from '../../shared/doc/interviewCommands';
import { participantNumber } from '../../shared/interview/participantNumber';
import { pairOf } from '../../shared/interview/readInterview';
import { type Pair, type PairMember, roleInTurn } from '../../shared/model/interview';
import { commandErrorKey } from '../i18n/errorText';
import { startOverKeepers } from '../phone/rescue';
import { showNotice } from '../store/actions';
import { useSession, useSessionHandle } from '../store/SessionContext';
import { selectConnection } from '../store/selectors';
import { Countdown } from './Countdown';
import { chime } from './chime';
import { DraftList } from './DraftList';
import { QuestionNotes } from './QuestionNotes';
import { restoreRescuedDrafts, saveDraftsForRescue } from './rescueDrafts';
import { type InterviewView, useInterview } from './useInterview';
import { type InterviewT, useInterviewT } from './useInterviewT';
import { useRoundClock } from './useRoundClock';
import './interview.css';

/**
 * The phone during REM's interviews in pairs: find a partner (the facilitator pairs everyone,
 * or two people type each other's number), then ask or tell in turns on the room's shared
 * timer. The asker goes through the questions and keeps notes as drafts; together the pair
 * looks at them and the teller sends them in. Loaded only in the interviews phase.
 */
export default function InterviewPhone({ sessionId, name }: { sessionId: string; name: string }) {
  const t = useInterviewT();
  const id = useId();
  const { doc, actor } = useSessionHandle();
  const view = useInterview(doc);
  const clock = useRoundClock(view.settings);
  const me: PairMember = { id: actor.id, name };
  const pair = pairOf(view.pairs, actor.id, view.settings.round);
  const complete = pair !== null && pair.invite === null;

  // Someone typed this phone's number: join their pair (undone with "Toch niet samen").
  const invitation = pair ? null : invitationFor(view, actor.id);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per invitation; `me` is fixed per page
  useEffect(() => {
    if (invitation) joinPair(doc, actor, me, invitation.id);
  }, [doc, actor, invitation?.id]);

  useKeepDraftsThroughStartOver(sessionId);

  // Vibrate and chime once when the roles switch.
  const lastTurn = useRef(clock.turn);
  useEffect(() => {
    if (clock.state && !clock.state.over && clock.turn > lastTurn.current) chime();
    lastTurn.current = clock.turn;
  }, [clock.turn, clock.state]);

  return (
    <section className="interview" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('iv.heading')}</h2>
      <Countdown clock={clock} t={t} />
      {complete && pair ? (
        <PairView pair={pair} me={me} turn={clock.turn} over={clock.state?.over ?? false} t={t} />
      ) : (
        <Pairing me={me} waitingFor={pair} t={t} />
      )}
    </section>
  );
}

/**
 * A start-over (usePhoneSession) keeps this pair's unsent drafts in the browser, and once the
 * fresh document has synced they are written back (client/interview/rescueDrafts.ts).
 */
function useKeepDraftsThroughStartOver(sessionId: string) {
  const { doc, actor } = useSessionHandle();
  const connection = useSession(selectConnection);
  useEffect(() => {
    const keep = (old: Y.Doc) => saveDraftsForRescue(sessionId, actor.id, old, actor);
    startOverKeepers.add(keep);
    return () => {
      startOverKeepers.delete(keep);
    };
  }, [sessionId, actor]);
  const synced = connection.phase === 'online' && connection.synced;
  useEffect(() => {
    if (synced) restoreRescuedDrafts(sessionId, actor.id, doc, actor);
  }, [synced, sessionId, doc, actor]);
}

function invitationFor(view: InterviewView, participantId: string): Pair | null {
  const number = participantNumber(participantId);
  return (
    view.pairs.find(
      (p) =>
        p.round === view.settings.round &&
        p.invite === number &&
        p.members.length === 1 &&
        p.members[0]?.id !== participantId,
    ) ?? null
  );
}

/** Not paired yet: this phone's number to show, and a field for the other's. */
function Pairing({ me, waitingFor, t }: { me: PairMember; waitingFor: Pair | null; t: InterviewT }) {
  const id = useId();
  const { doc, actor, store } = useSessionHandle();
  const [number, setNumber] = useState('');
  const [problem, setProblem] = useState<'own' | 'refused' | null>(null);
  const own = participantNumber(actor.id);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const typed = number.replace(/\D/g, '');
    if (typed === own) return setProblem('own');
    if (!/^\d{4}$/.test(typed)) return setProblem('refused');
    const result = pairUp(doc, actor, me, typed);
    setProblem(result.ok ? null : 'refused');
    if (result.ok) setNumber('');
  }

  return (
    <div className="pairing">
      <p className="pairing__number">
        <span>{t('iv.myNumber')}</span>
        <strong data-testid="my-number">{own}</strong>
      </p>
      <p className="field__hint">{t('iv.myNumberHint')}</p>
      {waitingFor ? (
        <div className="pairing__waiting" role="status">
          <p>{t('iv.waiting', { number: waitingFor.invite ?? '' })}</p>
          <p className="field__hint">{t('iv.waitingHint')}</p>
          <button
            type="button"
            className="button"
            onClick={() => {
              const result = unpair(doc, actor, waitingFor.id);
              if (!result.ok) showNotice(store, commandErrorKey(result.error), 'error');
            }}
          >
            {t('iv.unpair')}
          </button>
        </div>
      ) : (
        <form className="pairing__form" onSubmit={submit}>
          <p>{t('iv.waitForPair')}</p>
          <label className="field">
            <span className="field__label">{t('iv.partnerNumber')}</span>
            <input
              className="pairing__input"
              inputMode="numeric"
              autoComplete="off"
              maxLength={6}
              value={number}
              aria-invalid={problem !== null}
              aria-describedby={problem ? `${id}-e` : undefined}
              onChange={(e) => setNumber(e.target.value)}
            />
          </label>
          {problem && (
            <p id={`${id}-e`} className="form-error" role="alert">
              {problem === 'own' ? t('iv.ownNumber') : t('iv.alreadyPaired')}
            </p>
          )}
          <button type="submit" className="button button--primary">
            {t('iv.pairUp')}
          </button>
        </form>
      )}
    </div>
  );
}

/** Paired: with whom, this turn's role, the questions and notes (asking), and the pair's drafts. */
function PairView({
  pair,
  me,
  turn,
  over,
  t,
}: {
  pair: Pair;
  me: PairMember;
  turn: number;
  over: boolean;
  t: InterviewT;
}) {
  const { doc, actor, store } = useSessionHandle();
  const hasDrafts = useInterview(doc).drafts.some((d) => d.pairId === pair.id);
  const others = pair.members.filter((m) => m.id !== me.id).map((m) => m.name || t('iv.partner'));
  const role = roleInTurn(pair, me.id, turn);
  return (
    <div className="pair">
      <p className="pair__with">
        {others.length > 1
          ? t('iv.pairedWithTwo', { name: others[0] ?? '', other: others[1] ?? '' })
          : t('iv.pairedWith', { name: others[0] ?? t('iv.partner') })}
      </p>
      <div className={`pair__role pair__role--${role}`}>
        <p className="pair__roleName" data-testid="role">
          {t(`iv.role.${role}`)}
        </p>
        <p className="field__hint">{over ? t('iv.over') : t(`iv.role.${role}Hint`)}</p>
      </div>
      {role === 'asking' && !over && <QuestionNotes pair={pair} turn={turn} t={t} />}
      <DraftList pair={pair} me={me} t={t} />
      {pair.by === 'self' && !hasDrafts && (
        <button
          type="button"
          className="button pair__undo"
          onClick={() => {
            const result = unpair(doc, actor, pair.id);
            if (!result.ok) showNotice(store, commandErrorKey(result.error), 'error');
          }}
        >
          {t('iv.unpair')}
        </button>
      )}
    </div>
  );
}
