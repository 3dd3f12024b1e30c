import { ViewportPortal } from '@xyflow/react';
import { memo } from 'react';
import type { Codebook } from '../../shared/codebooks';
import type { Language } from '../../shared/model/ripple';
import type { MessageKey } from '../i18n/nl';
import { useT } from '../i18n/useT';
import { orderLabel } from './orderLabel';
import type { MapLayout } from './useMapLayout';

const MONTHS: Record<Language, string[]> = {
  nl: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};
const INTENDED_LANE: Record<string, MessageKey> = {
  intended: 'edit.intended.intended',
  unintended: 'edit.intended.unintended',
  unknown: 'lane.intendedUnknown',
};

/**
 * What the layout draws under the cards, in flow coordinates: the timeline's axis, month
 * ticks, phase bands, lanes and tray; or the rings, sectors and the programme at the centre.
 * On a projector showing the rings in parts (`paged`), the sector and ring names are left
 * out: a part's key names what the part shows (PartKey.tsx), where names drawn at the
 * outer ring and the top would be out of view or cut at its edge.
 */
export const LayoutBackdrop = memo(function LayoutBackdrop({
  layout,
  codebook,
  language,
  programme,
  paged = false,
}: {
  layout: MapLayout;
  codebook: Codebook;
  language: Language;
  programme: string;
  paged?: boolean;
}) {
  const t = useT();
  if (layout.kind === 'free') return null;
  const codeLabel = (code: string) =>
    code === 'none' ? t('lane.noCode') : (codebook.codes.find((c) => c.id === code)?.label[language] ?? code);
  const codeColor = (code: string) => codebook.codes.find((c) => c.id === code)?.color ?? '#9aa4b1';

  if (layout.kind === 'timeline') {
    const { axis, lanes, tray } = layout.timeline;
    const laneLabel = (key: string) => {
      if (key === 'activities') return t('lane.activities');
      if (/^\d$/.test(key)) return key === '3' ? t('lane.order3plus') : orderLabel(t, Number(key));
      if (key in INTENDED_LANE) return t(INTENDED_LANE[key] as MessageKey);
      return codeLabel(key);
    };
    const bottom = lanes.at(-1)?.y1 ?? axis.y + 200;
    const width = axis.x1 - axis.x0;
    return (
      <ViewportPortal>
        <div className="backdrop" aria-hidden="true">
          {axis.phaseBands.map((band, i) => (
            <div
              key={band.id}
              className={`phase-band phase-band--${i % 2}`}
              style={{
                left: band.x0,
                top: axis.y - 110,
                width: band.x1 - band.x0,
                height: bottom - axis.y + 110,
              }}
            >
              <span className="phase-band__label">{band.label}</span>
            </div>
          ))}
          {lanes.map((lane, i) => (
            <div
              key={lane.key}
              className={`lane lane--${i % 2}`}
              style={{ left: axis.x0 - 40, top: lane.y0, width: width + 80, height: lane.y1 - lane.y0 }}
            >
              <span className="lane__label">{laneLabel(lane.key)}</span>
            </div>
          ))}
          <div className="axis" style={{ left: axis.x0, top: axis.y, width }} />
          {axis.ticks.map((tick) => {
            const month = Number(tick.month.slice(5, 7));
            return (
              <div key={tick.month} className="tick" style={{ left: tick.x, top: axis.y - 56 }}>
                <span className={month === 1 ? 'tick__label tick__label--year' : 'tick__label'}>
                  {month === 1 ? tick.month.slice(0, 4) : MONTHS[language][month - 1]}
                </span>
              </div>
            );
          })}
          <div className="tray" style={{ left: tray.x, top: tray.y, width: tray.width, height: tray.height }}>
            <span className="tray__label">
              {t('timeline.tray')} ({tray.ids.length})
            </span>
          </div>
        </div>
      </ViewportPortal>
    );
  }

  const { rings, sectors, labels, centreRadius, bounds } = layout.rings;
  const outer = rings.at(-1)?.outer ?? centreRadius;
  // The svg covers the rings and the names around them; (ox, oy) is the centre inside it.
  const ox = -bounds.x;
  const oy = -bounds.y;
  const polar = (r: number, a: number) => [ox + r * Math.sin(a), oy - r * Math.cos(a)] as const;
  return (
    <ViewportPortal>
      <svg
        className="backdrop backdrop--rings"
        aria-hidden="true"
        width={bounds.width}
        height={bounds.height}
        style={{ position: 'absolute', left: bounds.x, top: bounds.y }}
      >
        {[...rings].reverse().map((ring) => (
          <circle key={ring.order} cx={ox} cy={oy} r={ring.outer} className={`ring ring--${ring.order}`} />
        ))}
        {sectors.map((sector) => {
          const [x1, y1] = polar(centreRadius, sector.start);
          const [x2, y2] = polar(outer, sector.start);
          return (
            <g key={sector.code}>
              <line x1={x1} y1={y1} x2={x2} y2={y2} className="sector-line" />
              <path
                d={`M ${polar(outer - 6, sector.start + 0.01).join(' ')} A ${outer - 6} ${outer - 6} 0 ${sector.end - sector.start > Math.PI ? 1 : 0} 1 ${polar(outer - 6, sector.end - 0.01).join(' ')}`}
                stroke={codeColor(sector.code)}
                strokeWidth={12}
                fill="none"
              />
            </g>
          );
        })}
        {!paged &&
          labels.map((label) => (
            <text
              key={label.code}
              x={ox + label.x}
              y={oy + label.y}
              className="sector-label"
              textAnchor={label.anchor}
              dominantBaseline={label.baseline}
            >
              {codeLabel(label.code)}
            </text>
          ))}
        {!paged &&
          rings.map((ring) => (
            <text key={ring.order} x={ox} y={oy - ring.outer + 30} className="ring-label" textAnchor="middle">
              {ring.order === 3 ? t('lane.order3plus') : orderLabel(t, ring.order)}
            </text>
          ))}
        <circle cx={ox} cy={oy} r={centreRadius} className="centre" />
        <foreignObject
          x={ox - centreRadius * 0.8}
          y={oy - centreRadius * 0.8}
          width={centreRadius * 1.6}
          height={centreRadius * 1.6}
        >
          <div className="centre__label">{programme || t('rings.centre')}</div>
        </foreignObject>
      </svg>
    </ViewportPortal>
  );
});
