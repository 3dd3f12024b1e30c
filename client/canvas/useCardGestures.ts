import { useReactFlow, useStoreApi } from '@xyflow/react';
import {
  type Dispatch,
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
  type PointerEvent as ReactPointerEvent,
  type RefObject,
  type SetStateAction,
  useEffect,
  useMemo,
  useRef,
} from 'react';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { NODE_SIZE } from '../../shared/layouts';
import { sourceAnchor } from '../../shared/layouts/linkRoute';
import type { Position } from '../../shared/model/ripple';
import type { Translate } from '../i18n/useT';
import { openCard, setSelection, startEditing } from '../store/actions';
import type { DocStore } from '../store/docStore';
import type { MapCard } from './toCards';
import type { CanvasCommands } from './useCanvasCommands';

/** The line being drawn from a card to the pointer, in map coordinates (CardLayer draws it). */
export type DraftStore = StoreApi<{ line: { sx: number; sy: number; tx: number; ty: number } | null }>;
export const createDraftStore = (): DraftStore => createStore(() => ({ line: null }));

/** The layer's listeners: one set for all cards, so a thousand cards add no handlers. */
export type CardGestures = {
  onPointerDown: (event: ReactPointerEvent) => void;
  onKeyDown: (event: KeyboardEvent) => void;
  onDoubleClick: (event: MouseEvent) => void;
  onClick: (event: MouseEvent) => void;
  onFocus: (event: FocusEvent) => void;
};

/** How far a press may wander (screen pixels) and still be a click, not a drag. */
const DRAG_THRESHOLD = 4;
/** Map units per arrow key press, and with Shift. */
const KEY_STEP = 10;
const KEY_STEP_FAST = 50;
/** Arrow keys move the card at once; the document gets the place after a pause. */
const KEY_SETTLE_MS = 400;
const ARROWS: Record<string, { x: number; y: number }> = {
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
};

/** Screen pixels per frame the map scrolls while a dragged card is held this near an edge. */
const EDGE = 48;
const EDGE_SPEED = 14;
/** How fast to scroll along one axis: faster the closer to the edge, towards the side one is at. */
function edgeSpeed(at: number, low: number, high: number): number {
  if (at < low + EDGE) return Math.round(EDGE_SPEED * Math.min(1, (low + EDGE - at) / EDGE));
  if (at > high - EDGE) return -Math.round(EDGE_SPEED * Math.min(1, (at - (high - EDGE)) / EDGE));
  return 0;
}

const cardOf = (target: EventTarget | null) =>
  target instanceof Element ? target.closest<HTMLElement>('.map-card') : null;

/**
 * What a hand or a keyboard does to the cards. With the mouse (or a finger): press to
 * choose (Shift, Ctrl or ⌘ adds to the choice), drag to move the chosen cards, drag from
 * a card's right handle onto another card to link them, double-click to edit. With the
 * keyboard, on a focused card: Enter edits, Space chooses, the arrows move (Shift: faster),
 * Delete deletes, Escape lets go. The cards' places live in `setCards` while they move and
 * go to the document when they are dropped (`commands.place`).
 */
