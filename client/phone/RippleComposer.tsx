import { useId, useState } from 'react';
import { addRipple } from '../../shared/doc/commands';
import { LIMITS } from '../../shared/model/limits';
import { commandErrorKey } from '../i18n/errorText';
import { useT } from '../i18n/useT';
import { showNotice } from '../store/actions';
import { useSessionHandle } from '../store/SessionContext';

/** "Wat is er veranderd?": one ripple from a phone. It works offline too; it is sent on reconnect. */
export function RippleComposer({ authorName }: { authorName: string }) {
  const t = useT();
  const id = useId();
  const { doc, actor, store } = useSessionHandle();
  const [text, setText] = useState('');

  function send(event: React.FormEvent) {
    event.preventDefault();
    const trimmed = text.trim();
    if (trimmed === '') {
      showNotice(store, 'phone.emptyRipple', 'error');
      return;
    }
    const result = addRipple(doc, actor, { text: trimmed, authorName, showAuthor: authorName !== '' });
    if (!result.ok) {
      showNotice(store, commandErrorKey(result.error), 'error');
      return;
    }
    setText('');
    showNotice(store, result.value.status === 'pending' ? 'phone.sentPending' : 'phone.sentOnMap');
  }

  const left = LIMITS.rippleText - text.length;
  return (
    <form className="composer" onSubmit={send}>
      <label className="composer__label" htmlFor={`${id}-text`}>
        {t('phone.question')}
      </label>
      <p className="field__hint" id={`${id}-hint`}>
        {t('phone.questionHint')}
      </p>
      <textarea
        id={`${id}-text`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        maxLength={LIMITS.rippleText}
        rows={4}
        aria-describedby={`${id}-hint`}
      />
      {left < 80 && <p className="field__hint">{t('phone.charactersLeft', { count: left })}</p>}
      <button type="submit" className="button button--primary button--wide">
        {t('phone.send')}
      </button>
    </form>
  );
}
