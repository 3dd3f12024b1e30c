import type { Codebook } from '../../shared/codebooks';
import { useLanguage } from '../i18n/language';
import { useT } from '../i18n/useT';

/** The options of a code choice: "no code" first, then the codebook's codes in the reader's language. */
export function CodeOptions({ codebook }: { codebook: Codebook }) {
  const t = useT();
  const language = useLanguage();
  return (
    <>
      <option value="">{t('edit.noCode')}</option>
      {codebook.codes.map((c) => (
        <option key={c.id} value={c.id}>
          {c.label[language]}
        </option>
      ))}
    </>
  );
}
