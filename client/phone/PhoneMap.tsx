import { useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { sessionCodebook } from '../../shared/doc/sessionCodebook';
import type { RippleView } from '../../shared/doc/viewModel';
import type { Link } from '../../shared/model/ripple';
import { orderLabel } from '../canvas/orderLabel';
import { useLanguage } from '../i18n/language';
import { useT } from '../i18n/useT';
import { useSession } from '../store/SessionContext';
import { selectLinks, selectMapRipples, selectMeta } from '../store/selectors';

type View = 'list' | 'picture';
type Grouping = 'order' | 'code';

/**
 * The map, read-only, for reading on a phone: a list grouped by order (1st, 2nd, … from
 * the programme) or by code, and a zoomable picture of the same ripples and links. Loaded
 * lazily: it carries the codebooks' labels, which the add flow does not need.
 */
export default function PhoneMap() {
  const t = useT();
  const id = useId();
  const ripples = useSession(useShallow(selectMapRipples));
  const links = useSession(selectLinks);
  const [view, setView] = useState<View>('list');
  const [grouping, setGrouping] = useState<Grouping>('order');

  return (
    <section className="phone-map" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('phone.map.heading')}</h2>
      {ripples.length === 0 ? (
        <p className="muted">{t('phone.map.empty')}</p>
      ) : (
        <>
          <fieldset className="segmented">
            <legend className="visually-hidden">{t('phone.map.view')}</legend>
            {(['list', 'picture'] as const).map((name) => (
              <button
                key={name}
                type="button"
                className="button"
                aria-pressed={view === name}
                onClick={() => setView(name)}
              >
                {t(name === 'list' ? 'phone.map.asList' : 'phone.map.asPicture')}
              </button>
            ))}
          </fieldset>
          {view === 'list' ? (
            <>
              <div className="field">
                <label className="field__label" htmlFor={`${id}-group`}>
                  {t('phone.map.groupBy')}
                </label>
                <select
                  id={`${id}-group`}
                  value={grouping}
                  onChange={(e) => setGrouping(e.target.value as Grouping)}
                >
                  <option value="order">{t('phone.map.byOrder')}</option>
                  <option value="code">{t('phone.map.byCode')}</option>
                </select>
              </div>
              <MapList ripples={ripples} links={links} grouping={grouping} />
            </>
          ) : (
            <MapPicture ripples={ripples} links={links} />
          )}
        </>
      )}
    </section>
  );
}

