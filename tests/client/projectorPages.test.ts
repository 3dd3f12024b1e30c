import { describe, expect, it } from 'vitest';
import { PAGE_PADDING, PROJECTOR_MIN_ZOOM } from '../../client/canvas/FitView';
import { PART_KEY_BAND, projectorPages } from '../../client/canvas/ProjectorPages';
import type { MapCard } from '../../client/canvas/toCards';
import { DEFAULT_META } from '../../shared/doc/read';
import { NODE_SIZE, ringsLayout, TRAY_HEAD, timelineLayout } from '../../shared/layouts';
import { CODES, ripple } from '../shared/layouts/builders';

/** Cards where the layout puts them, as tall as the standard (only their boxes count here). */
const cardsAt = (positions: ReadonlyMap<string, { x: number; y: number }>) =>
  [...positions].map(([id, position]) => ({ id, position, height: NODE_SIZE.height }) as MapCard);

/** The map units a pane of this many pixels holds at the projector's zoom, less the fit's padding. */
const units = (px: number) => px / PROJECTOR_MIN_ZOOM / (1 + 2 * PAGE_PADDING);

const META = { ...DEFAULT_META, spanStart: '2024-01', spanEnd: '2025-12', createdAt: Date.UTC(2026, 0, 1) };

describe('the projector’s parts', () => {
  it('cuts the rings for the height below the part key, and holds every card once', () => {
    const ripples = Array.from({ length: 40 }, (_, i) =>
      ripple(`r${i}`, { order: 1 + (i % 4), code: CODES[i % 3] ?? null }),
    );
    const rings = ringsLayout(ripples, CODES.slice(0, 3));
    const cards = cardsAt(rings.positions);
    const size = { width: 1504, height: 1080 };
    const pages = projectorPages(cards, { kind: 'rings', positions: rings.positions, rings }, size) ?? [];
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      expect(page.bounds.width).toBeLessThanOrEqual(units(size.width));
      expect(page.bounds.height).toBeLessThanOrEqual(units(size.height - PART_KEY_BAND));
    }
    expect(pages.flatMap((page) => page.ids).sort()).toEqual(cards.map((card) => card.id).sort());
  });

  it('keeps the whole rings on one page, with no band for a key, when they fit the pane', () => {
    const rings = ringsLayout([ripple('a'), ripple('b', { order: 2 })], CODES.slice(0, 3));
    const cards = cardsAt(rings.positions);
    const pages = projectorPages(
      cards,
      { kind: 'rings', positions: rings.positions, rings },
      {
        width: 4000,
        height: 4000,
      },
    );
    expect(pages).toHaveLength(1);
  });

  it('shows the timeline’s tray of undated ripples as a part of its own, with its name at its top', () => {
    const ripples = [
      ...Array.from({ length: 4 }, (_, i) => ripple(`undated${i}`)),
      ...Array.from({ length: 30 }, (_, i) =>
        ripple(`dated${i}`, {
          when: { kind: 'month', value: `2024-${String((i % 12) + 1).padStart(2, '0')}` },
        }),
      ),
    ];
    const timeline = timelineLayout(ripples, META, { lanes: 'order', codeIds: CODES });
    const cards = cardsAt(timeline.positions);
    const pages =
      projectorPages(
        cards,
        { kind: 'timeline', positions: timeline.positions, timeline },
        {
          width: 864,
          height: 800,
        },
      ) ?? [];
    const first = pages[0];
    expect(first?.group).toBe('tray');
    expect(first?.ids.every((id) => id.startsWith('undated'))).toBe(true);
    // The tray's head (its name) is framed with its first cards.
    expect(first?.bounds.y).toBe(timeline.tray.y);
    expect(first?.bounds.x).toBe(timeline.tray.x);
    expect(first?.bounds.width).toBeGreaterThanOrEqual(timeline.tray.width);
    expect((first?.bounds.y ?? 0) + TRAY_HEAD).toBeLessThanOrEqual(
      Math.min(...(first?.ids ?? []).map((id) => timeline.positions.get(id)?.y ?? Number.NaN)),
    );
    // No dated card shares a part with the tray.
    for (const page of pages.slice(1)) expect(page.ids.some((id) => id.startsWith('undated'))).toBe(false);
  });
});
