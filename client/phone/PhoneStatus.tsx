import { useStore } from 'zustand';
import type { MessageKey } from '../i18n/nl';
import { useT } from '../i18n/useT';
import type { SendPhase, SendStore } from './sendTracker';

const TEXT: Record<SendPhase, MessageKey> = {
  offline: 'phone.send.offline',
  connecting: 'phone.send.connecting',
  sending: 'phone.send.sending',
  saved: 'phone.send.saved',
  refused: 'phone.send.refused',
};

const TONE: Record<SendPhase, string> = {
  offline: 'offline',
  connecting: 'connecting',
  sending: 'connecting',
  saved: 'ok',
  refused: 'refused',
};

/** One calm line: offline / sending / everything sent. Read out by screen readers when it changes. */
export function PhoneStatus({ send }: { send: SendStore }) {
  const t = useT();
  const phase = useStore(send, (s) => s.phase);
  const waiting = useStore(send, (s) => s.unsentSince !== null);
  const key = phase === 'offline' && waiting ? 'phone.send.offlineWaiting' : TEXT[phase];
  return (
    <p className={`connection-status connection-status--${TONE[phase]}`} role="status">
      <span className="connection-status__dot" aria-hidden="true" />
      {t(key)}
    </p>
  );
}
