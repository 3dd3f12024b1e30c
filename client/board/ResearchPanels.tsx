import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { sessionCodebook } from '../../shared/doc/sessionCodebook';
import type { MapDecorations } from '../../shared/export/mapSvg';
import { rippleCardHeights } from '../canvas/cardContent';
import { useMapLayout } from '../canvas/useMapLayout';
import { takeScreenKey } from '../device/screenKey';
import { AnalysisView } from '../export/AnalysisView';
import { ContinueSession } from '../export/ContinueSession';
import { ExportPanel } from '../export/ExportPanel';
import type { MapLayout as ExportLayout } from '../export/mapImage';
import { ReplayPanel } from '../export/ReplayPanel';
import { useLanguage } from '../i18n/language';
import { useT } from '../i18n/useT';
import { openPanel } from '../store/actions';
import { useSession, useSessionHandle } from '../store/SessionContext';
import { selectMapRipples, selectMeta } from '../store/selectors';
import { DeleteSession } from './DeleteSession';

/** The layout the board shows, with its axis or rings, in the shape the picture export draws. */
function useExportLayout(): () => ExportLayout {
  const t = useT();
  const language = useLanguage();
  const ripples = useSession(useShallow(selectMapRipples));
  const meta = useSession(selectMeta);
  const codebook = useMemo(() => sessionCodebook(meta), [meta]);
  const heights = useMemo(
    () => rippleCardHeights(ripples, meta, codebook, language, t),
    [ripples, meta, codebook, language, t],
  );
  const layout = useMapLayout(ripples, meta, codebook, heights);
  return () => {
    let decorations: MapDecorations | undefined;
    if (layout.kind === 'timeline') {
      const { axis, tray } = layout.timeline;
      const monthLabel = (month: string) =>
        new Date(`${month}-01T12:00:00Z`).toLocaleDateString(language === 'nl' ? 'nl-NL' : 'en-GB', {
          month: 'short',
          year: 'numeric',
        });
      decorations = {
        axis: {
          y: axis.y,
          ticks: axis.ticks.map((tick) => ({ x: tick.x, label: monthLabel(tick.month) })),
          bands: axis.phaseBands.map((band) => ({ x0: band.x0, x1: band.x1, label: band.label })),
        },
        ...(tray.ids.length > 0
          ? { tray: { ...tray, label: t('export.undated', { count: tray.ids.length }) } }
          : {}),
      };
    } else if (layout.kind === 'rings') {
      const { rings, centre, centreRadius, sectors, labels, bounds } = layout.rings;
      const codeLabel = (code: string) =>
        code === 'none'
          ? t('lane.noCode')
          : (codebook.codes.find((c) => c.id === code)?.label[language] ?? code);
      const codeColor = (code: string) => codebook.codes.find((c) => c.id === code)?.color ?? '#6b7280';
      decorations = {
        rings: {
          cx: centre.x,
          cy: centre.y,
          radii: rings.map((ring) => ring.outer),
          labels: rings.map((ring) => t('export.order', { n: ring.order })),
          centre: meta.programme || meta.title,
          centreRadius,
          sectors: sectors.map((sector, i) => {
            const label = labels[i];
            return {
              start: sector.start,
              label: codeLabel(sector.code),
              color: codeColor(sector.code),
              x: label?.x ?? 0,
              y: label?.y ?? 0,
              anchor: label?.anchor ?? 'middle',
              baseline: label?.baseline ?? 'middle',
            };
          }),
          extent: bounds,
        },
      };
    }
    return { positions: layout.positions, ...(decorations ? { decorations } : {}) };
  };
}

/** Tabs between the three research panels. */
function ResearchTabs({ current }: { current: 'export' | 'analysis' | 'replay' }) {
  const t = useT();
  const { store } = useSessionHandle();
  const tabs = [
    ['export', 'research.export'],
    ['analysis', 'research.analysis'],
    ['replay', 'research.replay'],
  ] as const;
  return (
    <nav className="research-tabs" aria-label={t('research.button')}>
      {tabs.map(([panel, label]) => (
        <button
          key={panel}
          type="button"
          className="button button--small"
          aria-current={current === panel ? 'page' : undefined}
          onClick={() => openPanel(store, panel)}
        >
          {t(label)}
        </button>
      ))}
    </nav>
  );
}

export function BoardExportPanel({ sessionId }: { sessionId: string }) {
  const { doc } = useSessionHandle();
  const key = takeScreenKey('board', sessionId);
  return (
    <>
      <ResearchTabs current="export" />
      <ExportPanel doc={doc} getLayout={useExportLayout()} />
      <ContinueSession doc={doc} />
      {key && <DeleteSession sessionId={sessionId} facilitatorKey={key} />}
    </>
  );
}

export function BoardAnalysisPanel() {
  const { doc } = useSessionHandle();
  // Counted afresh whenever the map changes while the panel is open.
  const version = useSession((s) => s.view);
  return (
    <>
      <ResearchTabs current="analysis" />
      <AnalysisView doc={doc} version={version} />
    </>
  );
}

export function BoardReplayPanel({ sessionId }: { sessionId: string }) {
  const key = takeScreenKey('board', sessionId);
  return (
    <>
      <ResearchTabs current="replay" />
      {key && <ReplayPanel sessionId={sessionId} screenKey={key} />}
    </>
  );
}
