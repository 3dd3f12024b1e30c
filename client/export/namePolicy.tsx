import { create } from 'zustand';
import type { NamePolicy } from '../../shared/export/names';
import { ChoiceGroup } from '../board/ChoiceGroup';
import { useT } from '../i18n/useT';

/** The names choice of this board, shared by the export and replay panels. */
export const useNamePolicy = create<{ names: NamePolicy; setNames(names: NamePolicy): void }>((set) => ({
  names: 'keep',
  setNames: (names) => set({ names }),
}));

/** "Namen in wat je bewaart": with names, with pseudonyms, or without. */
export function NamePolicyField() {
  const t = useT();
  const { names, setNames } = useNamePolicy();
  return (
    <>
      <ChoiceGroup
        legend={t('export.names')}
        name="export-names"
        value={names}
        onChange={setNames}
        options={[
          { value: 'keep', label: t('export.names.keep') },
          { value: 'pseudonymise', label: t('export.names.pseudonymise') },
          { value: 'drop', label: t('export.names.drop') },
        ]}
      />
      <p className="field__hint">{t('export.names.hint')}</p>
    </>
  );
}