function MapList({
  ripples,
  links,
  grouping,
}: {
  ripples: readonly RippleView[];
  links: readonly Link[];
  grouping: Grouping;
}) {
  const t = useT();
  const language = useLanguage();
  const meta = useSession(selectMeta);
  const groups = useMemo(() => {
    const out = new Map<string, { title: string; items: RippleView[] }>();
    if (grouping === 'order') {
      for (const ripple of [...ripples].sort((a, b) => a.order - b.order)) {
        const key = String(ripple.order);
        const group = out.get(key) ?? { title: orderLabel(t, ripple.order), items: [] };
        group.items.push(ripple);
        out.set(key, group);
      }
    } else {
      const codebook = sessionCodebook(meta);
      for (const code of codebook.codes) out.set(code.id, { title: code.label[language], items: [] });
      const none = { title: t('phone.map.noCode'), items: [] as RippleView[] };
      for (const ripple of ripples) (out.get(ripple.code ?? '') ?? none).items.push(ripple);
      out.set('', none);
    }
    return [...out.entries()].filter(([, group]) => group.items.length > 0);
  }, [ripples, grouping, meta, language, t]);
  const byId = useMemo(() => new Map(ripples.map((r) => [r.id, r])), [ripples]);

  return (
    <div className="map-list">
      {groups.map(([key, group]) => (
        <section key={key} className="map-list__group">
          <h3>
            {group.title} <span className="muted">({group.items.length})</span>
          </h3>
          <ul>
            {group.items.map((ripple) => (
              <li key={ripple.id} className="map-list__item">
                <p>{ripple.text}</p>
                {links
                  .filter((link) => link.to === ripple.id)
                  .map((link) => (
                    <p key={link.id} className="map-list__from">
                      {t('phone.map.ledFrom', { text: byId.get(link.from)?.text ?? '' })}
                    </p>
                  ))}
                {meta.votesRevealed && ripple.votes > 0 && (
                  <p className="map-list__from">{t('phone.vote.total', { count: ripple.votes })}</p>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

const NODE_W = 180;
const NODE_H = 90;
const RING = 240;
/** Zoomed out this far, a map of a few hundred ripples still fits a phone's width. */
const MIN_ZOOM = 0.1;

/** Where each ripple sits: the facilitator's position when it has one, else on a ring per order. */
function placeAll(ripples: readonly RippleView[]): Map<string, { x: number; y: number }> {
  const out = new Map<string, { x: number; y: number }>();
  const byOrder = new Map<number, RippleView[]>();
  for (const ripple of ripples) {
    if (ripple.position) out.set(ripple.id, ripple.position);
    else byOrder.set(ripple.order, [...(byOrder.get(ripple.order) ?? []), ripple]);
  }
  for (const [order, list] of byOrder) {
    list.forEach((ripple, index) => {
      const angle = (index / list.length) * 2 * Math.PI - Math.PI / 2;
      out.set(ripple.id, { x: Math.cos(angle) * RING * order, y: Math.sin(angle) * RING * order });
    });
  }
  return out;
}

/**
 * Where the line from a's middle to b's middle crosses b's border (nodes are NODE_W × NODE_H),
 * so the arrowhead lands on the effect's edge instead of under it.
 */
function edgePoint(a: { x: number; y: number }, b: { x: number; y: number }): { x: number; y: number } {
  const dx = a.x - b.x;
  const dy = a.y - b.y;
  if (dx === 0 && dy === 0) return b;
  const scale = Math.min(
    dx === 0 ? Number.POSITIVE_INFINITY : NODE_W / 2 / Math.abs(dx),
    dy === 0 ? Number.POSITIVE_INFINITY : NODE_H / 2 / Math.abs(dy),
  );
  return { x: b.x + dx * scale, y: b.y + dy * scale };
}

function MapPicture({ ripples, links }: { ripples: readonly RippleView[]; links: readonly Link[] }) {
  const t = useT();
  const [zoom, setZoom] = useState(0.6);
  const viewport = useRef<HTMLDivElement>(null);
  const arrow = `phone-arrow-${useId().replace(/:/g, '')}`;
  const placed = useMemo(() => placeAll(ripples), [ripples]);
  const xs = [...placed.values()].map((p) => p.x);
  const ys = [...placed.values()].map((p) => p.y);
  const minX = Math.min(...xs) - 20;
  const minY = Math.min(...ys) - 20;
  const width = Math.max(...xs) - minX + NODE_W + 20;
  const height = Math.max(...ys) - minY + NODE_H + 20;
  const at = (id: string) => placed.get(id) ?? { x: 0, y: 0 };
  // The picture starts whole: as wide as the phone's screen (zoom in to read).
  useLayoutEffect(() => {
    const room = viewport.current?.clientWidth ?? 0;
    if (room > 0) setZoom(Math.min(1, Math.max(MIN_ZOOM, room / width)));
  }, [width]);
  const middle = (id: string) => {
    const p = at(id);
    return { x: p.x - minX + NODE_W / 2, y: p.y - minY + NODE_H / 2 };
  };

  return (
    <div className="map-picture">
      <div className="button-row">
        <button type="button" className="button" onClick={() => setZoom((z) => Math.max(MIN_ZOOM, z / 1.25))}>
          {t('phone.map.zoomOut')}
        </button>
        <button type="button" className="button" onClick={() => setZoom((z) => Math.min(2, z * 1.25))}>
          {t('phone.map.zoomIn')}
        </button>
      </div>
      {/* Scrollable in both directions; the list above carries the same content for screen readers. */}
      <div
        ref={viewport}
        className="map-picture__viewport"
        role="img"
        aria-label={t('phone.map.picture')}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard to scroll it
        tabIndex={0}
      >
        <div style={{ width: width * zoom, height: height * zoom, position: 'relative' }}>
          <div
            className="map-picture__canvas"
            style={{ width, height, transform: `scale(${zoom})`, transformOrigin: '0 0' }}
          >
            <svg width={width} height={height} aria-hidden="true" className="map-picture__links">
              <defs>
                <marker
                  id={arrow}
                  viewBox="0 0 10 10"
                  refX="9"
                  refY="5"
                  markerWidth="7"
                  markerHeight="7"
                  orient="auto-start-reverse"
                >
                  <path d="M0 0 L10 5 L0 10 Z" fill="#4b5563" />
                </marker>
              </defs>
              {links.map((link) => {
                const from = middle(link.from);
                const to = middle(link.to);
                const start = edgePoint(to, from);
                const end = edgePoint(from, to);
                return (
                  <line
                    key={link.id}
                    x1={start.x}
                    y1={start.y}
                    x2={end.x}
                    y2={end.y}
                    markerEnd={`url(#${arrow})`}
                  />
                );
              })}
            </svg>
            {ripples.map((ripple) => {
              const p = at(ripple.id);
              return (
                <div
                  key={ripple.id}
                  className="map-picture__node"
                  aria-hidden="true"
                  style={{ left: p.x - minX, top: p.y - minY, width: NODE_W, minHeight: NODE_H }}
                >
                  {ripple.text}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
