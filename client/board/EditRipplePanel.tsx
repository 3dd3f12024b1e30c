import { useCallback, useId, useMemo, useState } from 'react';
import { deleteRipple, editRipple, setRippleStatus } from '../../shared/doc/commands';
import { sessionCodebook } from '../../shared/doc/sessionCodebook';
import type { RippleView } from '../../shared/doc/viewModel';
import { LIMITS } from '../../shared/model/limits';
import {
  INTENDED_VALUES,
  type Intended,
  ONGOING_VALUES,
  type Ongoing,
  RIPPLE_KINDS,
  type RippleKind,
  type RippleWhen,
  VALENCES,
  type Valence,
} from '../../shared/model/ripple';
import { MonthField } from '../components/MonthField';
import { commandErrorKey } from '../i18n/errorText';
import { useLanguage } from '../i18n/language';
import type { MessageKey } from '../i18n/nl';
import { useT } from '../i18n/useT';
import { showNotice, stopEditing } from '../store/actions';
import type { DocState } from '../store/docStore';
import { useSession, useSessionHandle } from '../store/SessionContext';
import { selectEditingId, selectMeta, selectRipple } from '../store/selectors';
import { ChoiceGroup } from './ChoiceGroup';
import { CodeOptions } from './CodeOptions';
import { RippleLinks } from './RippleLinks';
import { SecondCodeField } from './SecondCodeField';
import { SuggestionChip } from './SuggestionChip';

const INTENDED_TEXT: Record<Intended, MessageKey> = {
  intended: 'edit.intended.intended',
  unintended: 'edit.intended.unintended',
  unknown: 'edit.intended.unknown',
};
const VALENCE_TEXT: Record<Valence, MessageKey> = {
  positive: 'edit.valence.positive',
  negative: 'edit.valence.negative',
  mixed: 'edit.valence.mixed',
  unknown: 'edit.valence.unknown',
};

export const ONGOING_TEXT: Record<Ongoing, MessageKey> = {
  ongoing: 'ongoing.ongoing',
  stopped: 'ongoing.stopped',
  unknown: 'ongoing.unknown',
};

const KIND_TEXT: Record<RippleKind, MessageKey> = {
  effect: 'edit.kind.effect',
  activity: 'edit.kind.activity',
};

/** The edit panel for one ripple; it closes itself when the ripple is deleted. */
export function EditRipplePanel() {
  const t = useT();
  const editingId = useSession(selectEditingId);
  const ripple = useSession(useCallback((s: DocState) => selectRipple(s, editingId), [editingId]));
  if (!ripple) return <p className="side-panel muted">{t('edit.gone')}</p>;
  return <EditForm key={ripple.id} ripple={ripple} />;
}

type WhenKind = 'none' | 'date' | 'month' | 'phase';

