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
 */
export const LayoutBackdrop = memo(function LayoutBackdrop({
  layout,
  codebook,
  language,
  programme,
}: {
  layout: MapLayout;
  codebook: Codebook;
  language: Language;
  programme: string;
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

  const { rings, sectors, centreRadius } = layout.rings;
  const outer = rings.at(-1)?.outer ?? centreRadius;
  const size = 2 * outer + 40;
  const c = size / 2;
  const polar = (r: number, a: number) => [c + r * Math.sin(a), c - r * Math.cos(a)] as const;
  return (
    <ViewportPortal>
      <svg
        className="backdrop backdrop--rings"
        aria-hidden="true"
        width={size}
        height={size}
        style={{ position: 'absolute', left: -c, top: -c }}
      >
        {[...rings].reverse().map((ring) => (
          <circle key={ring.order} cx={c} cy={c} r={ring.outer} className={`ring ring--${ring.order}`} />
        ))}
        {sectors.map((sector) => {
          const [x1, y1] = polar(centreRadius, sector.start);
          const [x2, y2] = polar(outer, sector.start);
          const mid = (sector.start + sector.end) / 2;
          const [lx, ly] = polar(outer - 60, mid);
          return (
            <g key={sector.code}>
              <line x1={x1} y1={y1} x2={x2} y2={y2} className="sector-line" />
              <path
                d={`M ${polar(outer - 6, sector.start + 0.01).join(' ')} A ${outer - 6} ${outer - 6} 0 ${sector.end - sector.start > Math.PI ? 1 : 0} 1 ${polar(outer - 6, sector.end - 0.01).join(' ')}`}
                stroke={codeColor(sector.code)}
                strokeWidth={12}
                fill="none"
              />
              <text
                x={lx}
                y={ly}
                className="sector-label"
                textAnchor={Math.sin(mid) > 0.2 ? 'end' : Math.sin(mid) < -0.2 ? 'start' : 'middle'}
                dominantBaseline={Math.cos(mid) > 0.2 ? 'hanging' : Math.cos(mid) < -0.2 ? 'auto' : 'middle'}
              >
                {codeLabel(sector.code)}
              </text>
            </g>
          );
        })}
        {rings.map((ring) => (
          <text key={ring.order} x={c} y={c - ring.outer + 30} className="ring-label" textAnchor="middle">
            {ring.order === 3 ? t('lane.order3plus') : orderLabel(t, ring.order)}
          </text>
        ))}
        <circle cx={c} cy={c} r={centreRadius} className="centre" />
        <foreignObject
          x={c - centreRadius * 0.8}
          y={c - centreRadius * 0.6}
          width={centreRadius * 1.6}
          height={centreRadius * 1.2}
        >
          <div className="centre__label">{programme || t('rings.centre')}</div>
        </foreignObject>
      </svg>
    </ViewportPortal>
  );
});
