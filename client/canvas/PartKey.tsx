import { Panel, type ReactFlowState, useStore } from '@xyflow/react';
import { useCallback } from 'react';
import type { Codebook } from '../../shared/codebooks';
import { ringsIn } from '../../shared/layouts';
import type { Language } from '../../shared/model/ripple';
import { useT } from '../i18n/useT';
import { useSession } from '../store/SessionContext';
import { selectMapPage, selectMapPages } from '../store/selectors';
import { orderLabel } from './orderLabel';
import type { MapLayout } from './useMapLayout';

/**
 * On a projector showing the rings in parts: a key in the map's top left corner naming
 * the sector the part is from and every ring it shows (each on its ring's colour). The
 * names drawn in the picture sit at the outer ring and at the top, out of most parts'
 * view, so the backdrop leaves them out while the map is paged (LayoutBackdrop.tsx). The
 * key is one of the overlays the part is framed clear of (FitView.tsx: `overlayInsets`),
 * and the parts are cut to leave it room (ProjectorPages.tsx: PART_KEY_BAND).
 */
export function PartKey({
  layout,
  codebook,
  language,
}: {
  layout: MapLayout;
  codebook: Codebook;
  language: Language;
}) {
  const t = useT();
  const pages = useSession(selectMapPages);
  const page = useSession(selectMapPage);
  const rings = layout.kind === 'rings' ? layout.rings : null;
  // The rings in the pane's view, as a string so the key redraws only when they change.
  const select = useCallback(
    (s: ReactFlowState) => {
      const [x, y, zoom] = s.transform;
      if (!rings || s.width === 0 || zoom === 0) return '';
      return ringsIn(rings, {
        x: -x / zoom,
        y: -y / zoom,
        width: s.width / zoom,
        height: s.height / zoom,
      }).join(' ');
    },
    [rings],
  );
  const shown = useStore(select);
  if (!rings || !pages || pages.length < 2) return null;
  const group = pages[page]?.group;
  const code = codebook.codes.find((c) => c.id === group);
  const name = group === 'none' ? t('lane.noCode') : code?.label[language];
  const orders = shown ? shown.split(' ').map(Number) : [];
  return (
    <Panel position="top-left" className="part-key" role="group" aria-label={t('partKey.label')}>
      {name && (
        <p className="part-key__sector">
          <span className="part-key__swatch" style={{ background: code?.color ?? '#9aa4b1' }} />
          {name}
        </p>
      )}
      {orders.length > 0 && (
        <ul className="part-key__rings">
          {orders.map((order) => (
            <li key={order} className={`part-key__ring part-key__ring--${order}`}>
              {order === 3 ? t('lane.order3plus') : orderLabel(t, order)}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
