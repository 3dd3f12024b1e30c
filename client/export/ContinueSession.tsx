import { useId, useState } from 'react';
import type * as Y from 'yjs';
import { readMeta } from '../../shared/doc/read';
import { continueSession } from '../../shared/export/mergeSessions';
import { exportSession } from '../../shared/export/sessionExport';
import { useT } from '../i18n/useT';
import { openAsNewSession } from './openAsNewSession';

/**
 * "Doorgaan in een nieuwe sessie": the next session of a study starts from this map. Every
 * ripple remembers the session it came from; the new session gets its own join code, and
 * this one stays as it is.
 */
export function ContinueSession({ doc }: { doc: Y.Doc }) {
  const t = useT();
  const id = useId();
  const [title, setTitle] = useState(() => t('continue.defaultTitle', { title: readMeta(doc).title }));
  const [status, setStatus] = useState<'idle' | 'working' | { failed: string }>('idle');

  async function start(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setStatus('working');
    const failed = await openAsNewSession(continueSession(exportSession(doc), title, new Date()));
    if (failed) {
      const reason = failed.kind === 'failed' ? failed.reason : (failed.issues[0]?.message ?? '');
      setStatus({ failed: reason });
    }
  }

  return (
    <form className="continue-session" onSubmit={start} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('continue.heading')}</h2>
      <p className="field__hint">{t('continue.intro')}</p>
      <label className="field">
        <span className="field__label">{t('continue.title')}</span>
        <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={120} />
      </label>
      <button type="submit" className="button" disabled={status === 'working'}>
        {t('continue.submit')}
      </button>
      <p role="status" aria-live="polite" className="field__hint">
        {status === 'working' && t('import.working')}
        {typeof status === 'object' && t('export.failed', { reason: status.failed })}
      </p>
    </form>
  );
}
