import { useId, useState } from 'react';
import { LIMITS } from '../../shared/model/limits';
import { createSession } from '../api/api';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { rememberScreenKey } from '../device/screenKey';
import { ImportSessionForm } from '../export/ImportSessionForm';
import { MergeSessionsForm } from '../export/MergeSessionsForm';
import { httpErrorKey } from '../i18n/errorText';
import { getLanguage } from '../i18n/language';
import type { MessageKey } from '../i18n/nl';
import { useT } from '../i18n/useT';
import { navigate, SETUP_PARAM, sessionPath } from '../routes';
import { MySessions } from './MySessions';

/** Start a session (facilitator) or go to the join step with a code (participant). */
export function HomePage() {
  const t = useT();
  const ids = useId();
  const [title, setTitle] = useState('');
  const [programme, setProgramme] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey | null>(null);

  async function start(event: React.FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (title.trim() === '') {
      setError('home.titleRequired');
      return;
    }
    setBusy(true);
    setError(null);
    const result = await createSession({
      title: title.trim(),
      programme: programme.trim(),
      language: getLanguage(),
    });
    setBusy(false);
    if (!result.ok) {
      setError(httpErrorKey(result.error));
      return;
    }
    const session = result.value;
    rememberScreenKey('board', session.id, session.facilitatorKey);
    rememberScreenKey('present', session.id, session.viewerKey);
    // Straight into the set-up: period, phases, language.
    navigate(`${sessionPath(session.id, 'board')}?${SETUP_PARAM}`);
  }

  function join(event: React.FormEvent) {
    event.preventDefault();
    navigate(`/j/${encodeURIComponent(code.trim())}`);
  }

  return (
    <main className="home">
      <div className="home__top">
        <span className="brand" aria-hidden="true">
          Kringen
        </span>
        <LanguageSwitch />
      </div>
      <header className="home__intro">
        <h1>{t('home.heading')}</h1>
        <p className="lead">{t('home.intro')}</p>
      </header>
      <div className="home__cards">
        <section className="card" aria-labelledby={`${ids}-start`}>
          <h2 id={`${ids}-start`}>{t('home.startHeading')}</h2>
          <form onSubmit={start} noValidate>
            <label className="field">
              <span className="field__label">{t('home.title')}</span>
              <input
                value={title}
                onChange={(e) => setTitle(e.target.value)}
                maxLength={LIMITS.title}
                required
                aria-invalid={error === 'home.titleRequired'}
                placeholder={t('home.titlePlaceholder')}
              />
            </label>
            <label className="field">
              <span className="field__label">{t('home.programme')}</span>
              <input
                value={programme}
                onChange={(e) => setProgramme(e.target.value)}
                maxLength={LIMITS.programme}
                placeholder={t('home.programmePlaceholder')}
              />
              <span className="field__hint">{t('home.programmeHint')}</span>
            </label>
            {error && (
              <p className="form-error" role="alert">
                {t(error)}
              </p>
            )}
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? t('home.starting') : t('home.start')}
            </button>
          </form>
        </section>
        <section className="card" aria-labelledby={`${ids}-join`}>
          <h2 id={`${ids}-join`}>{t('home.joinHeading')}</h2>
          <p>{t('home.joinIntro')}</p>
          <form onSubmit={join}>
            <label className="field">
              <span className="field__label">{t('join.code')}</span>
              <input
                className="code-input"
                value={code}
                onChange={(e) => setCode(e.target.value)}
                autoCapitalize="characters"
                autoComplete="off"
                spellCheck={false}
                placeholder="ACD-EFH"
              />
            </label>
            <button type="submit" className="button">
              {t('home.joinButton')}
            </button>
          </form>
        </section>
      </div>
      <MySessions />
      <ImportSessionForm />
      <MergeSessionsForm />
    </main>
  );
}
