import { useId, useState } from 'react';
import type { CommandResult } from '../../shared/doc/commands';
import { deleteDraft, editDraft, sendDraft } from '../../shared/doc/interviewCommands';
import type { Draft, Pair, PairMember } from '../../shared/model/interview';
import { LIMITS } from '../../shared/model/limits';
import { commandErrorKey } from '../i18n/errorText';
import { showNotice } from '../store/actions';
import { useSessionHandle } from '../store/SessionContext';
import { useInterview } from './useInterview';
import type { InterviewT } from './useInterviewT';

/**
 * The pair's drafts, on both phones: the teller confirms each ("Klopt, insturen"); the asker
 * may send one with the teller's agreement (and the ripple says so). Either may change or
 * discard a draft until it is sent.
 */
export function DraftList({ pair, me, t }: { pair: Pair; me: PairMember; t: InterviewT }) {
  const id = useId();
  const { doc } = useSessionHandle();
  const drafts = useInterview(doc).drafts.filter((d) => d.pairId === pair.id);
  const nameOf = (memberId: string) => pair.members.find((m) => m.id === memberId)?.name || t('iv.partner');
  const tellsSome = drafts.some((d) => d.tellerId === me.id && d.state === 'draft');
  return (
    <section className="drafts" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('iv.drafts')}</h3>
      {drafts.length === 0 ? (
        <p className="muted">{t('iv.draftsNone')}</p>
      ) : (
        <>
          <p className="field__hint">{t('iv.draftsHint')}</p>
          {tellsSome && (
            <p className="field__hint">
              {me.name ? t('iv.youNamed', { name: me.name }) : t('iv.youAnonymous')}
            </p>
          )}
          <ul className="drafts__list">
            {drafts.map((draft) => (
              <DraftItem key={draft.id} draft={draft} me={me} tellerName={nameOf(draft.tellerId)} t={t} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function DraftItem({
  draft,
  me,
  tellerName,
  t,
}: {
  draft: Draft;
  me: PairMember;
  tellerName: string;
  t: InterviewT;
}) {
  const id = useId();
  const { doc, actor, store } = useSessionHandle();
  const [editing, setEditing] = useState<string | null>(null);
  const run = (result: CommandResult<unknown>) => {
    if (!result.ok) showNotice(store, commandErrorKey(result.error), 'error');
    return result.ok;
  };
  const sent = draft.state === 'sent';
  const teller = draft.tellerId === me.id;

  function send() {
    const result = sendDraft(doc, actor, draft.id, { agreed: !teller });
    if (run(result) && result.ok)
      showNotice(store, result.value.status === 'pending' ? 'phone.sentPending' : 'phone.sentOnMap');
  }

  return (
    <li className={sent ? 'draft draft--sent' : 'draft'}>
      {editing !== null ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (editing.trim() !== '' && run(editDraft(doc, actor, draft.id, { text: editing.trim() })))
              setEditing(null);
          }}
        >
          <label className="field">
            <span className="field__label">{t('iv.editLabel')}</span>
            <textarea
              rows={3}
              maxLength={LIMITS.rippleText}
              value={editing}
              onChange={(e) => setEditing(e.target.value)}
            />
          </label>
          <div className="button-row">
            <button type="submit" className="button button--primary">
              {t('iv.save')}
            </button>
          </div>
        </form>
      ) : (
        <p className="draft__text" id={`${id}-text`}>
          {draft.text}
        </p>
      )}
      <p className="draft__by">{teller ? t('iv.draftByYou') : t('iv.draftBy', { name: tellerName })}</p>
      {sent ? (
        <p className="draft__sent">{draft.agreed ? t('iv.sentByAsker') : t('iv.sent')}</p>
      ) : (
        editing === null && (
          <div className="draft__actions">
            <button
              type="button"
              className="button button--primary"
              aria-describedby={`${id}-text`}
              onClick={send}
            >
              {teller ? t('iv.confirm') : t('iv.sendAgreed', { name: tellerName })}
            </button>
            <button
              type="button"
              className="button"
              aria-describedby={`${id}-text`}
              onClick={() => setEditing(draft.text)}
            >
              {t('iv.edit')}
            </button>
            <button
              type="button"
              className="button"
              aria-describedby={`${id}-text`}
              onClick={() => run(deleteDraft(doc, actor, draft.id))}
            >
              {t('iv.delete')}
            </button>
          </div>
        )
      )}
    </li>
  );
}
