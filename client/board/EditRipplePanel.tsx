import { useCallback, useId, useState } from 'react';
import { deleteRipple, editRipple } from '../../shared/doc/commands';
import type { RippleView } from '../../shared/doc/viewModel';
import { LIMITS } from '../../shared/model/limits';
import { INTENDED_VALUES, type Intended, VALENCES, type Valence } from '../../shared/model/ripple';
import { commandErrorKey } from '../i18n/errorText';
import type { MessageKey } from '../i18n/nl';
import { useT } from '../i18n/useT';
import { showNotice, stopEditing } from '../store/actions';
import { useSession, useSessionHandle } from '../store/SessionContext';
import { selectEditingId, selectRipple } from '../store/selectors';
import type { SessionState } from '../store/sessionStore';
import { ChoiceGroup } from './ChoiceGroup';
import { RippleLinks } from './RippleLinks';

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

/** The edit panel for one ripple; it closes itself when the ripple is deleted. */
export function EditRipplePanel() {
  const t = useT();
  const editingId = useSession(selectEditingId);
  const ripple = useSession(useCallback((s: SessionState) => selectRipple(s, editingId), [editingId]));
  if (!ripple) return <p className="side-panel muted">{t('edit.gone')}</p>;
  return <EditForm key={ripple.id} ripple={ripple} />;
}

function EditForm({ ripple }: { ripple: RippleView }) {
  const t = useT();
  const id = useId();
  const { doc, actor, store } = useSessionHandle();
  const [text, setText] = useState(ripple.text);
  const [story, setStory] = useState(ripple.story);
  const [involved, setInvolved] = useState(ripple.involved);
  const [intended, setIntended] = useState<Intended>(ripple.intended);
  const [valence, setValence] = useState<Valence>(ripple.valence);

  function save(event: React.FormEvent) {
    event.preventDefault();
    const result = editRipple(doc, actor, ripple.id, {
      text: text.trim(),
      story: story.trim(),
      involved: involved.trim(),
      intended,
      valence,
    });
    if (!result.ok) showNotice(store, commandErrorKey(result.error), 'error');
    else {
      showNotice(store, 'edit.saved');
      stopEditing(store);
    }
  }

  function remove() {
    const result = deleteRipple(doc, actor, ripple.id);
    if (!result.ok) showNotice(store, commandErrorKey(result.error), 'error');
    else stopEditing(store);
  }

  return (
    <section className="side-panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('edit.heading')}</h2>
      <form onSubmit={save}>
        <label className="field">
          <span className="field__label">{t('add.text')}</span>
          <textarea
            value={text}
            onChange={(e) => setText(e.target.value)}
            maxLength={LIMITS.rippleText}
            rows={3}
          />
        </label>
        <label className="field">
          <span className="field__label">{t('edit.story')}</span>
          <textarea
            value={story}
            onChange={(e) => setStory(e.target.value)}
            maxLength={LIMITS.rippleStory}
            rows={2}
          />
        </label>
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
        <label className="field">
          <span className="field__label">{t('edit.involved')}</span>
          <input value={involved} onChange={(e) => setInvolved(e.target.value)} maxLength={LIMITS.involved} />
          <span className="field__hint">{t('edit.involvedHint')}</span>
        </label>
        <div className="button-row">
          <button type="submit" className="button button--primary">
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
