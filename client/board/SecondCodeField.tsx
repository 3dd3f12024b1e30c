import { useId } from 'react';
import { findCodebook, secondCode, withCodeFrom } from '../../shared/doc/codeRefs';
import { editRipple } from '../../shared/doc/commands';
import type { RippleView } from '../../shared/doc/viewModel';
import { commandErrorKey } from '../i18n/errorText';
import { useLanguage } from '../i18n/language';
import { useT } from '../i18n/useT';
import { showNotice } from '../store/actions';
import { useSession, useSessionHandle } from '../store/SessionContext';
import { selectMeta } from '../store/selectors';
import { CodeOptions } from './CodeOptions';

/**
 * The ripple's code from the session's second codebook (borging strategies unless the
 * facilitator chose another), confirmed at once like the main code.
 */
export function SecondCodeField({ ripple }: { ripple: RippleView }) {
  const t = useT();
  const id = useId();
  const language = useLanguage();
  const { doc, actor, store } = useSessionHandle();
  const meta = useSession(selectMeta);
  const codebook = findCodebook(meta, meta.secondCodebook);
  if (!codebook || codebook.id === meta.codebook) return null;

  function choose(value: string) {
    const extraCodes = withCodeFrom(ripple.extraCodes, meta.secondCodebook, value || null);
    const result = editRipple(doc, actor, ripple.id, { extraCodes });
    if (!result.ok) showNotice(store, commandErrorKey(result.error), 'error');
  }

  return (
    <div className="field">
      <label className="field__label" htmlFor={`${id}-second`}>
        {t('second.label', { codebook: codebook.label[language] })}
      </label>
      <select
        id={`${id}-second`}
        value={secondCode(ripple, meta) ?? ''}
        onChange={(e) => choose(e.target.value)}
      >
        <CodeOptions codebook={codebook} />
      </select>
    </div>
  );
}
