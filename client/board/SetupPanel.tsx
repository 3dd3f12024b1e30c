import { useEffect, useId, useState } from 'react';
import { updateMeta } from '../../shared/doc/commands';
import { LIMITS } from '../../shared/model/limits';
import { LANGUAGES, type Language, type SessionMeta } from '../../shared/model/ripple';
import { MonthField } from '../components/MonthField';
import { commandErrorKey } from '../i18n/errorText';
import type { MessageKey } from '../i18n/nl';
import { useT } from '../i18n/useT';
import { openPanel, showNotice } from '../store/actions';
import { useSession, useSessionHandle } from '../store/SessionContext';
import { selectMeta } from '../store/selectors';
import { PhaseList } from './PhaseList';

type SetupDraft = Pick<
  SessionMeta,
  'title' | 'programme' | 'spanStart' | 'spanEnd' | 'phases' | 'language' | 'moderation' | 'prompt'
>;

const LANGUAGE_TEXT: Record<Language, MessageKey> = { nl: 'setup.language.nl', en: 'setup.language.en' };

const draftOf = (meta: SessionMeta): SetupDraft => ({
  title: meta.title,
  programme: meta.programme,
  spanStart: meta.spanStart,
  spanEnd: meta.spanEnd,
  phases: meta.phases,
  language: meta.language,
  moderation: meta.moderation,
  prompt: meta.prompt,
});

/** What is wrong with a draft, as the facilitator reads it; null when it can be saved. */
function problemOf(draft: SetupDraft): MessageKey | null {
  if (draft.title.trim() === '') return 'home.titleRequired';
  if (draft.spanStart && draft.spanEnd && draft.spanEnd < draft.spanStart) return 'setup.error.span';
  if (draft.phases.some((p) => p.label.trim() === '')) return 'setup.error.phaseName';
  if (draft.phases.some((p) => p.start && p.end && p.end < p.start)) return 'setup.error.phaseOrder';
  return null;
}

/**
 * Preparing a session (REM with a timeline, docs/glossary.md): the title and the programme at the
 * centre, the project's period and its phases (the timeline's bands and the "when" a
 * ripple can be placed in), the session's language, moderation and the phones' question.
 * A draft, saved in one change, so another facilitator never sees half a set-up.
 */
export function SetupPanel() {
  const t = useT();
  const id = useId();
  const { doc, actor, store } = useSessionHandle();
  const meta = useSession(selectMeta);
  const [draft, setDraft] = useState<SetupDraft>(() => draftOf(meta));
  const [dirty, setDirty] = useState(false);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const change = (patch: Partial<SetupDraft>) => {
    setDirty(true);
    setDraft((d) => ({ ...d, ...patch }));
  };
  // Until this facilitator types, the form follows the document (another facilitator may be setting up too).
  const stored = JSON.stringify(draftOf(meta));
  useEffect(() => {
    if (!dirty) setDraft(JSON.parse(stored) as SetupDraft);
  }, [stored, dirty]);

  function save(event: React.FormEvent) {
    event.preventDefault();
    const found = problemOf(draft);
    setProblem(found);
    if (found) return;
    const result = updateMeta(doc, actor, {
      ...draft,
      title: draft.title.trim(),
      programme: draft.programme.trim(),
      prompt: draft.prompt.trim(),
      phases: draft.phases.map((p) => ({ ...p, label: p.label.trim() })),
    });
    if (!result.ok) showNotice(store, commandErrorKey(result.error), 'error');
    else {
      setDirty(false);
      showNotice(store, 'setup.saved');
      openPanel(store, 'inbox');
    }
  }

  return (
    <section className="side-panel setup-panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('setup.heading')}</h2>
      <form onSubmit={save} noValidate>
        <label className="field">
          <span className="field__label">{t('home.title')}</span>
          <input
            value={draft.title}
            maxLength={LIMITS.title}
            required
            onChange={(e) => change({ title: e.target.value })}
          />
        </label>
        <label className="field">
          <span className="field__label">{t('setup.programme')}</span>
          <input
            value={draft.programme}
            maxLength={LIMITS.programme}
            onChange={(e) => change({ programme: e.target.value })}
          />
          <span className="field__hint">{t('home.programmeHint')}</span>
        </label>
        <fieldset className="setup-panel__group">
          <legend>{t('setup.span')}</legend>
          <p className="field__hint">{t('setup.spanHint')}</p>
          <MonthField
            label={t('setup.spanStart')}
            value={draft.spanStart ?? ''}
            onChange={(v) => change({ spanStart: v || null })}
          />
          <MonthField
            label={t('setup.spanEnd')}
            value={draft.spanEnd ?? ''}
            onChange={(v) => change({ spanEnd: v || null })}
          />
        </fieldset>
        <PhaseList phases={draft.phases} onChange={(phases) => change({ phases })} />
        <label className="field">
          <span className="field__label">{t('setup.language')}</span>
          <select value={draft.language} onChange={(e) => change({ language: e.target.value as Language })}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t(LANGUAGE_TEXT[l])}
              </option>
            ))}
          </select>
          <span className="field__hint">{t('setup.languageHint')}</span>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.moderation}
            onChange={(e) => change({ moderation: e.target.checked })}
          />
          {t('settings.moderation')}
        </label>
        <label className="field">
          <span className="field__label">{t('settings.prompt')}</span>
          <input
            value={draft.prompt}
            maxLength={LIMITS.prompt}
            placeholder={t('settings.promptPlaceholder')}
            onChange={(e) => change({ prompt: e.target.value })}
          />
        </label>
        {problem && (
          <p className="form-error" role="alert">
            {t(problem)}
          </p>
        )}
        <div className="button-row">
          <button type="submit" className="button button--primary">
            {t('common.save')}
          </button>
          <button type="button" className="button" onClick={() => openPanel(store, 'inbox')}>
            {t('common.close')}
          </button>
        </div>
      </form>
    </section>
  );
}
