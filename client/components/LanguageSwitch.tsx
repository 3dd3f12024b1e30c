import { getLanguage, setLanguage, useLanguage } from '../i18n/language';
import { useT } from '../i18n/useT';

/** Switches between Dutch and English; the label is written in the language it switches to. */
export function LanguageSwitch() {
  const t = useT();
  const language = useLanguage();
  const other = language === 'nl' ? 'en' : 'nl';
  return (
    <button
      type="button"
      className="button button--quiet language-switch"
      lang={other}
      aria-label={t('language.switchLabel')}
      onClick={() => setLanguage(getLanguage() === 'nl' ? 'en' : 'nl')}
    >
      {t('language.switchShort')}
    </button>
  );
}
