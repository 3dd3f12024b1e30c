import { useEffect, useMemo } from 'react';
import { sessionCodebook } from '../../shared/doc/sessionCodebook';
import { useLanguage } from '../i18n/language';
import { useT } from '../i18n/useT';
import { turnMapPage } from '../store/actions';
import { useSession, useSessionHandle } from '../store/SessionContext';
import { selectMapPage, selectMapPages, selectMeta } from '../store/selectors';
import { isTyping } from '../util/isTyping';

/**
 * On a projector too small for the whole map at reading size: which part the room sees
 * ("part 2 of 9", and the sector's name on the rings) and the buttons to the previous and
 * the next part. A presentation clicker's Page Up and Page Down turn them too, on the
 * board's projector and on a presenter screen alike. Nothing where the whole map fits.
 */
export function MapPager() {
  const t = useT();
  const language = useLanguage();
  const { store } = useSessionHandle();
  const pages = useSession(selectMapPages);
  const page = useSession(selectMapPage);
  const meta = useSession(selectMeta);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'PageDown' && event.key !== 'PageUp') return;
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if ((selectMapPages(store.getState())?.length ?? 0) < 2) return;
      event.preventDefault();
      turnMapPage(store, event.key === 'PageDown' ? 1 : -1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
  const names = useMemo(
    () => new Map(sessionCodebook(meta).codes.map((code) => [code.id as string, code.label[language]])),
    [meta, language],
  );
  if (!pages || pages.length < 2) return null;
  const group = pages[page]?.group;
  const name = group === 'none' ? t('lane.noCode') : group ? names.get(group) : undefined;
  return (
    <nav className="map-pager" aria-label={t('pager.label')}>
      <p className="map-pager__where" aria-live="polite">
        {t('pager.part', { page: page + 1, count: pages.length })}
        {name && <span className="map-pager__name">{name}</span>}
      </p>
      <div className="map-pager__buttons">
        <button
          type="button"
          className="button button--small projector-chrome"
          disabled={page === 0}
          onClick={() => turnMapPage(store, -1)}
        >
          {t('pager.previous')}
        </button>
        <button
          type="button"
          className="button button--small projector-chrome"
          disabled={page === pages.length - 1}
          onClick={() => turnMapPage(store, 1)}
        >
          {t('pager.next')}
        </button>
      </div>
    </nav>
  );
}
