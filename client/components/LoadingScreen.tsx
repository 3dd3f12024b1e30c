import { useT } from '../i18n/useT';

export function LoadingScreen() {
  const t = useT();
  return (
    <main className="loading-screen">
      <p role="status">{t('common.loading')}</p>
    </main>
  );
}
