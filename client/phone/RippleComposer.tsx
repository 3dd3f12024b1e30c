import { useEffect, useId, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { addRipple } from '../../shared/doc/commands';
import { LIMITS } from '../../shared/model/limits';
import { commandErrorKey } from '../i18n/errorText';
import { useT } from '../i18n/useT';
import { showNotice } from '../store/actions';
import { useSession, useSessionHandle } from '../store/SessionContext';
import { selectMapRipples, selectMeta, selectPrompt } from '../store/selectors';
import { RippleDetails } from './RippleDetails';
import { RipplePreview } from './RipplePreview';
import { draftToInput, EMPTY_DRAFT, loadDraft, type RippleDraft, saveDraft } from './rippleDraft';

type Step = 'write' | 'details' | 'preview';

/**
 * "Wat is er veranderd?" as a short guided flow: write it down, optionally tell more
 * (what it came from, when, intended, good or less good, who), look it over, send. The
 * shortest way is three taps: Verder, Versturen. It works offline too: the ripple goes into
 * the phone's own copy of the session and is sent when the connection returns.
 */
export function RippleComposer({ sessionId, authorName }: { sessionId: string; authorName: string }) {
  const t = useT();
  const id = useId();
  const { doc, actor, store } = useSessionHandle();
  const prompt = useSession(selectPrompt);
  const meta = useSession(selectMeta);
  const onMap = useSession(useShallow(selectMapRipples));
  const [draft, setDraftState] = useState<RippleDraft>(() => loadDraft(sessionId, actor.id));
  const [step, setStep] = useState<Step>('write');
  const [error, setError] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  const setDraft = (patch: Partial<RippleDraft>) => {
    setDraftState((current) => {
      const next = { ...current, ...patch };
      saveDraft(sessionId, actor.id, next);
      return next;
    });
  };

  // Each step starts at its heading, so a screen reader (and a magnified screen) lands there.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the step changes
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    heading.current?.focus();
  }, [step]);

  function next(to: Step) {
    if (draft.text.trim() === '') {
      setError(true);
      return;
    }
    setError(false);
    setStep(to);
  }

  function send() {
    const result = addRipple(doc, actor, draftToInput(draft, authorName));
    if (!result.ok) {
      showNotice(store, commandErrorKey(result.error), 'error');
      return;
    }
    setDraftState(EMPTY_DRAFT);
    saveDraft(sessionId, actor.id, EMPTY_DRAFT);
    setStep('write');
    showNotice(store, result.value.status === 'pending' ? 'phone.sentPending' : 'phone.sentOnMap');
  }

  if (step === 'details') {
    return (
      <section className="composer" aria-labelledby={`${id}-details`}>
        <h2 id={`${id}-details`} ref={heading} tabIndex={-1} className="composer__label">
          {t('phone.flow.detailsHeading')}
        </h2>
        <p className="field__hint">{t('phone.flow.detailsIntro')}</p>
        <RippleDetails draft={draft} onChange={setDraft} meta={meta} onMap={onMap} />
        <div className="button-stack">
          <button
            type="button"
            className="button button--primary button--wide"
            onClick={() => next('preview')}
          >
            {t('phone.flow.toPreview')}
          </button>
          <button type="button" className="button button--wide" onClick={() => setStep('write')}>
            {t('phone.flow.back')}
          </button>
        </div>
      </section>
    );
  }

  if (step === 'preview') {
    return (
      <section className="composer" aria-labelledby={`${id}-preview`}>
        <h2 id={`${id}-preview`} ref={heading} tabIndex={-1} className="composer__label">
          {t('phone.flow.previewHeading')}
        </h2>
        <p className="field__hint">{t('phone.flow.previewIntro')}</p>
        <RipplePreview draft={draft} meta={meta} onMap={onMap} />
        <div className="button-stack">
          <button type="button" className="button button--primary button--wide" onClick={send}>
            {t('phone.send')}
          </button>
          <button type="button" className="button button--wide" onClick={() => setStep('write')}>
            {t('phone.flow.change')}
          </button>
        </div>
      </section>
    );
  }

  const left = LIMITS.rippleText - draft.text.length;
  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        next('preview');
      }}
      noValidate
    >
      {prompt && (
        <p className="phone__prompt">
          <span className="phone__prompt-label">{t('phone.promptLabel')}</span> {prompt}
        </p>
      )}
      <h2 className="composer__label" ref={heading} tabIndex={-1}>
        <label htmlFor={`${id}-text`}>{t('phone.question')}</label>
      </h2>
      <p className="field__hint" id={`${id}-hint`}>
        {t('phone.questionHint')}
      </p>
      <textarea
        id={`${id}-text`}
        value={draft.text}
        onChange={(e) => setDraft({ text: e.target.value })}
        maxLength={LIMITS.rippleText}
        rows={4}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
        aria-invalid={error || undefined}
      />
      {left < 80 && <p className="field__hint">{t('phone.charactersLeft', { count: left })}</p>}
      {error && (
        <p className="form-error" id={`${id}-error`} role="alert">
          {t('phone.emptyRipple')}
        </p>
      )}
      <div className="button-stack">
        <button type="submit" className="button button--primary button--wide">
          {t('phone.flow.next')}
        </button>
        <button type="button" className="button button--wide" onClick={() => next('details')}>
          {t('phone.flow.more')}
        </button>
      </div>
    </form>
  );
}