export function useCardGestures({
  editable,
  store,
  cards,
  setCards,
  commands,
  draft,
  live,
  t,
}: {
  editable: boolean;
  store: DocStore;
  /** The cards as shown now (a ref, so the listeners need not change with them). */
  cards: RefObject<readonly MapCard[]>;
  setCards: Dispatch<SetStateAction<MapCard[]>>;
  commands: CanvasCommands;
  draft: DraftStore;
  live: RefObject<HTMLParagraphElement | null>;
  t: Translate;
}): CardGestures {
  const flow = useStoreApi();
  const { screenToFlowPosition, setCenter } = useReactFlow();
  const settle = useRef<{ timer: ReturnType<typeof setTimeout>; ids: Set<string> } | null>(null);
  /** Cancels the gesture in progress (a new one starts, or the board goes away). */
  const stopGesture = useRef<(() => void) | null>(null);
  useEffect(
    () => () => {
      if (settle.current) clearTimeout(settle.current.timer);
      stopGesture.current?.();
    },
    [],
  );

  return useMemo(() => {
    const find = (id: string) => cards.current.find((card) => card.id === id);
    /** The cards a gesture on `id` moves or deletes: the whole choice if it is part of it. */
    const withChoice = (id: string) => {
      const chosen = store.getState().selection.ripples;
      return chosen.includes(id) ? [...chosen] : [id];
    };
    const moveTo = (places: ReadonlyMap<string, Position>, moving: boolean) =>
      setCards((prev) =>
        prev.map((card) => {
          const position = places.get(card.id);
          return position ? { ...card, position, moving } : card;
        }),
      );

    /** Follows the pointer through the window until the button comes up. */
    const track = (
      pointerId: number,
      onMove: (event: PointerEvent) => void,
      onEnd: (event: PointerEvent | null) => void,
    ) => {
      const move = (event: PointerEvent) => {
        if (event.pointerId === pointerId) onMove(event);
      };
      const up = (event: PointerEvent) => {
        if (event.pointerId !== pointerId) return;
        stop();
        onEnd(event);
      };
      const cancel = (event: PointerEvent) => {
        if (event.pointerId !== pointerId) return;
        stop();
        onEnd(null);
      };
      const stop = () => {
        window.removeEventListener('pointermove', move);
        window.removeEventListener('pointerup', up);
        window.removeEventListener('pointercancel', cancel);
        stopGesture.current = null;
      };
      // A gesture whose end never came (the button let go outside the window) is cancelled,
      // so its cards go back instead of staying where they were, unsaved.
      stopGesture.current?.();
      stopGesture.current = () => {
        stop();
        onEnd(null);
      };
      window.addEventListener('pointermove', move);
      window.addEventListener('pointerup', up);
      window.addEventListener('pointercancel', cancel);
    };

    const drag = (event: ReactPointerEvent, ids: readonly string[]) => {
      const starts = new Map(
        cards.current.filter((card) => ids.includes(card.id)).map((card) => [card.id, card.position]),
      );
      const zoom = flow.getState().transform[2];
      let from = { x: event.clientX, y: event.clientY };
      let pointer = from;
      let dragging = false;
      let frame = 0;
      // Near the pane's edge the map scrolls under the card, as far as one keeps it there.
      const pane = (event.currentTarget as Element).closest('.react-flow')?.getBoundingClientRect();
      let scrolling = 0;
      const scroll = () => {
        scrolling = 0;
        if (!pane) return;
        const dx = edgeSpeed(pointer.x, pane.left, pane.right);
        const dy = edgeSpeed(pointer.y, pane.top, pane.bottom);
        if (dx === 0 && dy === 0) return;
        void flow.getState().panBy({ x: dx, y: dy });
        // The map moved under a still pointer: the card stays under it.
        from = { x: from.x + dx, y: from.y + dy };
        moveTo(places(), true);
        scrolling = requestAnimationFrame(scroll);
      };
      const places = () => {
        const dx = (pointer.x - from.x) / zoom;
        const dy = (pointer.y - from.y) / zoom;
        return new Map([...starts].map(([id, p]) => [id, { x: p.x + dx, y: p.y + dy }] as const));
      };
      track(
        event.pointerId,
        (move) => {
          pointer = { x: move.clientX, y: move.clientY };
          if (!dragging && Math.hypot(pointer.x - from.x, pointer.y - from.y) < DRAG_THRESHOLD) return;
          dragging = true;
          if (scrolling === 0) scrolling = requestAnimationFrame(scroll);
          // One re-render per frame, however often the pointer reports.
          if (frame === 0)
            frame = requestAnimationFrame(() => {
              frame = 0;
              moveTo(places(), true);
            });
        },
        (end) => {
          cancelAnimationFrame(frame);
          cancelAnimationFrame(scrolling);
          if (!dragging) return;
          if (!end) {
            moveTo(starts, false); // cancelled: back where they were
            return;
          }
          pointer = { x: end.clientX, y: end.clientY };
          const dropped = places();
          moveTo(dropped, false);
          commands.place(dropped);
        },
      );
    };

    const connect = (event: ReactPointerEvent, from: string) => {
      const card = find(from);
      if (!card) return;
      event.preventDefault();
      const { x: sx, y: sy } = sourceAnchor(card);
      let over: HTMLElement | null = null;
      const target = (x: number, y: number) => {
        const hit = cardOf(document.elementFromPoint(x, y));
        return hit && hit.dataset.id !== from ? hit : null;
      };
      track(
        event.pointerId,
        (move) => {
          const p = screenToFlowPosition({ x: move.clientX, y: move.clientY });
          draft.setState({ line: { sx, sy, tx: p.x, ty: p.y } });
          const hit = target(move.clientX, move.clientY);
          if (hit === over) return;
          over?.classList.remove('map-card--link-target');
          hit?.classList.add('map-card--link-target');
          over = hit;
        },
        (end) => {
          over?.classList.remove('map-card--link-target');
          draft.setState({ line: null });
          const to = end ? target(end.clientX, end.clientY)?.dataset.id : undefined;
          if (to) commands.link(from, to);
        },
      );
    };

    const onPointerDown = (event: ReactPointerEvent) => {
      // A second finger starts nothing: only the primary pointer moves and links cards.
      if (!editable || event.button !== 0 || !event.isPrimary) return;
      const element = cardOf(event.target);
      const id = element?.dataset.id;
      if (!element || !id) return;
      const target = event.target as Element;
      if (target.closest('.map-card__handle--source')) {
        connect(event, id);
        return;
      }
      if (target.closest('button')) return;
      const chosen = store.getState().selection.ripples;
      const adding = event.shiftKey || event.ctrlKey || event.metaKey;
      if (adding) {
        setSelection(store, chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id], []);
        return;
      }
      if (!chosen.includes(id)) setSelection(store, [id], []);
      if (find(id)?.draggable) drag(event, withChoice(id));
    };

    const nudge = (id: string, step: { x: number; y: number }) => {
      const ids = withChoice(id).filter((c) => find(c)?.draggable);
      if (ids.length === 0) return;
      const places = new Map<string, Position>();
      for (const c of ids) {
        const p = find(c)?.position;
        if (p) places.set(c, { x: p.x + step.x, y: p.y + step.y });
      }
      moveTo(places, true);
      // The keys repeat; the document (and the undo history) gets one move per pause.
      const pending = settle.current?.ids ?? new Set<string>();
      for (const c of ids) pending.add(c);
      if (settle.current) clearTimeout(settle.current.timer);
      settle.current = {
        ids: pending,
        timer: setTimeout(() => {
          settle.current = null;
          const dropped = new Map<string, Position>();
          for (const c of pending) {
            const p = find(c)?.position;
            if (p) dropped.set(c, p);
          }
          moveTo(dropped, false);
          commands.place(dropped);
          const first = dropped.get(id);
          if (first && live.current)
            live.current.textContent = t('canvas.a11y.moved', {
              x: Math.round(first.x),
              y: Math.round(first.y),
            });
        }, KEY_SETTLE_MS),
      };
    };

    const onKeyDown = (event: KeyboardEvent) => {
      // Keys on a card's own buttons are the buttons'.
      const element =
        event.target instanceof HTMLElement && event.target.classList.contains('map-card')
          ? event.target
          : null;
      const id = element?.dataset.id;
      if (!id) return;
      const arrow = ARROWS[event.key];
      if (event.key === 'Escape') {
        setSelection(store, [], []);
      } else if (!editable) {
        // On a projector Enter opens the card large (CardSpotlight.tsx).
        if (event.key === 'Enter') {
          event.preventDefault();
          openCard(store, id);
        }
      } else if (event.key === 'Enter') {
        event.preventDefault();
        setSelection(store, [id], []);
        startEditing(store, id);
      } else if (event.key === ' ') {
        event.preventDefault();
        const chosen = store.getState().selection.ripples;
        setSelection(store, chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id], []);
      } else if (event.key === 'Delete' || event.key === 'Backspace') {
        // A chosen line goes first (RippleCanvas unlinks it), not the card that kept the focus.
        if (store.getState().selection.links.length > 0) return;
        event.preventDefault();
        const ids = withChoice(id);
        // The focus goes on to the next card that stays (or the one before), not to the page.
        let next: Element | null = element.nextElementSibling;
        while (next && ids.includes((next as HTMLElement).dataset.id ?? '')) next = next.nextElementSibling;
        if (!next) {
          next = element.previousElementSibling;
          while (next && ids.includes((next as HTMLElement).dataset.id ?? ''))
            next = next.previousElementSibling;
        }
        const nextId = (next as HTMLElement | null)?.dataset.id;
        if (nextId) {
          (next as HTMLElement).focus();
          setSelection(store, [], []);
        }
        commands.remove(ids);
      } else if (arrow) {
        event.preventDefault();
        const step = event.shiftKey ? KEY_STEP_FAST : KEY_STEP;
        nudge(id, { x: arrow.x * step, y: arrow.y * step });
      }
    };

    const onDoubleClick = (event: MouseEvent) => {
      const id = cardOf(event.target)?.dataset.id;
      if (editable && id && !(event.target as Element).closest('button')) startEditing(store, id);
    };

    const onClick = (event: MouseEvent) => {
      const action = (event.target as Element).closest<HTMLElement>('[data-action]')?.dataset.action;
      const id = cardOf(event.target)?.dataset.id;
      // On a projector a click opens the card large; on the board, its "show large" button.
      if (!editable && id) openCard(store, id);
      if (!editable || !id || !action) return;
      if (action === 'open') openCard(store, id);
      if (action === 'edit') startEditing(store, id);
      if (action === 'delete') commands.remove([id]);
    };

    // A card reached with Tab comes into view (a click's card is in view already).
    const onFocus = (event: FocusEvent) => {
      const element =
        event.target instanceof HTMLElement && event.target.classList.contains('map-card')
          ? event.target
          : null;
      const card = element?.dataset.id ? find(element.dataset.id) : undefined;
      const pane = element?.closest('.react-flow')?.getBoundingClientRect();
      if (!element || !card || !pane || !element.matches(':focus-visible')) return;
      const box = element.getBoundingClientRect();
      const inView =
        box.left >= pane.left && box.right <= pane.right && box.top >= pane.top && box.bottom <= pane.bottom;
      if (inView) return;
      void setCenter(card.position.x + NODE_SIZE.width / 2, card.position.y + card.height / 2, {
        zoom: flow.getState().transform[2],
        duration: 200,
      });
    };

    return { onPointerDown, onKeyDown, onDoubleClick, onClick, onFocus };
  }, [editable, store, cards, setCards, commands, draft, live, t, flow, screenToFlowPosition, setCenter]);
}
