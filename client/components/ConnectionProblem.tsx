import { closeMessageKey } from '../i18n/errorText';
import { useT } from '../i18n/useT';
import type { ConnectionState } from '../sync/connectSession';

/**
 * Explains a refused connection (a 44xx close: the client stopped retrying) and offers
 * the way out: reload, which starts over with a fresh copy from the server.
 */
export function ConnectionProblem({
  connection,
  children,
}: {
  connection: ConnectionState;
  children?: React.ReactNode;
}) {
  const t = useT();
  if (connection.phase !== 'refused') return null;
  return (
    <div className="problem" role="alert">
      <p>{t(closeMessageKey(connection.code))}</p>
      <div className="problem__actions">
        <button type="button" className="button" onClick={() => location.reload()}>
          {t('connection.reload')}
        </button>
        {children}
      </div>
    </div>
  );
}