function EditForm({ ripple }: { ripple: RippleView }) {
  const t = useT();
  const id = useId();
  const _language = useLanguage();
  const { doc, actor, store } = useSessionHandle();
  const meta = useSession(selectMeta);
  const codebook = useMemo(() => sessionCodebook(meta), [meta]);
  const [text, setText] = useState(ripple.text);
  const [story, setStory] = useState(ripple.story);
  const [involved, setInvolved] = useState(ripple.involved);
  const [intended, setIntended] = useState<Intended>(ripple.intended);
  const [valence, setValence] = useState<Valence>(ripple.valence);
  const [kind, setKind] = useState<RippleKind>(ripple.kind);
  const [ongoing, setOngoing] = useState<Ongoing>(ripple.ongoing);
  const [showAuthor, setShowAuthor] = useState(ripple.showAuthor);
  const [whenKind, setWhenKind] = useState<WhenKind>(ripple.when?.kind ?? 'none');
  const [whenValue, setWhenValue] = useState(ripple.when?.value ?? '');
  // The code is confirmed at once (as with the suggestion chip), so the map recolours while editing.
  const code = ripple.code ?? '';

  function when(): RippleWhen | null {
    if (whenKind === 'none' || whenValue === '') return null;
    return { kind: whenKind, value: whenValue } as RippleWhen;
  }

  function save(andAccept: boolean) {
    const result = editRipple(doc, actor, ripple.id, {
      text: text.trim(),
      story: story.trim(),
      involved: involved.trim(),
      intended,
      valence,
      kind,
      ongoing,
      showAuthor,
      when: when(),
    });
    if (!result.ok) {
      showNotice(store, commandErrorKey(result.error), 'error');
      return;
    }
    if (andAccept) {
      const accepted = setRippleStatus(doc, actor, ripple.id, 'accepted');
      if (!accepted.ok) {
        showNotice(store, commandErrorKey(accepted.error), 'error');
        return;
      }
    }
    showNotice(store, 'edit.saved');
    stopEditing(store);
  }

  function setCode(value: string) {
    const result = editRipple(doc, actor, ripple.id, { code: value === '' ? null : value });
    if (!result.ok) showNotice(store, commandErrorKey(result.error), 'error');
  }

  function remove() {
    const result = deleteRipple(doc, actor, ripple.id);
    if (!result.ok) showNotice(store, commandErrorKey(result.error), 'error');
    else stopEditing(store);
  }

  return (
    <section className="side-panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('edit.heading')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save(false);
        }}
      >
        <label className="field">
          <span className="field__label">{t('add.text')}</span>
          <textarea
            value={text}
            onChange={(e) => setText(e.target.value)}
            maxLength={LIMITS.rippleText}
            rows={3}
          />
        </label>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-code`}>
            {t('edit.code')}
          </label>
          <select id={`${id}-code`} value={code} onChange={(e) => setCode(e.target.value)}>
            <CodeOptions codebook={codebook} />
          </select>
          {!ripple.code &&
            (ripple.suggestedCode ? (
              <SuggestionChip ripple={ripple} />
            ) : (
              // Unsure is said calmly, not hidden and not guessed.
              <p className="suggestion-none">{t('suggest.none')}</p>
            ))}
        </div>
        <SecondCodeField ripple={ripple} />
        <fieldset className="when-field">
          <legend className="field__label">{t('edit.when')}</legend>
          <div className="when-field__row">
            <select
              aria-label={t('edit.whenKind')}
              value={whenKind}
              onChange={(e) => {
                setWhenKind(e.target.value as WhenKind);
                setWhenValue('');
              }}
            >
              <option value="none">{t('edit.when.none')}</option>
              <option value="date">{t('edit.when.date')}</option>
              <option value="month">{t('edit.when.month')}</option>
              {meta.phases.length > 0 && <option value="phase">{t('edit.when.phase')}</option>}
            </select>
            {whenKind === 'date' && (
              <input
                type="date"
                aria-label={t('edit.when.date')}
                value={whenValue}
                onChange={(e) => setWhenValue(e.target.value)}
              />
            )}
            {whenKind === 'month' && (
              <MonthField
                label={t('edit.when.month')}
                value={whenValue}
                onChange={setWhenValue}
                optional={false}
              />
            )}
            {whenKind === 'phase' && (
              <select
                aria-label={t('edit.when.phase')}
                value={whenValue}
                onChange={(e) => setWhenValue(e.target.value)}
              >
                <option value="">{t('links.choose')}</option>
                {meta.phases.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.label}
                  </option>
                ))}
              </select>
            )}
          </div>
        </fieldset>
        <ChoiceGroup
          legend={t('edit.intended')}
          name={`${id}-intended`}
          options={INTENDED_VALUES.map((value) => ({ value, label: t(INTENDED_TEXT[value]) }))}
          value={intended}
          onChange={setIntended}
        />
        <ChoiceGroup
          legend={t('edit.valence')}
          name={`${id}-valence`}
          options={VALENCES.map((value) => ({ value, label: t(VALENCE_TEXT[value]) }))}
          value={valence}
          onChange={setValence}
        />
        <ChoiceGroup
          legend={t('ongoing.legend')}
          name={`${id}-ongoing`}
          options={ONGOING_VALUES.map((value) => ({ value, label: t(ONGOING_TEXT[value]) }))}
          value={ongoing}
          onChange={setOngoing}
        />
        <ChoiceGroup
          legend={t('edit.kind')}
          name={`${id}-kind`}
          options={RIPPLE_KINDS.map((value) => ({ value, label: t(KIND_TEXT[value]) }))}
          value={kind}
          onChange={setKind}
        />
        <label className="field">
          <span className="field__label">{t('edit.story')}</span>
          <textarea
            value={story}
            onChange={(e) => setStory(e.target.value)}
            maxLength={LIMITS.rippleStory}
            rows={2}
          />
        </label>
        <label className="check">
          <input type="checkbox" checked={showAuthor} onChange={(e) => setShowAuthor(e.target.checked)} />
          {t('edit.showAuthor', { name: ripple.authorName || t('inbox.anonymous') })}
        </label>
        {(ripple.coAuthors?.length ?? 0) > 0 && (
          <p className="field__hint">
            {t('edit.coAuthors', {
              names: (ripple.coAuthors ?? []).map((a) => a.name || t('inbox.anonymous')).join(', '),
            })}
          </p>
        )}
        <label className="field">
          <span className="field__label">{t('edit.involved')}</span>
          <input value={involved} onChange={(e) => setInvolved(e.target.value)} maxLength={LIMITS.involved} />
          <span className="field__hint">{t('edit.involvedHint')}</span>
        </label>
        <div className="button-row">
          {ripple.status !== 'accepted' && (
            <button type="button" className="button button--primary" onClick={() => save(true)}>
              {t('edit.saveAccept')}
            </button>
          )}
          <button
            type="submit"
            className={ripple.status === 'accepted' ? 'button button--primary' : 'button'}
          >
            {t('common.save')}
          </button>
          <button type="button" className="button" onClick={() => stopEditing(store)}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
      {ripple.status === 'accepted' && <RippleLinks ripple={ripple} />}
      <button type="button" className="button button--danger button--small delete-button" onClick={remove}>
        {t('edit.delete')}
      </button>
    </section>
  );
}
