import { httpErrorKey } from '../i18n/errorText';
import { useT } from '../i18n/useT';
import { LanguageSwitch } from './LanguageSwitch';

/** A board or presenter link without a valid key, or for a session that is gone. */
export function KeyProblem({ error }: { error: string }) {
  const t = useT();
  return (
    <main className="simple-page">
      <div className="simple-page__top">
        <LanguageSwitch />
      </div>
      <h1>{t('keyProblem.title')}</h1>
      <p role="alert">{t(httpErrorKey(error))}</p>
      <p>{t('keyProblem.body')}</p>
      <p>
        <a className="button" href="/">
          {t('notFound.home')}
        </a>
      </p>
    </main>
  );
}
