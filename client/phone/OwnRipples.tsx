import { useCallback, useId } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../i18n/useT';
import type { DocState } from '../store/docStore';
import { useSession, useSessionHandle } from '../store/SessionContext';
import { selectRipplesBy } from '../store/selectors';
import { OwnRippleItem } from './OwnRippleItem';
import type { SendStore } from './sendTracker';

/** "Jouw rimpelingen": what this phone sent, with its status (and whether it is still on the phone). */
export function OwnRipples({ authorName, send }: { authorName: string; send: SendStore }) {
  const t = useT();
  const id = useId();
  const { actor } = useSessionHandle();
  const mine = useSession(useShallow(useCallback((s: DocState) => selectRipplesBy(s, actor.id), [actor.id])));
  const unsentSince = useStore(send, (s) =>
    s.phase === 'offline' || s.phase === 'connecting' ? s.unsentSince : null,
  );
  return (
    <section className="own-ripples" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('phone.ownHeading')}</h2>
      {mine.length === 0 ? (
        <p className="muted">{t('phone.ownEmpty')}</p>
      ) : (
        <ul className="own-ripples__list">
          {mine.map((ripple) => (
            <OwnRippleItem
              key={ripple.id}
              ripple={ripple}
              authorName={authorName}
              unsent={unsentSince !== null && ripple.updatedAt >= unsentSince}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
