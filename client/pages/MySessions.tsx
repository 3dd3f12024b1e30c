import { useId, useState } from 'react';
import { setSessionPhase, updateMeta } from '../../shared/doc/commands';
import { LIMITS } from '../../shared/model/limits';
import { forgetMySession, listMySessions, type MySession, updateMySession } from '../device/mySessions';
import { peekScreenKey } from '../device/screenKey';
import { useLanguage } from '../i18n/language';
import { useT } from '../i18n/useT';
import { sessionPath } from '../routes';
import { editSession } from '../sync/editSession';
import './mySessions.css';

/**
 * "Mijn sessies" on the home page: the sessions this device created or opened as
 * facilitator, with title, date and number of ripples; open, rename, close or forget.
 * Kept on this device only.
 */
export function MySessions() {
  const t = useT();
  const id = useId();
  const [sessions, setSessions] = useState(listMySessions);
  const refresh = () => setSessions(listMySessions());
  return (
    <section className="card my-sessions" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('mine.heading')}</h2>
      <p className="muted">{t('mine.intro')}</p>
      {sessions.length === 0 ? (
        <p className="muted">{t('mine.empty')}</p>
      ) : (
        <ul className="my-sessions__list">
          {sessions.map((session) => (
            <MySessionItem key={session.id} session={session} onChanged={refresh} />
          ))}
        </ul>
      )}
    </section>
  );
}

function MySessionItem({ session, onChanged }: { session: MySession; onChanged: () => void }) {
  const t = useT();
  const id = useId();
  const language = useLanguage();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(session.title);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const key = peekScreenKey('board', session.id);
  const date = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric' }).format(
    session.createdAt,
  );

  async function edit(change: Parameters<typeof editSession>[2], patch: Partial<MySession>) {
    if (!key) return setFailed(true);
    setBusy(true);
    setFailed(false);
    const ok = await editSession(session.id, key, change);
    setBusy(false);
    if (!ok) return setFailed(true);
    updateMySession(session.id, patch);
    setRenaming(false);
    onChanged();
  }

  return (
    <li className="my-sessions__item" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="my-sessions__title">
        {session.title}
      </h3>
      <p className="my-sessions__facts">
        {t('mine.date', { date })} · {t('mine.ripples', { count: session.ripples })}
        {session.closed && <> · {t('mine.closed')}</>}
      </p>
      {renaming && (
        <form
          className="my-sessions__rename"
          onSubmit={(e) => {
            e.preventDefault();
            const title = name.trim();
            if (title) void edit((doc, actor) => updateMeta(doc, actor, { title }), { title });
          }}
        >
          <label className="field">
            <span className="field__label">{t('mine.newName')}</span>
            <input value={name} maxLength={LIMITS.title} onChange={(e) => setName(e.target.value)} />
          </label>
          <div className="button-row">
            <button type="submit" className="button button--small button--primary" disabled={busy}>
              {t('common.save')}
            </button>
            <button type="button" className="button button--small" onClick={() => setRenaming(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
      <div className="button-row">
        <a
          className="button button--small button--primary"
          href={sessionPath(session.id, 'board')}
          aria-describedby={`${id}-title`}
        >
          {t('mine.open')}
        </a>
        {!renaming && (
          <button
            type="button"
            className="button button--small"
            aria-describedby={`${id}-title`}
            onClick={() => setRenaming(true)}
          >
            {t('mine.rename')}
          </button>
        )}
        {!session.closed && (
          <button
            type="button"
            className="button button--small"
            aria-describedby={`${id}-title`}
            disabled={busy}
            onClick={() => {
              if (window.confirm(t('mine.closeConfirm')))
                void edit((doc, actor) => setSessionPhase(doc, actor, 'closed'), { closed: true });
            }}
          >
            {t('mine.close')}
          </button>
        )}
        <button
          type="button"
          className="button button--small button--quiet"
          aria-describedby={`${id}-title`}
          onClick={() => {
            if (!window.confirm(t('mine.forgetConfirm'))) return;
            forgetMySession(session.id);
            onChanged();
          }}
        >
          {t('mine.forget')}
        </button>
      </div>
      <p role="status" className="field__hint">
        {busy && t('mine.busy')}
      </p>
      {failed && (
        <p className="form-error" role="alert">
          {t('mine.failed')}
        </p>
      )}
    </li>
  );
}
