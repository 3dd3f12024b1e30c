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

/**
 * A calm one-line connection status; a refusal is explained by <ConnectionProblem>.
 * `compact` (the board's header): while all is well only the green dot shows (the words
 * stay for screen readers and as a tooltip); a problem is always spelt out.
 */
export function ConnectionStatus({
  connection,
  compact = false,
}: {
  connection: ConnectionState;
  compact?: boolean;
}) {
  const t = useT();
  const tone = connection.phase === 'online' && connection.synced ? 'ok' : connection.phase;
  const text = t(statusKey(connection));
  return (
    <p className={`connection-status connection-status--${tone}`} role="status" title={text}>
      <span className="connection-status__dot" aria-hidden="true" />
      {compact && tone === 'ok' ? <span className="visually-hidden">{text}</span> : text}
    </p>
  );
}
