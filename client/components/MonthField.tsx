import { useEffect, useId, useState } from 'react';
import { useLanguage } from '../i18n/language';
import { useT } from '../i18n/useT';
import './monthField.css';

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/** Month names in the interface's language ("maart", "March"), never the browser's. */
function monthNames(language: string): string[] {
  const format = new Intl.DateTimeFormat(language, { month: 'long', timeZone: 'UTC' });
  return MONTHS.map((m) => format.format(Date.UTC(2000, m - 1, 15)));
}

/**
 * A month ("YYYY-MM", or '' for none) as a month list and a year, labelled in the
 * interface's language. `<input type="month">` shows the browser's locale and, in some
 * browsers, is a plain text box.
 */
export function MonthField({
  label,
  value,
  onChange,
  optional = true,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  optional?: boolean;
}) {
  const t = useT();
  const id = useId();
  const language = useLanguage();
  const [year, month] = value ? value.split('-') : ['', ''];
  const [yearDraft, setYearDraft] = useState(year ?? '');
  useEffect(() => setYearDraft(year ?? ''), [year]);

  function emit(nextMonth: string, nextYear: string) {
    if (!nextMonth) onChange('');
    else if (/^\d{4}$/.test(nextYear)) onChange(`${nextYear}-${nextMonth}`);
  }

  return (
    <fieldset className="month-field">
      <legend className="field__label">{label}</legend>
      <div className="month-field__row">
        <select
          id={`${id}-m`}
          aria-label={`${label}: ${t('month.month')}`}
          value={month ?? ''}
          onChange={(e) => emit(e.target.value, yearDraft || String(new Date().getFullYear()))}
        >
          {optional && <option value="">{t('month.none')}</option>}
          {monthNames(language).map((name, i) => (
            <option key={name} value={String(i + 1).padStart(2, '0')}>
              {name}
            </option>
          ))}
        </select>
        <input
          aria-label={`${label}: ${t('month.year')}`}
          inputMode="numeric"
          maxLength={4}
          value={yearDraft}
          placeholder={String(new Date().getFullYear())}
          onChange={(e) => {
            const next = e.target.value.replace(/\D/g, '');
            setYearDraft(next);
            if (month) emit(month, next);
          }}
        />
      </div>
    </fieldset>
  );
}
