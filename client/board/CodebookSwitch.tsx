import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Codebook } from '../../shared/codebooks';
import { switchCodebook } from '../../shared/doc/commands';
import { commandErrorKey } from '../i18n/errorText';
import { useLanguage } from '../i18n/language';
import { useT } from '../i18n/useT';
import { showNotice } from '../store/actions';
import type { DocState } from '../store/docStore';
import { useSession, useSessionHandle } from '../store/SessionContext';

/** For useShallow: the confirmed codes ripples carry, one entry per ripple. */
const selectCodesInUse = (s: DocState): string[] => s.view.ripples.flatMap((r) => (r.code ? [r.code] : []));

/**
 * The step between choosing another main codebook and switching, shown when ripples are
 * already coded: a warning, and per code in use either a code of the new codebook or
 * "keep" (the code stays, with its old codebook's label and colour).
 */
export function CodebookSwitch({ from, to, onDone }: { from: Codebook; to: Codebook; onDone: () => void }) {
  const t = useT();
  const id = useId();
  const language = useLanguage();
  const { doc, actor, store } = useSessionHandle();
  const inUse = useSession(useShallow(selectCodesInUse));
  const codes = [...new Set(inUse)];
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const labelOf = (code: string) => from.codes.find((c) => c.id === code)?.label[language] ?? code;

  function confirm() {
    const chosen = Object.fromEntries(Object.entries(mapping).map(([k, v]) => [k, v || null]));
    const result = switchCodebook(doc, actor, to.id, chosen);
    if (!result.ok) showNotice(store, commandErrorKey(result.error), 'error');
    else showNotice(store, 'switch.done');
    onDone();
  }

  return (
    <section className="codebook-switch" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('switch.heading')}</h3>
      <p className="codebook-switch__warning">
        {t('switch.warning', { count: inUse.length, from: from.label[language] })}
      </p>
      {codes.map((code) => (
        <label key={code} className="field">
          <span className="field__label">{t('switch.mapLabel', { code: labelOf(code) })}</span>
          <select
            value={mapping[code] ?? ''}
            onChange={(e) => setMapping((m) => ({ ...m, [code]: e.target.value }))}
          >
            <option value="">{t('switch.keep', { from: from.label[language] })}</option>
            {to.codes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label[language]}
              </option>
            ))}
          </select>
        </label>
      ))}
      <div className="button-row">
        <button type="button" className="button button--primary button--small" onClick={confirm}>
          {t('switch.confirm', { to: to.label[language] })}
        </button>
        <button type="button" className="button button--small" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </section>
  );
}
