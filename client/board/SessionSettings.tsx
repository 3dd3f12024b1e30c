import { useEffect, useId, useState } from 'react';
import { updateMeta } from '../../shared/doc/commands';
import { LIMITS } from '../../shared/model/limits';
import { commandErrorKey } from '../i18n/errorText';
import { useT } from '../i18n/useT';
import { showNotice } from '../store/actions';
import type { DocState } from '../store/docStore';
import { useSession, useSessionHandle } from '../store/SessionContext';
import { selectPrompt } from '../store/selectors';

const selectModeration = (s: DocState) => s.view.meta.moderation;

/** The question phones show, and whether phone ripples wait in the inbox first. */
export function SessionSettings() {
  const t = useT();
  const id = useId();
  const { doc, actor, store } = useSessionHandle();
  const prompt = useSession(selectPrompt);
  const moderation = useSession(selectModeration);
  const [draft, setDraft] = useState(prompt);
  useEffect(() => setDraft(prompt), [prompt]);

  function run(patch: { prompt?: string; moderation?: boolean }, done: 'settings.promptSaved' | null) {
    const result = updateMeta(doc, actor, patch);
    if (!result.ok) showNotice(store, commandErrorKey(result.error), 'error');
    else if (done) showNotice(store, done);
  }

  return (
    <details className="session-settings">
      <summary>{t('settings.heading')}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          run({ prompt: draft.trim() }, 'settings.promptSaved');
        }}
      >
        <label className="field" htmlFor={`${id}-prompt`}>
          <span className="field__label">{t('settings.prompt')}</span>
        </label>
        <input
          id={`${id}-prompt`}
          value={draft}
          maxLength={LIMITS.prompt}
          placeholder={t('settings.promptPlaceholder')}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" className="button button--small">
          {t('settings.promptSave')}
        </button>
      </form>
      <label className="check">
        <input
          type="checkbox"
          checked={moderation}
          onChange={(e) => run({ moderation: e.target.checked }, null)}
        />
        {t('settings.moderation')}
      </label>
    </details>
  );
}
