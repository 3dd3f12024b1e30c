import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { moveRipples, updateMeta } from '../../shared/doc/commands';
import { LAYOUTS, type LayoutName, TIMELINE_LANES, type TimelineLanes } from '../../shared/model/ripple';
import { useFitMap } from '../canvas/FitView';
import { commandErrorKey } from '../i18n/errorText';
import type { MessageKey } from '../i18n/nl';
import { useT } from '../i18n/useT';
import { setFollowLeader, setLeading, showNotice } from '../store/actions';
import type { DocState } from '../store/docStore';
import { useSession, useSessionHandle } from '../store/SessionContext';
import {
  selectLayout,
  selectLinks,
  selectMapRipples,
  selectProjector,
  selectSomeoneLeads,
} from '../store/selectors';
import { tidyPositions } from './tidyUp';

const LAYOUT_TEXT: Record<LayoutName, MessageKey> = {
  free: 'layout.free',
  timeline: 'layout.timeline',
  rings: 'layout.rings',
};
const LANES_TEXT: Record<TimelineLanes, MessageKey> = {
  order: 'layout.lanes.order',
  code: 'layout.lanes.code',
  intended: 'layout.lanes.intended',
};
const selectLanes = (s: DocState) => s.view.meta.timelineLanes;
const selectLeading = (s: DocState) => s.leading;
const selectFollowing = (s: DocState) => s.followLeader;
const selectMapIds = (s: DocState) => selectMapRipples(s).map((r) => r.id);

/** Over the map: layout, swimlanes, tidy up, fit to content, and "everyone follows me". */
export function MapToolbar({ editable }: { editable: boolean }) {
  const t = useT();
  const { doc, actor, store } = useSessionHandle();
  const layout = useSession(selectLayout);
  const lanes = useSession(selectLanes);
  const leading = useSession(selectLeading);
  const following = useSession(selectFollowing);
  const someoneLeads = useSession(selectSomeoneLeads);
  // Projector mode and the presenter (a viewer) are both on a projector.
  const projector = useSession(selectProjector) || actor.role === 'viewer';
  const ids = useSession(useShallow(selectMapIds));
  const links = useSession(selectLinks);
  const [tidying, setTidying] = useState(false);
  const fitMap = useFitMap();

  function run(result: ReturnType<typeof updateMeta>) {
    if (!result.ok) showNotice(store, commandErrorKey(result.error), 'error');
  }

  async function tidy() {
    setTidying(true);
    try {
      const positions = await tidyPositions(ids, links);
      run(moveRipples(doc, actor, positions));
      // After the new places reach the map (the store follows the document once per frame).
      setTimeout(() => fitMap({ projector }), 120);
    } finally {
      setTidying(false);
    }
  }

  return (
    <div className="map-toolbar" role="toolbar" aria-label={t('layout.toolbar')}>
      {editable && (
        <fieldset className="segmented">
          <legend className="visually-hidden">{t('layout.heading')}</legend>
          {LAYOUTS.map((name) => (
            <button
              key={name}
              type="button"
              className="button button--small"
              aria-pressed={layout === name}
              onClick={() => run(updateMeta(doc, actor, { layout: name }))}
            >
              {t(LAYOUT_TEXT[name])}
            </button>
          ))}
        </fieldset>
      )}
      {editable && layout === 'timeline' && (
        <label className="inline-field">
          <span>{t('layout.lanes')}</span>
          <select
            value={lanes}
            onChange={(e) => run(updateMeta(doc, actor, { timelineLanes: e.target.value as TimelineLanes }))}
          >
            {TIMELINE_LANES.map((name) => (
              <option key={name} value={name}>
                {t(LANES_TEXT[name])}
              </option>
            ))}
          </select>
        </label>
      )}
      {editable && layout === 'free' && (
        <button type="button" className="button button--small" disabled={tidying} onClick={() => void tidy()}>
          {tidying ? t('layout.tidying') : t('layout.tidy')}
        </button>
      )}
      <button
        type="button"
        className="button button--small projector-chrome"
        onClick={() => fitMap({ projector })}
      >
        {t('layout.fit')}
      </button>
      {actor.role === 'facilitator' && (
        <button
          type="button"
          className={leading ? 'button button--small button--primary' : 'button button--small'}
          aria-pressed={leading}
          onClick={() => setLeading(store, !leading)}
        >
          {leading ? t('follow.stopLeading') : t('follow.lead')}
        </button>
      )}
      {someoneLeads && !leading && (
        <button
          type="button"
          className={following ? 'button button--small button--attention' : 'button button--small'}
          aria-pressed={following}
          onClick={() => setFollowLeader(store, !following)}
        >
          {following ? t('follow.stopFollowing') : t('follow.follow')}
        </button>
      )}
    </div>
  );
}
