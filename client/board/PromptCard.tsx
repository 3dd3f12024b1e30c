import { useEffect, useId, useState } from 'react';
import { updateMeta } from '../../shared/doc/commands';
import { LIMITS } from '../../shared/model/limits';
import { commandErrorKey } from '../i18n/errorText';
import type { MessageKey } from '../i18n/nl';
import { useT } from '../i18n/useT';
import { openPanel, showNotice } from '../store/actions';
import { useSession, useSessionHandle } from '../store/SessionContext';
import type { SessionState } from '../store/sessionStore';

/** The questions REM practice uses to go beyond successes (reflection, docs/glossary.md). */
export const DEFAULT_PROMPTS: MessageKey[] = [
  'prompt.q.lessWell',
  'prompt.q.unintended',
  'prompt.q.whoElse',
  'prompt.q.contributed',
  'prompt.q.next',
];

const selectQuestions = (s: SessionState) => s.view.meta.promptCard;
const selectShown = (s: SessionState) => s.view.meta.promptCardShown;

function useQuestions(): string[] {
  const t = useT();
  const stored = useSession(selectQuestions);
  return stored.length > 0 ? stored : DEFAULT_PROMPTS.map((key) => t(key));
}

/** The card over the map, on every screen, while the facilitator shows it. */
export function PromptCardOverlay() {
  const t = useT();
  const shown = useSession(selectShown);
  const questions = useQuestions();
  const id = useId();
  if (!shown) return null;
  return (
    <section className="prompt-card" aria-labelledby={id}>
      <h2 id={id}>{t('prompt.heading')}</h2>
      <ol>
        {questions.map((q) => (
          <li key={q}>{q}</li>
        ))}
      </ol>
    </section>
  );
}

/** Editing the card's questions for this session, and showing it on the projector. */
export function PromptCardPanel() {
  const t = useT();
  const id = useId();
  const { doc, actor, store } = useSessionHandle();
  const questions = useQuestions();
  const shown = useSession(selectShown);
  const [draft, setDraft] = useState(questions.join('\n'));
  const joined = questions.join('\n');
  useEffect(() => setDraft(joined), [joined]);

  function run(patch: { promptCard?: string[]; promptCardShown?: boolean }) {
    const result = updateMeta(doc, actor, patch);
    if (!result.ok) showNotice(store, commandErrorKey(result.error), 'error');
  }

  return (
    <section className="side-panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('prompt.heading')}</h2>
      <button
        type="button"
        className={shown ? 'button button--primary' : 'button'}
        aria-pressed={shown}
        onClick={() => run({ promptCardShown: !shown })}
      >
        {shown ? t('prompt.hide') : t('prompt.show')}
      </button>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const lines = draft
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean)
            .slice(0, LIMITS.promptCardQuestions);
          run({ promptCard: lines });
          showNotice(store, 'edit.saved');
        }}
      >
        <label className="field">
          <span className="field__label">{t('prompt.questions')}</span>
          <textarea value={draft} rows={7} onChange={(e) => setDraft(e.target.value)} />
          <span className="field__hint">{t('prompt.questionsHint')}</span>
        </label>
        <div className="button-row">
          <button type="submit" className="button button--small">
            {t('common.save')}
          </button>
          <button type="button" className="button button--small" onClick={() => run({ promptCard: [] })}>
            {t('prompt.reset')}
          </button>
          <button type="button" className="button button--small" onClick={() => openPanel(store, 'inbox')}>
            {t('common.close')}
          </button>
        </div>
      </form>
    </section>
  );
}
