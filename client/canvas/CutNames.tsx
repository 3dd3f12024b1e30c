import { useStore } from '@xyflow/react';
import { useLayoutEffect } from 'react';
import type { MapLayout } from './useMapLayout';

/** The names drawn in the backdrop (LayoutBackdrop.tsx): the timeline's, and the programme's at the rings' centre. */
const NAMES = [
  '.backdrop .lane__label',
  '.backdrop .tick__label',
  '.backdrop .phase-band__label',
  '.backdrop .tray__label',
  '.backdrop .centre__label',
].join(', ');
const CUT = 'backdrop__name--cut';

const selectTransform = (s: { transform: [number, number, number] }) => s.transform;
const selectPane = (s: { domNode: HTMLDivElement | null }) => s.domNode;

/**
 * On a projector showing the map in parts (`active`): a lane's, month's, phase's or the
 * tray's name, or the programme's at the rings' centre, that the part's view would cut at
 * the map's edge is left out of that part, rather than shown as a stub ("1e o") beside the
 * rail; it shows whole in the parts that hold it. (The rings' sector and ring names are
 * the part key's: PartKey.tsx.) The names are text of any length, so whether one is cut is
 * read from the drawn page each time the view moves.
 */
export function CutNames({ active, layout }: { active: boolean; layout: MapLayout }) {
  const transform = useStore(selectTransform);
  const pane = useStore(selectPane);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the names move with the view and the layout
  useLayoutEffect(() => {
    if (!pane) return;
    const box = pane.getBoundingClientRect();
    for (const name of pane.querySelectorAll(NAMES)) {
      name.classList.remove(CUT);
      if (!active) continue;
      const r = name.getBoundingClientRect();
      const inView = r.right > box.left && r.left < box.right && r.bottom > box.top && r.top < box.bottom;
      const whole = r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom;
      if (inView && !whole) name.classList.add(CUT);
    }
  }, [active, pane, transform, layout]);
  return null;
}
