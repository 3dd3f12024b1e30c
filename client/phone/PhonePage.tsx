import { lazy, Suspense, useEffect, useState } from 'react';
import { CLOSE } from '../../shared/protocol/closeCodes';
import { ConnectionProblem } from '../components/ConnectionProblem';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { NoticeBanner } from '../components/NoticeBanner';
import { forgetIdentity, loadIdentity, type ParticipantIdentity } from '../device/participantIdentity';
import { adoptSessionLanguage } from '../i18n/language';
import { useT } from '../i18n/useT';
import { navigate, sessionPath } from '../routes';
import { SessionContext, useSession } from '../store/SessionContext';
import { selectConnection, selectMeta, selectTitle } from '../store/selectors';
import { JoinForm } from './JoinForm';
import { OwnRipples } from './OwnRipples';
import { PhoneNav, type PhoneTab } from './PhoneNav';
import { PhoneStatus } from './PhoneStatus';
import { RippleComposer } from './RippleComposer';
import { type PhoneSessionHandle, usePhoneSession } from './usePhoneSession';
import { VotePanel } from './VotePanel';
import './phone.css';

// The read-only map carries the codebooks' labels; only phones that open it load them.
const PhoneMap = lazy(() => import('./PhoneMap'));
// The interviews in pairs: a chunk of its own, loaded only while the session is in that phase.
const InterviewPhone = lazy(() => import('../interview/InterviewPhone'));

/** `/s/:id/phone`: a participant adds what changed, follows their own ripples, votes and reads the map. */
export function PhonePage({ sessionId }: { sessionId: string }) {
  const t = useT();
  const [identity, setIdentity] = useState(() => loadIdentity(sessionId));

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
  return <OpenPhoneSession sessionId={sessionId} identity={identity} onRejoin={rejoin} />;
}

function OpenPhoneSession({
  sessionId,
  identity,
  onRejoin,
}: {
  sessionId: string;
  identity: ParticipantIdentity;
  onRejoin: () => void;
}) {
  const handle = usePhoneSession(sessionId, identity);
  return (
    <main className="phone">
      <PhoneTop />
      {handle && (
        <SessionContext value={handle}>
          <PhoneSession sessionId={sessionId} identity={identity} send={handle.send} onRejoin={onRejoin} />
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

function PhoneSession({
  sessionId,
  identity,
  send,
  onRejoin,
}: {
  sessionId: string;
  identity: ParticipantIdentity;
  send: PhoneSessionHandle['send'];
  onRejoin: () => void;
}) {
  const t = useT();
  const title = useSession(selectTitle);
  const meta = useSession(selectMeta);
  const connection = useSession(selectConnection);
  const [tab, setTab] = useState<PhoneTab>('add');
  useEffect(() => adoptSessionLanguage(meta.language), [meta.language]);
  const unauthorized = connection.phase === 'refused' && connection.code === CLOSE.unauthorized.code;

  return (
    <>
      <header className="phone__header">
        <h1>{title || identity.title || t('phone.untitled')}</h1>
        <PhoneStatus send={send} />
      </header>
      <ConnectionProblem connection={connection}>
        {unauthorized && (
          <button type="button" className="button" onClick={onRejoin}>
            {t('phone.rejoin')}
          </button>
        )}
      </ConnectionProblem>
      <PhoneNav tab={tab} onTab={setTab} votingOpen={meta.votingOpen} />
      {meta.votingOpen && tab !== 'vote' && (
        <PhoneBanner text={t('phone.vote.openBanner')} go={t('phone.vote.go')} onGo={() => setTab('vote')} />
      )}
      {meta.votesRevealed && tab !== 'vote' && (
        <PhoneBanner
          text={t('phone.results.banner')}
          go={t('phone.results.go')}
          onGo={() => setTab('vote')}
        />
      )}
      <NoticeBanner />
      {tab === 'add' && (
        <>
          {meta.sessionPhase === 'closed' ? (
            <div className="phone__closed" role="status">
              <h2>{t('phone.closed.heading')}</h2>
              <p>{t('phone.closed.body')}</p>
            </div>
          ) : meta.sessionPhase === 'interviews' ? (
            <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
              <InterviewPhone sessionId={sessionId} name={identity.name} />
            </Suspense>
          ) : (
            <RippleComposer sessionId={sessionId} authorName={identity.name} />
          )}
          <OwnRipples authorName={identity.name} send={send} />
        </>
      )}
      {tab === 'vote' && <VotePanel />}
      {tab === 'map' && (
        <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
          <PhoneMap />
        </Suspense>
      )}
      <p className="phone__identity">
        {identity.name ? t('phone.joinedAs', { name: identity.name }) : t('phone.joinedAnonymously')}
      </p>
    </>
  );
}

/** A line above the phone's content that calls to another tab ("Het stemmen is begonnen." · "Naar stemmen"). */
function PhoneBanner({ text, go, onGo }: { text: string; go: string; onGo: () => void }) {
  return (
    <div className="phone__banner">
      <p>{text}</p>
      <button type="button" className="button button--primary" onClick={onGo}>
        {go}
      </button>
    </div>
  );
}
