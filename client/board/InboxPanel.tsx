import { memo, useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { mergeRipples, setRippleStatus } from '../../shared/doc/commands';
import type { RippleView } from '../../shared/doc/viewModel';
import { commandErrorKey } from '../i18n/errorText';
import { useT } from '../i18n/useT';
import { useInterview } from '../interview/useInterview';
import { showNotice, startEditing } from '../store/actions';
import type { DocState } from '../store/docStore';
import { useSession, useSessionHandle } from '../store/SessionContext';
import { selectMapRipples, selectPendingRipples } from '../store/selectors';
import { SessionSettings } from './SessionSettings';
import { SuggestionChip } from './SuggestionChip';

const selectHidden = (s: DocState) => s.view.ripples.filter((r) => r.status === 'hidden');

/** Ripples from phones waiting for the facilitator: put them on the map, or set them aside. */
export function InboxPanel() {
  const t = useT();
  const id = useId();
  const pending = useSession(useShallow(selectPendingRipples));
  const hidden = useSession(useShallow(selectHidden));
  const fromInterviews = pending.filter((r) => r.interview).length;
  return (
    <section className="side-panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>
        {t('inbox.heading')} <span className="count-badge">{pending.length}</span>
      </h2>
      {fromInterviews > 0 && (
        <p className="inbox-from-interviews">{t('interview.fromInterviews', { count: fromInterviews })}</p>
      )}
      {pending.length === 0 ? (
        <p className="muted">{t('inbox.empty')}</p>
      ) : (
        <ul className="inbox-list">
          {pending.map((ripple) => (
            <InboxItem key={ripple.id} ripple={ripple} />
          ))}
        </ul>
      )}
      {hidden.length > 0 && (
        <details className="hidden-ripples">
          <summary>{t('inbox.hiddenHeading', { count: hidden.length })}</summary>
          <ul className="inbox-list">
            {hidden.map((ripple) => (
              <InboxItem key={ripple.id} ripple={ripple} />
            ))}
          </ul>
        </details>
      )}
      <SessionSettings />
    </section>
  );
}

const InboxItem = memo(function InboxItem({ ripple }: { ripple: RippleView }) {
  const t = useT();
  const id = useId();
  const { doc, actor, store } = useSessionHandle();
  const [merging, setMerging] = useState(false);
  const setStatus = (status: 'accepted' | 'hidden') => {
    const result = setRippleStatus(doc, actor, ripple.id, status);
    if (!result.ok) showNotice(store, commandErrorKey(result.error), 'error');
  };
  return (
    <li className="inbox-item">
      <p className="inbox-item__text" id={`${id}-text`}>
        {ripple.text}
      </p>
      <p className="inbox-item__author">{ripple.authorName || t('inbox.anonymous')}</p>
      {ripple.interview && <InterviewOrigin ripple={ripple} />}
      {!ripple.code && ripple.suggestedCode && <SuggestionChip ripple={ripple} />}
      <div className="button-row">
        <button
          type="button"
          className="button button--primary button--small"
          aria-describedby={`${id}-text`}
          onClick={() => setStatus('accepted')}
        >
          {t('inbox.accept')}
        </button>
        <button
          type="button"
          className="button button--small"
          aria-describedby={`${id}-text`}
          onClick={() => startEditing(store, ripple.id)}
        >
          {t('inbox.edit')}
        </button>
        {ripple.status === 'pending' && (
          <button
            type="button"
            className="button button--small"
            aria-describedby={`${id}-text`}
            aria-expanded={merging}
            onClick={() => setMerging(!merging)}
          >
            {t('inbox.merge')}
          </button>
        )}
        {ripple.status === 'pending' && (
          <button
            type="button"
            className="button button--small"
            aria-describedby={`${id}-text`}
            onClick={() => setStatus('hidden')}
          >
            {t('inbox.hide')}
          </button>
        )}
      </div>
      {merging && <MergeForm ripple={ripple} onDone={() => setMerging(false)} />}
    </li>
  );
});

/** Which pair an interview ripple came from ("tweetal 2: Ans, Bert"), and who sent it. */
function InterviewOrigin({ ripple }: { ripple: RippleView }) {
  const t = useT();
  const { doc } = useSessionHandle();
  const { pairs } = useInterview(doc);
  const marker = ripple.interview;
  if (!marker) return null;
  const index = pairs.findIndex((p) => p.id === marker.pairId);
  const names = pairs[index]?.members.map((m) => m.name || t('inbox.anonymous')).join(', ');
  const label = index < 0 ? '?' : `${index + 1} (${names})`;
  return (
    <p className="inbox-item__interview">
      {t('interview.pair', { pair: label })}
      {marker.sentBy === 'asker' && ` · ${t('interview.sentByAsker')}`}
    </p>
  );
}

/** Merge a duplicate into a ripple on the map: both authors stay (`mergeRipples`). */
function MergeForm({ ripple, onDone }: { ripple: RippleView; onDone: () => void }) {
  const t = useT();
  const { doc, actor, store } = useSessionHandle();
  const onMap = useSession(useShallow(selectMapRipples));
  const [target, setTarget] = useState('');
  return (
    <form
      className="merge-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!target) return;
        const result = mergeRipples(doc, actor, ripple.id, target);
        if (!result.ok) showNotice(store, commandErrorKey(result.error), 'error');
        else {
          showNotice(store, 'inbox.merged');
          onDone();
        }
      }}
    >
      <label className="field">
        <span className="field__label">{t('inbox.mergeInto')}</span>
        <select value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="">{t('links.choose')}</option>
          {onMap.map((r) => (
            <option key={r.id} value={r.id}>
              {r.text.length > 70 ? `${r.text.slice(0, 67)}…` : r.text}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button button--small" disabled={!target}>
        {t('inbox.mergeConfirm')}
      </button>
    </form>
  );
}
