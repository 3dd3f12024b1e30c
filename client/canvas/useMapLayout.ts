import { useMemo } from 'react';
import type { Codebook } from '../../shared/codebooks';
import type { RippleView } from '../../shared/doc/viewModel';
import {
  type CardHeights,
  freeLayout,
  type Positions,
  type RingsResult,
  ringsLayout,
  type TimelineResult,
  timelineLayout,
} from '../../shared/layouts';
import type { SessionMeta } from '../../shared/model/ripple';
import { useLanguage } from '../i18n/language';
import { translate } from '../i18n/useT';

export type MapLayout =
  | { kind: 'free'; positions: Positions }
  | { kind: 'timeline'; positions: Positions; timeline: TimelineResult }
  | { kind: 'rings'; positions: Positions; rings: RingsResult };

type LayoutMeta = Pick<
  SessionMeta,
  'layout' | 'timelineLanes' | 'spanStart' | 'spanEnd' | 'phases' | 'createdAt' | 'programme'
>;

/**
 * Where every card goes in the session's current layout (pure functions in shared/layouts),
 * each card as tall as `heights` says (cardContent.ts); without heights, every card is the
 * standard size.
 */
export function useMapLayout(
  ripples: readonly RippleView[],
  meta: LayoutMeta,
  codebook: Codebook,
  heights?: CardHeights,
): MapLayout {
  const { layout, timelineLanes, spanStart, spanEnd, phases, createdAt } = meta;
  const language = useLanguage();
  return useMemo(() => {
    const codeIds = codebook.codes.map((c) => c.id);
    switch (layout) {
      case 'timeline': {
        const timeline = timelineLayout(
          ripples,
          { spanStart, spanEnd, phases, createdAt },
          { lanes: timelineLanes, codeIds, heights },
        );
        return { kind: 'timeline', positions: timeline.positions, timeline };
      }
      case 'rings': {
        // The sector names, so the layout can keep them apart (LayoutBackdrop draws them).
        const labels = new Map(codebook.codes.map((c) => [c.id, c.label[language]]));
        labels.set('none', translate(language, 'lane.noCode'));
        const rings = ringsLayout(ripples, codeIds, { labels, heights });
        return { kind: 'rings', positions: rings.positions, rings };
      }
      case 'free':
        return { kind: 'free', positions: freeLayout(ripples, heights) };
    }
  }, [ripples, layout, timelineLanes, spanStart, spanEnd, phases, createdAt, codebook, language, heights]);
}
