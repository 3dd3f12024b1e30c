import { useShallow } from 'zustand/react/shallow';
import { LIMITS } from '../../shared/model/limits';
import type { Phase } from '../../shared/model/ripple';
import { randomId } from '../../shared/util/randomId';
import { MonthField } from '../components/MonthField';
import { useT } from '../i18n/useT';
import type { DocState } from '../store/docStore';
import { useSession } from '../store/SessionContext';

/** For useShallow: how many ripples are placed in each phase, by phase id. */
const selectPhaseUses = (s: DocState): Record<string, number> => {
  const uses: Record<string, number> = {};
  for (const r of s.view.ripples)
    if (r.when?.kind === 'phase') uses[r.when.value] = (uses[r.when.value] ?? 0) + 1;
  return uses;
};

/**
 * The project's phases, in order: each with a name and, optionally, its first and last
 * month (the timeline draws a band for it). Add, rename, move up or down, remove.
 */
export function PhaseList({
  phases,
  onChange,
}: {
  phases: readonly Phase[];
  onChange: (phases: Phase[]) => void;
}) {
  const t = useT();
  const uses = useSession(useShallow(selectPhaseUses));
  const remove = (index: number, name: string) => {
    const phase = phases[index];
    const count = phase ? (uses[phase.id] ?? 0) : 0;
    if (count > 0 && !window.confirm(t('setup.phaseRemoveConfirm', { name, count }))) return;
    onChange(phases.filter((_, j) => j !== index));
  };
  const update = (index: number, patch: Partial<Phase>) =>
    onChange(phases.map((p, i) => (i === index ? { ...p, ...patch } : p)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...phases];
    const [moved] = next.splice(index, 1);
    if (moved) next.splice(index + by, 0, moved);
    onChange(next);
  };

  return (
    <fieldset className="setup-panel__group">
      <legend>{t('setup.phases')}</legend>
      <p className="field__hint">{t('setup.phasesHint')}</p>
      <ol className="phase-list">
        {phases.map((phase, i) => {
          const name = phase.label.trim() || t('setup.phaseNumber', { number: i + 1 });
          return (
            <li key={phase.id} className="phase-list__item">
              <label className="field">
                <span className="field__label">{t('setup.phaseName', { number: i + 1 })}</span>
                <input
                  value={phase.label}
                  maxLength={LIMITS.phaseLabel}
                  onChange={(e) => update(i, { label: e.target.value })}
                />
              </label>
              <MonthField
                label={t('setup.phaseStart', { name })}
                value={phase.start ?? ''}
                onChange={(v) => update(i, { start: v || null })}
              />
              <MonthField
                label={t('setup.phaseEnd', { name })}
                value={phase.end ?? ''}
                onChange={(v) => update(i, { end: v || null })}
              />
              <div className="button-row">
                <button
                  type="button"
                  className="button button--small"
                  disabled={i === 0}
                  aria-label={t('setup.phaseUp', { name })}
                  onClick={() => move(i, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button button--small"
                  disabled={i === phases.length - 1}
                  aria-label={t('setup.phaseDown', { name })}
                  onClick={() => move(i, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="button button--small button--danger"
                  onClick={() => remove(i, name)}
                  aria-label={t('setup.phaseRemove', { name })}
                >
                  {t('setup.remove')}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="button button--small"
        disabled={phases.length >= LIMITS.phases}
        onClick={() => onChange([...phases, { id: randomId(8), label: '', start: null, end: null }])}
      >
        {t('setup.phaseAdd')}
      </button>
    </fieldset>
  );
}
