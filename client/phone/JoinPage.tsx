import { useEffect } from 'react';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { loadIdentity, sessionForJoinCode } from '../device/participantIdentity';
import { useT } from '../i18n/useT';
import { navigate, sessionPath } from '../routes';
import { JoinForm } from './JoinForm';

/** `/j/CODE` and `/join`: join a session from a phone. */
export function JoinPage({ initialCode }: { initialCode: string }) {
  const t = useT();

  // Opening the same join link again goes straight back in as the same person.
  useEffect(() => {
    const known = initialCode ? sessionForJoinCode(initialCode) : null;
    if (known && loadIdentity(known)) navigate(sessionPath(known, 'phone'), { replace: true });
  }, [initialCode]);

  return (
    <main className="phone">
      <div className="phone__top">
        <span className="brand">Kringen</span>
        <LanguageSwitch />
      </div>
      <h1>{t('join.heading')}</h1>
      <p className="lead">{t('join.intro')}</p>
      <JoinForm
        initialCode={initialCode}
        onJoined={(sessionId) => navigate(sessionPath(sessionId, 'phone'), { replace: true })}
      />
    </main>
  );
}
