import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { type CommandResult, setSessionPhase } from '../../shared/doc/commands';
import {
  pairEveryone,
  setInterviewGuide,
  setInterviewTimer,
  type TimerAction,
} from '../../shared/doc/interviewCommands';
import type { PairMember } from '../../shared/model/interview';
import { LIMITS } from '../../shared/model/limits';
import { commandErrorKey } from '../i18n/errorText';
import { openPanel, showNotice } from '../store/actions';
import type { DocState } from '../store/docStore';
import type { PeerState } from '../store/presence';
import { useSession, useSessionHandle } from '../store/SessionContext';
import { Countdown } from './Countdown';
import { serverNow } from './serverClock';
import { useInterview } from './useInterview';
import { guideQuestions, type InterviewT, useInterviewT } from './useInterviewT';
import { useRoundClock } from './useRoundClock';
import './interview.css';

/** For useShallow: the participants present (awareness), each once, as "id|name". */
const selectPresent = (s: DocState): string[] => [
  ...new Set(
    s.peers
      .filter((p: PeerState) => p.role === 'participant' && p.id !== null)
      .map((p) => `${p.id}|${p.name}`),
  ),
];

/**
 * The facilitator's side of the interviews: the guide (edit, reorder, add, back to the
 * defaults), the round's length, pairing everyone present at random, the shared timer
 * (start, pause, +1 minute, end) and, when done, on to mapping.
 */
export default function InterviewPanel() {
  const t = useInterviewT();
  const id = useId();
  const { doc, actor, store } = useSessionHandle();
  const view = useInterview(doc);
  const clock = useRoundClock(view.settings);
  const present = useSession(useShallow(selectPresent));
  const run = (result: CommandResult<unknown>) => {
    if (!result.ok) showNotice(store, commandErrorKey(result.error), 'error');
  };
  const round = view.pairs.filter((p) => p.round === view.settings.round);
  const timer = clock.state;
  const timerAction = (action: TimerAction) => run(setInterviewTimer(doc, actor, action, serverNow()));

  function pairAll() {
    const people: PairMember[] = present.map((entry) => {
      const at = entry.indexOf('|');
      return { id: entry.slice(0, at), name: entry.slice(at + 1) };
    });
    if (people.length < 2) return showNotice(store, 'error.command.invalid', 'error');
    run(pairEveryone(doc, actor, people));
  }

  return (
    <section className="side-panel interview-panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('iv.board.heading')}</h2>
      <Countdown clock={clock} t={t} />
      <div className="button-row">
        {timer === null || timer.over ? (
          <button type="button" className="button button--primary" onClick={() => timerAction('start')}>
            {t('iv.board.start')}
          </button>
        ) : (
          <>
            <button
              type="button"
              className="button"
              onClick={() => timerAction(timer.paused ? 'resume' : 'pause')}
            >
              {timer.paused ? t('iv.board.resume') : t('iv.board.pause')}
            </button>
            <button type="button" className="button" onClick={() => timerAction('addMinute')}>
              {t('iv.board.addMinute')}
            </button>
            <button type="button" className="button" onClick={() => timerAction('end')}>
              {t('iv.board.end')}
            </button>
          </>
        )}
      </div>

      <h3>{t('iv.board.round')}</h3>
      <RoundSettings minutes={view.settings.turnMinutes} turns={view.settings.turns} t={t} />

      <p>{t('iv.board.present', { count: present.length })}</p>
      <button type="button" className="button" disabled={present.length < 2} onClick={pairAll}>
        {t('iv.board.pairAll')}
      </button>
      <p className="field__hint">{present.length < 2 ? t('iv.board.needTwo') : t('iv.board.pairAllHint')}</p>
      <h3>{t('iv.board.pairList')}</h3>
      {round.length === 0 ? (
        <p className="muted">{t('iv.board.noPairs')}</p>
      ) : (
        <ol className="pair-list">
          {round.map((pair) => (
            <li key={pair.id}>
              {pair.members.map((m) => m.name || t('iv.board.anonymous')).join(' · ')}
              {pair.invite !== null && ` · ${pair.invite}…`}
            </li>
          ))}
        </ol>
      )}

      <GuideEditor stored={view.settings.questions} t={t} />

      <button
        type="button"
        className="button button--primary"
        onClick={() => {
          run(setSessionPhase(doc, actor, 'mapping'));
          openPanel(store, 'inbox');
        }}
      >
        {t('iv.board.toMapping')}
      </button>
    </section>
  );
}

