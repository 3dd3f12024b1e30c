import { LanguageSwitch } from '../components/LanguageSwitch';
import { useT } from '../i18n/useT';

export function NotFoundPage() {
  const t = useT();
  return (
    <main className="simple-page">
      <div className="simple-page__top">
        <LanguageSwitch />
      </div>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <a className="button" href="/">
          {t('notFound.home')}
        </a>
      </p>
    </main>
  );
}
