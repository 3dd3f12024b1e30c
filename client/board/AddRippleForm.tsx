import { useId, useRef, useState } from 'react';
import { addRipple } from '../../shared/doc/commands';
import { LIMITS } from '../../shared/model/limits';
import { commandErrorKey } from '../i18n/errorText';
import { useT } from '../i18n/useT';
import { openPanel, showNotice } from '../store/actions';
import { useSessionHandle } from '../store/SessionContext';

/** The facilitator (the "mapper") writes a ripple down; it goes straight onto the map. */
export function AddRippleForm() {
  const t = useT();
  const id = useId();
  const { doc, actor, store } = useSessionHandle();
  const [text, setText] = useState('');
  const [story, setStory] = useState('');
  const [author, setAuthor] = useState('');
  const textRef = useRef<HTMLTextAreaElement>(null);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (text.trim() === '') {
      showNotice(store, 'phone.emptyRipple', 'error');
      return;
    }
    const name = author.trim();
    const result = addRipple(doc, actor, {
      text: text.trim(),
      story: story.trim(),
      authorName: name,
      showAuthor: name !== '',
    });
    if (!result.ok) {
      showNotice(store, commandErrorKey(result.error), 'error');
      return;
    }
    setText('');
    setStory('');
    showNotice(store, 'add.added');
    textRef.current?.focus();
  }

  return (
    <section className="side-panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('add.heading')}</h2>
      <form onSubmit={submit}>
        <label className="field">
          <span className="field__label">{t('add.text')}</span>
          <textarea
            ref={textRef}
            value={text}
            onChange={(e) => setText(e.target.value)}
            maxLength={LIMITS.rippleText}
            rows={3}
            required
            // biome-ignore lint/a11y/noAutofocus: the facilitator opened this panel to type
            autoFocus
          />
        </label>
        <label className="field">
          <span className="field__label">{t('edit.story')}</span>
          <textarea
            value={story}
            onChange={(e) => setStory(e.target.value)}
            maxLength={LIMITS.rippleStory}
            rows={2}
          />
        </label>
        <label className="field">
          <span className="field__label">{t('add.author')}</span>
          <input value={author} onChange={(e) => setAuthor(e.target.value)} maxLength={LIMITS.name} />
        </label>
        <div className="button-row">
          <button type="submit" className="button button--primary">
            {t('add.submit')}
          </button>
          <button type="button" className="button" onClick={() => openPanel(store, 'inbox')}>
            {t('common.close')}
          </button>
        </div>
      </form>
    </section>
  );
}
