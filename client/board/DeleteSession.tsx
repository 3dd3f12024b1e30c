import { useId, useState } from 'react';
import { forgetMySession } from '../device/mySessions';
import { httpErrorKey } from '../i18n/errorText';
import { useT } from '../i18n/useT';
import { navigate } from '../routes';

type Status = { kind: 'idle' } | { kind: 'working' } | { kind: 'done' } | { kind: 'failed'; reason: string };

/**
 * The facilitator deletes the session from the server: map, ripples, history, names. A
 * checkbox stands between the button and the deed, because nothing brings it back.
 */
export function DeleteSession({ sessionId, facilitatorKey }: { sessionId: string; facilitatorKey: string }) {
  const t = useT();
  const id = useId();
  const [sure, setSure] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  async function remove() {
    setStatus({ kind: 'working' });
    try {
      const response = await fetch(`/api/sessions/${sessionId}`, {
        method: 'DELETE',
        headers: { 'x-kringen-key': facilitatorKey },
      });
      if (response.status === 204) {
        forgetMySession(sessionId);
        setStatus({ kind: 'done' });
        return;
      }
      const body = (await response.json().catch(() => ({}))) as { error?: string };
      setStatus({ kind: 'failed', reason: t(httpErrorKey(body.error ?? '')) });
    } catch {
      setStatus({ kind: 'failed', reason: t('error.http.network') });
    }
  }

  return (
    <section className="delete-session" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('delete.heading')}</h2>
      {status.kind === 'done' ? (
        <>
          <p role="status">{t('delete.done')}</p>
          <button type="button" className="button" onClick={() => navigate('/')}>
            {t('delete.home')}
          </button>
        </>
      ) : (
        <>
          <p className="field__hint">{t('delete.intro')}</p>
          <label className="delete-session__confirm">
            <input type="checkbox" checked={sure} onChange={(e) => setSure(e.target.checked)} />
            {t('delete.confirm')}
          </label>
          <button
            type="button"
            className="button button--danger"
            disabled={!sure || status.kind === 'working'}
            onClick={remove}
          >
            {t('delete.button')}
          </button>
          <p role="status" aria-live="polite">
            {status.kind === 'working' && t('delete.working')}
            {status.kind === 'failed' && t('delete.failed', { reason: status.reason })}
          </p>
        </>
      )}
    </section>
  );
}
