import { useEffect, useId, useState } from 'react';
import { updateMeta } from '../../shared/doc/commands';
import { LIMITS } from '../../shared/model/limits';
import { commandErrorKey } from '../i18n/errorText';
import type { MessageKey } from '../i18n/nl';
import { useT } from '../i18n/useT';
import { openPanel, showNotice } from '../store/actions';
import type { DocState } from '../store/docStore';
import { useSession, useSessionHandle } from '../store/SessionContext';

/** The questions REM practice uses to go beyond successes (reflection, docs/glossary.md). */
export const DEFAULT_PROMPTS: MessageKey[] = [
  'prompt.q.lessWell',
  'prompt.q.unintended',
  'prompt.q.whoElse',
  'prompt.q.contributed',
  'prompt.q.next',
];

const selectQuestions = (s: DocState) => s.view.meta.promptCard;
const selectShown = (s: DocState) => s.view.meta.promptCardShown;

function useQuestions(): string[] {
  const t = useT();
  const stored = useSession(selectQuestions);
  return stored.length > 0 ? stored : DEFAULT_PROMPTS.map((key) => t(key));
}

/**
 * The card on every screen while the facilitator shows it: over the map's corner on the
 * board, in the rail beside the map on a projector. There (`closable`) it can be put away:
 * the facilitator's board hides it for every screen; a presenter screen (which may not
 * change the session) hides it for itself until the facilitator shows it again.
 */
export function PromptCardOverlay({ closable = false }: { closable?: boolean }) {
  const t = useT();
  const { doc, actor, store } = useSessionHandle();
  const shown = useSession(selectShown);
  const questions = useQuestions();
  const id = useId();
  const [hiddenHere, setHiddenHere] = useState(false);
  // Shown again by the facilitator: show it here again too.
  useEffect(() => {
    if (!shown) setHiddenHere(false);
  }, [shown]);
  if (!shown || hiddenHere) return null;
  const close = () => {
    if (actor.role !== 'facilitator') return setHiddenHere(true);
    const result = updateMeta(doc, actor, { promptCardShown: false });
    if (!result.ok) showNotice(store, commandErrorKey(result.error), 'error');
  };
  return (
    <section className="prompt-card" aria-labelledby={id}>
      {closable && (
        <button
          type="button"
          className="button button--small button--quiet prompt-card__close projector-chrome"
          aria-label={t('prompt.close')}
          onClick={close}
        >
          ×
        </button>
      )}
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
