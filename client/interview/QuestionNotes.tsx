import { useId, useState } from 'react';
import { addDraft } from '../../shared/doc/interviewCommands';
import { type Pair, turnRoles } from '../../shared/model/interview';
import { LIMITS } from '../../shared/model/limits';
import { INTENDED_VALUES, type Intended, VALENCES, type Valence } from '../../shared/model/ripple';
import { MonthField } from '../components/MonthField';
import { commandErrorKey } from '../i18n/errorText';
import { useT } from '../i18n/useT';
import { showNotice } from '../store/actions';
import { useSessionHandle } from '../store/SessionContext';
import { asString, readStored, removeStored, writeStored } from '../util/storage';
import { useInterview } from './useInterview';
import { guideQuestions, type InterviewT } from './useInterviewT';

const noteKey = (pairId: string) => `kringen:interview-note:${pairId}`;

/**
 * The asker's screen: the guide's questions one at a time, and a quick note that becomes a
 * draft ripple (optionally with when, intended, good or less good). A note being typed is
 * kept in this browser, so a reload does not lose it; a draft is in the document (and so in
 * IndexedDB and on the partner's phone).
 */
export function QuestionNotes({ pair, turn, t }: { pair: Pair; turn: number; t: InterviewT }) {
  const tt = useT();
  const id = useId();
  const { doc, actor, store } = useSessionHandle();
  const { settings } = useInterview(doc);
  const questions = guideQuestions(settings.questions, t);
  const [index, setIndex] = useState(0);
  const [note, setNoteState] = useState(() => readStored(noteKey(pair.id), asString) ?? '');
  const [when, setWhen] = useState('');
  const [intended, setIntended] = useState<Intended>('unknown');
  const [valence, setValence] = useState<Valence>('unknown');
  const [empty, setEmpty] = useState(false);
  const current = Math.min(index, questions.length - 1);

  const setNote = (value: string) => {
    setNoteState(value);
    writeStored(noteKey(pair.id), value);
  };

  function keep(event: React.FormEvent) {
    event.preventDefault();
    if (note.trim() === '') return setEmpty(true);
    setEmpty(false);
    const result = addDraft(doc, actor, pair.id, turnRoles(pair, turn), {
      text: note.trim(),
      question: current,
      when: when ? { kind: 'month', value: when } : null,
      intended,
      valence,
    });
    if (!result.ok) return showNotice(store, commandErrorKey(result.error), 'error');
    setNoteState('');
    removeStored(noteKey(pair.id));
    setWhen('');
    setIntended('unknown');
    setValence('unknown');
  }

  return (
    <div className="notes">
      <section className="question-card" aria-labelledby={`${id}-q`}>
        <p className="question-card__count">
          {t('iv.question', { index: current + 1, count: questions.length })}
        </p>
        <h3 id={`${id}-q`} className="question-card__text" aria-live="polite">
          {questions[current]}
        </h3>
        <div className="question-card__nav">
          <button
            type="button"
            className="button"
            disabled={current === 0}
            onClick={() => setIndex(current - 1)}
          >
            {t('iv.prevQuestion')}
          </button>
          <button
            type="button"
            className="button"
            disabled={current >= questions.length - 1}
            onClick={() => setIndex(current + 1)}
          >
            {t('iv.nextQuestion')}
          </button>
        </div>
      </section>
      <form className="notes__form" onSubmit={keep}>
        <label className="field">
          <span className="field__label">{t('iv.note')}</span>
          <textarea
            rows={3}
            maxLength={LIMITS.rippleText}
            value={note}
            aria-invalid={empty}
            aria-describedby={`${id}-hint`}
            onChange={(e) => setNote(e.target.value)}
          />
          <span id={`${id}-hint`} className={empty ? 'form-error' : 'field__hint'}>
            {t('iv.noteHint')}
          </span>
        </label>
        <details className="notes__more">
          <summary>{t('iv.more')}</summary>
          <MonthField label={t('iv.when')} value={when} onChange={setWhen} />
          <label className="field">
            <span className="field__label">{t('iv.intended')}</span>
            <select value={intended} onChange={(e) => setIntended(e.target.value as Intended)}>
              {INTENDED_VALUES.map((value) => (
                <option key={value} value={value}>
                  {tt(`phone.intended.${value}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field__label">{t('iv.valence')}</span>
            <select value={valence} onChange={(e) => setValence(e.target.value as Valence)}>
              {VALENCES.map((value) => (
                <option key={value} value={value}>
                  {tt(`phone.valence.${value}`)}
                </option>
              ))}
            </select>
          </label>
        </details>
        <button type="submit" className="button button--primary">
          {t('iv.addDraft')}
        </button>
      </form>
    </div>
  );
}
