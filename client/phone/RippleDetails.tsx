import { useId } from 'react';
import type { RippleView } from '../../shared/doc/viewModel';
import { LIMITS } from '../../shared/model/limits';
import { INTENDED_VALUES, type SessionMeta, VALENCES } from '../../shared/model/ripple';
import { useLanguage } from '../i18n/language';
import type { MessageKey } from '../i18n/nl';
import { useT } from '../i18n/useT';
import { monthLabel, monthsFor, type RippleDraft } from './rippleDraft';

export const INTENDED_TEXT = {
  intended: 'phone.intended.intended',
  unintended: 'phone.intended.unintended',
  unknown: 'phone.intended.unknown',
} as const satisfies Record<RippleDraft['intended'], MessageKey>;

export const VALENCE_TEXT = {
  positive: 'phone.valence.positive',
  negative: 'phone.valence.negative',
  mixed: 'phone.valence.mixed',
  unknown: 'phone.valence.unknown',
} as const satisfies Record<RippleDraft['valence'], MessageKey>;

/** Shortens a ripple for a list of choices; the full text is on the map. */
export const shorten = (text: string, max = 70) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The optional questions of the add flow. Every one may stay unanswered. */
export function RippleDetails({
  draft,
  onChange,
  meta,
  onMap,
}: {
  draft: RippleDraft;
  onChange: (patch: Partial<RippleDraft>) => void;
  meta: SessionMeta;
  onMap: readonly RippleView[];
}) {
  const t = useT();
  const id = useId();
  const language = useLanguage();
  const isDay = draft.when.startsWith('date:');
  return (
    <div className="details">
      <div className="field">
        <label className="field__label" htmlFor={`${id}-cause`}>
          {t('phone.cause.label')}
        </label>
        <span className="field__hint" id={`${id}-cause-hint`}>
          {t('phone.cause.hint')}
        </span>
        <select
          id={`${id}-cause`}
          value={draft.cause}
          aria-describedby={`${id}-cause-hint`}
          onChange={(e) => onChange({ cause: e.target.value })}
        >
          <option value="">{t('phone.cause.none')}</option>
          <option value="programme">
            {meta.programme
              ? t('phone.cause.programmeNamed', { name: shorten(meta.programme, 50) })
              : t('phone.cause.programme')}
          </option>
          {onMap.length > 0 && (
            <optgroup label={t('phone.cause.onMap')}>
              {onMap.map((ripple) => (
                <option key={ripple.id} value={ripple.id}>
                  {shorten(ripple.text)}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </div>

      <div className="field">
        <label className="field__label" htmlFor={`${id}-when`}>
          {t('phone.when.label')}
        </label>
        <select
          id={`${id}-when`}
          value={isDay ? 'date:' : draft.when}
          onChange={(e) => onChange({ when: e.target.value })}
        >
          <option value="">{t('phone.when.none')}</option>
          <option value="date:">{t('phone.when.day')}</option>
          {meta.phases.length > 0 && (
            <optgroup label={t('phone.when.phases')}>
              {meta.phases.map((phase) => (
                <option key={phase.id} value={`phase:${phase.id}`}>
                  {phase.label}
                </option>
              ))}
            </optgroup>
          )}
          <optgroup label={t('phone.when.months')}>
            {monthsFor(meta).map((month) => (
              <option key={month} value={`month:${month}`}>
                {monthLabel(month, language)}
              </option>
            ))}
          </optgroup>
        </select>
        {isDay && (
          <label className="field">
            <span className="field__label">{t('phone.when.dayLabel')}</span>
            <input
              type="date"
              value={draft.when.slice('date:'.length)}
              onChange={(e) => onChange({ when: `date:${e.target.value}` })}
            />
          </label>
        )}
      </div>

      <fieldset className="choices">
        <legend className="field__label">{t('phone.intended.label')}</legend>
        {INTENDED_VALUES.map((value) => (
          <label key={value} className="choice">
            <input
              type="radio"
              name={`${id}-intended`}
              value={value}
              checked={draft.intended === value}
              onChange={() => onChange({ intended: value })}
            />
            <span>{t(INTENDED_TEXT[value])}</span>
          </label>
        ))}
      </fieldset>

      <fieldset className="choices">
        <legend className="field__label">{t('phone.valence.label')}</legend>
        {VALENCES.map((value) => (
          <label key={value} className="choice">
            <input
              type="radio"
              name={`${id}-valence`}
              value={value}
              checked={draft.valence === value}
              onChange={() => onChange({ valence: value })}
            />
            <span>{t(VALENCE_TEXT[value])}</span>
          </label>
        ))}
      </fieldset>

      <div className="field">
        <label className="field__label" htmlFor={`${id}-involved`}>
          {t('phone.involved.label')}
        </label>
        <span className="field__hint" id={`${id}-involved-hint`}>
          {t('phone.involved.hint')}
        </span>
        <input
          id={`${id}-involved`}
          value={draft.involved}
          maxLength={LIMITS.involved}
          aria-describedby={`${id}-involved-hint`}
          onChange={(e) => onChange({ involved: e.target.value })}
        />
      </div>
    </div>
  );
}
