import { useMemo, useState } from 'react';
import type { Actor } from '../../shared/model/ripple';
import { CLOSE } from '../../shared/protocol/closeCodes';
import { ConnectionProblem } from '../components/ConnectionProblem';
import { ConnectionStatus } from '../components/ConnectionStatus';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { NoticeBanner } from '../components/NoticeBanner';
import { useT } from '../i18n/useT';
import { navigate, sessionPath } from '../routes';
import { forgetIdentity, loadIdentity, type ParticipantIdentity } from '../session/participantIdentity';
import { SessionContext, useSession } from '../store/SessionContext';
import { selectConnection, selectPrompt, selectTitle } from '../store/selectors';
import { useOpenSession } from '../store/useOpenSession';
import { JoinForm } from './JoinForm';
import { OwnRipples } from './OwnRipples';
import { RippleComposer } from './RippleComposer';

/** `/s/:id/phone`: a participant adds what changed and follows their own ripples. */
export function PhonePage({ sessionId }: { sessionId: string }) {
  const t = useT();
  const [identity, setIdentity] = useState(() => loadIdentity(sessionId));
  const credentials = useMemo(
    () => (identity ? { pid: identity.participantId, secret: identity.secret } : null),
    [identity],
  );
  const actor = useMemo<Actor | null>(
    () => (identity ? { role: 'participant', id: identity.participantId } : null),
    [identity],
  );
  const handle = useOpenSession(sessionId, credentials, actor);

  if (!identity) {
    const onJoined = (joinedId: string, joined: ParticipantIdentity) => {
      if (joinedId === sessionId) setIdentity(joined);
      else navigate(sessionPath(joinedId, 'phone'), { replace: true });
    };
    return (
      <main className="phone">
        <PhoneTop />
        <h1>{t('join.heading')}</h1>
        <p className="lead">{t('phone.needCode')}</p>
        <JoinForm initialCode="" onJoined={onJoined} />
      </main>
    );
  }

  const rejoin = () => {
    forgetIdentity(sessionId);
    setIdentity(null);
  };

  return (
    <main className="phone">
      {handle && (
        <SessionContext value={handle}>
          <PhoneTop />
          <PhoneSession identity={identity} onRejoin={rejoin} />
        </SessionContext>
      )}
    </main>
  );
}

function PhoneTop() {
  return (
    <div className="phone__top">
      <span className="brand">Kringen</span>
      <LanguageSwitch />
    </div>
  );
}

function PhoneSession({ identity, onRejoin }: { identity: ParticipantIdentity; onRejoin: () => void }) {
  const t = useT();
  const title = useSession(selectTitle);
  const prompt = useSession(selectPrompt);
  const connection = useSession(selectConnection);
  const unauthorized = connection.phase === 'refused' && connection.code === CLOSE.unauthorized.code;

  return (
    <>
      <header className="phone__header">
        <h1>{title || t('phone.untitled')}</h1>
        <ConnectionStatus connection={connection} />
      </header>
      <ConnectionProblem connection={connection}>
        {unauthorized && (
          <button type="button" className="button" onClick={onRejoin}>
            {t('phone.rejoin')}
          </button>
        )}
      </ConnectionProblem>
      {prompt && (
        <p className="phone__prompt">
          <span className="phone__prompt-label">{t('phone.promptLabel')}</span> {prompt}
        </p>
      )}
      <RippleComposer authorName={identity.name} />
      <NoticeBanner />
      <OwnRipples authorName={identity.name} />
      <p className="phone__identity">
        {identity.name ? t('phone.joinedAs', { name: identity.name }) : t('phone.joinedAnonymously')}
      </p>
    </>
  );
}
