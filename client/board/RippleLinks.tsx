import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { linkRipples, unlinkRipples } from '../../shared/doc/commands';
import type { RippleView } from '../../shared/doc/viewModel';
import { commandErrorKey } from '../i18n/errorText';
import { useT } from '../i18n/useT';
import { showNotice } from '../store/actions';
import { useSession, useSessionHandle } from '../store/SessionContext';
import { selectLinks, selectMapRipples } from '../store/selectors';

/**
 * The links of one ripple as a list, with a keyboard way to add one: the same as
 * dragging from card to card on the canvas, for those who cannot drag.
 */
export function RippleLinks({ ripple }: { ripple: RippleView }) {
  const t = useT();
  const id = useId();
  const { doc, actor, store } = useSessionHandle();
  const links = useSession(selectLinks);
  const onMap = useSession(useShallow(selectMapRipples));
  const [target, setTarget] = useState('');
  const textOf = new Map(onMap.map((r) => [r.id, r.text]));
  const ledTo = links.filter((l) => l.from === ripple.id);
  const cameFrom = links.filter((l) => l.to === ripple.id);

  function run(result: ReturnType<typeof linkRipples>) {
    if (!result.ok) showNotice(store, commandErrorKey(result.error), 'error');
  }

  function add(event: React.FormEvent) {
    event.preventDefault();
    if (!target) return;
    run(linkRipples(doc, actor, ripple.id, target));
    setTarget('');
  }

  const entry = (linkId: string, text: string, from: string, to: string) => (
    <li key={linkId}>
      <span>{text}</span>
      <button
        type="button"
        className="button button--small button--quiet"
        aria-label={t('links.remove', { text })}
        onClick={() => run(unlinkRipples(doc, actor, from, to))}
      >
        {t('links.removeShort')}
      </button>
    </li>
  );

  return (
    <section className="ripple-links" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('links.heading')}</h3>
      {cameFrom.length > 0 && (
        <>
          <p className="field__label">{t('links.cameFrom')}</p>
          <ul>{cameFrom.map((l) => entry(l.id, textOf.get(l.from) ?? '', l.from, l.to))}</ul>
        </>
      )}
      {ledTo.length > 0 && (
        <>
          <p className="field__label">{t('links.ledTo')}</p>
          <ul>{ledTo.map((l) => entry(l.id, textOf.get(l.to) ?? '', l.from, l.to))}</ul>
        </>
      )}
      <form onSubmit={add} className="ripple-links__add">
        <label className="field">
          <span className="field__label">{t('links.add')}</span>
          <select value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="">{t('links.choose')}</option>
            {onMap
              .filter((r) => r.id !== ripple.id)
              .map((r) => (
                <option key={r.id} value={r.id}>
                  {r.text.length > 60 ? `${r.text.slice(0, 57)}…` : r.text}
                </option>
              ))}
          </select>
        </label>
        <button type="submit" className="button button--small" disabled={!target}>
          {t('links.addButton')}
        </button>
      </form>
    </section>
  );
}
