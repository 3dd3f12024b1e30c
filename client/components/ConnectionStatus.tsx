import type { MessageKey } from '../i18n/nl';
import { useT } from '../i18n/useT';
import type { ConnectionState } from '../sync/connectSession';

function statusKey(connection: ConnectionState): MessageKey {
  switch (connection.phase) {
    case 'connecting':
      return 'connection.connecting';
    case 'online':
      return connection.synced ? 'connection.online' : 'connection.connecting';
    case 'offline':
      return 'connection.offline';
    case 'refused':
      return 'connection.refused';
  }
}

/** A calm one-line connection status; a refusal is explained by <ConnectionProblem>. */
export function ConnectionStatus({ connection }: { connection: ConnectionState }) {
  const t = useT();
  const tone = connection.phase === 'online' && connection.synced ? 'ok' : connection.phase;
  return (
    <p className={`connection-status connection-status--${tone}`} role="status">
      <span className="connection-status__dot" aria-hidden="true" />
      {t(statusKey(connection))}
    </p>
  );
}
