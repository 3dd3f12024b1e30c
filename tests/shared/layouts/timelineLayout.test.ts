import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_META } from '../../../shared/doc/read';
import {
  dateAtX,
  MONTH_WIDTH,
  monthAtX,
  NODE_SIZE,
  TRAY_HEAD,
  timelineLayout,
} from '../../../shared/layouts';
import { arbitraryRipples, CODES, firstOverlap, ripple } from './builders';

const META = { ...DEFAULT_META, spanStart: '2024-01', spanEnd: '2024-12', createdAt: Date.UTC(2025, 0, 1) };
const centreX = (p: { x: number } | undefined) => (p ? p.x + NODE_SIZE.width / 2 : Number.NaN);

describe('timelineLayout', () => {
  it('places a ripple at the x of its date, months left to right', () => {
    const { positions, axis } = timelineLayout(
      [
        ripple('march', { when: { kind: 'month', value: '2024-03' } }),
        ripple('june-1', { when: { kind: 'date', value: '2024-06-01' } }),
        ripple('june-30', { when: { kind: 'date', value: '2024-06-30' } }),
      ],
      META,
      { lanes: 'order', codeIds: CODES },
    );
    expect(centreX(positions.get('march'))).toBeCloseTo(2.5 * MONTH_WIDTH);
    expect(centreX(positions.get('june-1'))).toBeGreaterThan(5 * MONTH_WIDTH);
    expect(centreX(positions.get('june-30'))).toBeLessThan(6 * MONTH_WIDTH);
    expect(centreX(positions.get('june-1'))).toBeLessThan(centreX(positions.get('june-30')));
    expect(axis.ticks[0]?.month).toBe('2024-01');
    expect(axis.ticks.at(-1)?.month).toBe('2025-01');
    expect(monthAtX(axis, centreX(positions.get('march')))).toBe('2024-03');
    expect(monthAtX(axis, -10)).toBeNull();
  });

  it('puts undated ripples in the tray left of the axis, and widens the span to every date', () => {
    const { positions, tray, axis } = timelineLayout(
      [ripple('undated'), ripple('late', { when: { kind: 'month', value: '2025-05' } })],
      META,
      { lanes: 'order', codeIds: CODES },
    );
    expect(tray.ids).toEqual(['undated']);
    expect((positions.get('undated')?.x ?? 0) + NODE_SIZE.width).toBeLessThan(axis.x0);
    // Its name has the band above its cards (a projector's part frames the two together).
    expect(positions.get('undated')?.y).toBe(tray.y + TRAY_HEAD);
    expect(axis.ticks.at(-1)?.month).toBe('2025-06');
  });

  it('places a ripple dated by a phase in the middle of that phase band', () => {
    const meta = { ...META, phases: [{ id: 'start', label: 'Start', start: '2024-02', end: '2024-03' }] };
    const { positions, axis } = timelineLayout(
      [ripple('a', { when: { kind: 'phase', value: 'start' } })],
      meta,
      {
        lanes: 'order',
        codeIds: CODES,
      },
    );
    expect(axis.phaseBands).toEqual([{ id: 'start', label: 'Start', x0: MONTH_WIDTH, x1: 3 * MONTH_WIDTH }]);
    expect(centreX(positions.get('a'))).toBeCloseTo(2 * MONTH_WIDTH);
  });

  it('puts ripples in swimlanes by order, code or intendedness, activities on the axis', () => {
    const when = { kind: 'month', value: '2024-05' } as const;
    const ripples = [
      ripple('act', { when, kind: 'activity' }),
      ripple('o1', { when, order: 1, code: 'vision', intended: 'unintended' }),
      ripple('o2', { when, order: 2, code: 'needs', intended: 'intended' }),
      ripple('o5', { when, order: 5 }),
    ];
    const byOrder = timelineLayout(ripples, META, { lanes: 'order', codeIds: CODES });
    expect(byOrder.lanes.map((l) => l.key)).toEqual(['activities', '1', '2', '3']);
    const laneOf = (result: typeof byOrder, id: string) => {
      const y = result.positions.get(id)?.y ?? Number.NaN;
      return result.lanes.find((l) => y >= l.y0 && y < l.y1)?.key;
    };
    expect(['act', 'o1', 'o2', 'o5'].map((id) => laneOf(byOrder, id))).toEqual(['activities', '1', '2', '3']);
    const byCode = timelineLayout(ripples, META, { lanes: 'code', codeIds: CODES });
    expect(['o1', 'o2', 'o5'].map((id) => laneOf(byCode, id))).toEqual(['vision', 'needs', 'none']);
    const byIntent = timelineLayout(ripples, META, { lanes: 'intended', codeIds: CODES });
    expect(['o1', 'o2', 'o5'].map((id) => laneOf(byIntent, id))).toEqual([
      'unintended',
      'intended',
      'unknown',
    ]);
  });

  it('never lets two cards overlap (property)', () => {
    fc.assert(
      fc.property(
        arbitraryRipples,
        fc.constantFrom('order', 'code', 'intended' as const),
        (ripples, lanes) => {
          const { positions } = timelineLayout(ripples, META, { lanes, codeIds: CODES });
          expect(positions.size).toBe(ripples.length);
          expect(firstOverlap(positions)).toBeNull();
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('dateAtX', () => {
  const { axis } = timelineLayout([], META, { lanes: 'order', codeIds: CODES });

  it('gives back the date of a card dropped where that date sits (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 31 }), (month, day) => {
        const days = new Date(Date.UTC(2024, month + 1, 0)).getUTCDate();
        fc.pre(day <= days);
        const value = `2024-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        const { positions, axis } = timelineLayout([ripple('r', { when: { kind: 'date', value } })], META, {
          lanes: 'order',
          codeIds: CODES,
        });
        expect(dateAtX(axis, centreX(positions.get('r')))).toBe(value);
      }),
    );
  });

  it('reads the day from the drop point: a month’s start, middle and end; the tray left of the axis', () => {
    expect(dateAtX(axis, axis.x0 + 1)).toBe('2024-01-01');
    expect(dateAtX(axis, axis.x0 + 1.5 * MONTH_WIDTH)).toBe('2024-02-16');
    // February 2024 has 29 days: the end of its width is its last day, not the 31st.
    expect(dateAtX(axis, axis.x0 + 2 * MONTH_WIDTH - 1)).toBe('2024-02-29');
    expect(dateAtX(axis, axis.x0 - 10)).toBeNull();
    // Far right: the axis's last month, its last day.
    expect(dateAtX(axis, axis.x1 + 5000)).toBe('2024-12-31');
  });
});