function RoundSettings({ minutes, turns, t }: { minutes: number; turns: number; t: InterviewT }) {
  return (
    <div className="round-settings">
      <RoundNumber
        field="turnMinutes"
        label={t('iv.board.minutes')}
        value={minutes}
        max={LIMITS.interviewTurnMinutes}
      />
      <RoundNumber field="turns" label={t('iv.board.turns')} value={turns} max={LIMITS.interviewTurns} />
    </div>
  );
}

/**
 * One whole number of the round's settings, saved as soon as it is one in range; while the
 * field is being retyped (empty, or out of range) it is marked, not saved.
 */
function RoundNumber({
  field,
  label,
  value,
  max,
}: {
  field: 'turnMinutes' | 'turns';
  label: string;
  value: number;
  max: number;
}) {
  const { doc, actor } = useSessionHandle();
  const [typed, setTyped] = useState<string | null>(null);
  const shown = typed ?? String(value);
  const number = Number(shown);
  const valid = shown !== '' && Number.isInteger(number) && number >= 1 && number <= max;
  return (
    <label className="field">
      <span className="field__label">{label}</span>
      <input
        type="number"
        inputMode="numeric"
        min={1}
        max={max}
        value={shown}
        aria-invalid={!valid}
        onChange={(e) => {
          const next = e.target.value;
          const parsed = Number(next);
          if (next !== '' && Number.isInteger(parsed) && parsed >= 1 && parsed <= max) {
            setInterviewGuide(doc, actor, { [field]: parsed });
            setTyped(null);
          } else setTyped(next);
        }}
        onBlur={() => setTyped(null)}
      />
    </label>
  );
}

/** The guide: one field per question, moved with buttons (keyboard and touch alike). */
function GuideEditor({ stored, t }: { stored: readonly string[]; t: InterviewT }) {
  const id = useId();
  const { doc, actor, store } = useSessionHandle();
  const questions = guideQuestions(stored, t);
  const [adding, setAdding] = useState('');
  const save = (next: string[]) => {
    const result = setInterviewGuide(doc, actor, { questions: next });
    if (!result.ok) showNotice(store, commandErrorKey(result.error), 'error');
  };
  const move = (from: number, to: number) => {
    const next = [...questions];
    const [item] = next.splice(from, 1);
    if (item !== undefined) next.splice(to, 0, item);
    save(next);
  };
  return (
    <section aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('iv.board.guide')}</h3>
      <p className="field__hint">{t('iv.board.guideHint')}</p>
      <ol className="guide-list">
        {questions.map((question, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a question is its place in the list
          <li key={index} className="guide-list__item">
            <textarea
              rows={2}
              aria-label={t('iv.board.questionLabel', { index: index + 1 })}
              maxLength={LIMITS.interviewQuestion}
              defaultValue={question}
              key={question}
              onBlur={(e) => {
                const value = e.target.value.trim();
                if (value !== question) save(questions.map((q, i) => (i === index ? value : q)));
              }}
            />
            <span className="guide-list__buttons">
              <IconButton
                label={t('iv.board.moveUp', { index: index + 1 })}
                icon="↑"
                disabled={index === 0}
                onClick={() => move(index, index - 1)}
              />
              <IconButton
                label={t('iv.board.moveDown', { index: index + 1 })}
                icon="↓"
                disabled={index === questions.length - 1}
                onClick={() => move(index, index + 1)}
              />
              <IconButton
                label={t('iv.board.remove', { index: index + 1 })}
                icon="×"
                disabled={questions.length <= 1}
                onClick={() => save(questions.filter((_, i) => i !== index))}
              />
            </span>
          </li>
        ))}
      </ol>
      <form
        className="button-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (adding.trim() === '' || questions.length >= LIMITS.interviewQuestions) return;
          save([...questions, adding.trim()]);
          setAdding('');
        }}
      >
        <input
          aria-label={t('iv.board.newQuestion')}
          placeholder={t('iv.board.newQuestion')}
          maxLength={LIMITS.interviewQuestion}
          value={adding}
          onChange={(e) => setAdding(e.target.value)}
        />
        <button type="submit" className="button button--small">
          {t('iv.board.add')}
        </button>
        <button
          type="button"
          className="button button--small"
          disabled={stored.length === 0}
          onClick={() => save([])}
        >
          {t('iv.board.reset')}
        </button>
      </form>
    </section>
  );
}

/** A small button showing only a sign; its name (and tooltip) says what it does. */
function IconButton({
  label,
  icon,
  disabled,
  onClick,
}: {
  label: string;
  icon: string;
  disabled: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className="button button--small button--icon"
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
    >
      <span aria-hidden="true">{icon}</span>
    </button>
  );
}
