import type { RippleView } from '../../shared/doc/viewModel';
import type { SessionMeta } from '../../shared/model/ripple';
import { useLanguage } from '../i18n/language';
import { useT } from '../i18n/useT';
import { INTENDED_TEXT, shorten, VALENCE_TEXT } from './RippleDetails';
import { dayLabel, monthLabel, parseWhen, type RippleDraft } from './rippleDraft';

/** The ripple as it will be sent: the text, and only the extra answers that were given. */
export function RipplePreview({
  draft,
  meta,
  onMap,
}: {
  draft: RippleDraft;
  meta: SessionMeta;
  onMap: readonly RippleView[];
}) {
  const t = useT();
  const language = useLanguage();
  const rows: [string, string][] = [];
  if (draft.cause === 'programme') {
    rows.push([
      t('phone.preview.cause'),
      meta.programme ? t('phone.cause.programmeNamed', { name: meta.programme }) : t('phone.cause.programme'),
    ]);
  } else if (draft.cause) {
    const cause = onMap.find((r) => r.id === draft.cause);
    if (cause) rows.push([t('phone.preview.cause'), shorten(cause.text, 120)]);
  }
  const when = parseWhen(draft.when);
  if (when?.kind === 'phase') {
    const phase = meta.phases.find((p) => p.id === when.value);
    if (phase) rows.push([t('phone.preview.when'), phase.label]);
  } else if (when?.kind === 'month') {
    rows.push([t('phone.preview.when'), monthLabel(when.value, language)]);
  } else if (when?.kind === 'date') {
    rows.push([t('phone.preview.when'), dayLabel(when.value, language)]);
  }
  if (draft.intended !== 'unknown')
    rows.push([t('phone.preview.intended'), t(INTENDED_TEXT[draft.intended])]);
  if (draft.valence !== 'unknown') rows.push([t('phone.preview.valence'), t(VALENCE_TEXT[draft.valence])]);
  if (draft.involved.trim()) rows.push([t('phone.preview.involved'), draft.involved.trim()]);

  return (
    <div className="preview">
      <p className="preview__text">{draft.text.trim()}</p>
      {rows.length > 0 && (
        <dl className="preview__details">
          {rows.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
