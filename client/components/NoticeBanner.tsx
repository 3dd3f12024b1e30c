import { useEffect } from 'react';
import { useT } from '../i18n/useT';
import { clearNotice } from '../store/actions';
import { useSession, useSessionHandle } from '../store/SessionContext';
import { selectNotice } from '../store/selectors';

const NOTICE_MS = 6000;

/** A short message after an action ("Dat zou een kringetje maken"), read out by screen readers. */
export function NoticeBanner() {
  const t = useT();
  const { store } = useSessionHandle();
  const notice = useSession(selectNotice);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => clearNotice(store), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice, store]);

  return (
    <div className="notice-region" role="status" aria-live="polite">
      {notice && (
        <p className={`notice notice--${notice.tone}`} key={notice.serial}>
          {t(notice.key)}
          <button
            type="button"
            className="notice__close"
            aria-label={t('common.close')}
            onClick={() => clearNotice(store)}
          >
            ×
          </button>
        </p>
      )}
    </div>
  );
}
