import '@xyflow/react/dist/style.css';
import '@fontsource/atkinson-hyperlegible/400.css';
import '@fontsource/atkinson-hyperlegible/700.css';
import './canvas.css';
import { Controls, ReactFlow, useStoreApi, type Viewport } from '@xyflow/react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { unlinkRipples } from '../../shared/doc/commands';
import { can } from '../../shared/doc/permissions';
import { sessionCodebook } from '../../shared/doc/sessionCodebook';
import type { RippleView } from '../../shared/doc/viewModel';
import { commandErrorKey } from '../i18n/errorText';
import { useLanguage } from '../i18n/language';
import { useT } from '../i18n/useT';
import { setMapBounds, setSelection, showNotice } from '../store/actions';
import { useSession, useSessionHandle } from '../store/SessionContext';
import {
  selectLinks,
  selectMapPages,
  selectMapRipples,
  selectMeta,
  selectSelectedLinks,
} from '../store/selectors';
import { isTyping } from '../util/isTyping';
import { CardLayer } from './CardLayer';
import { CutNames } from './CutNames';
import { cardHeights } from './cardContent';
import { codeLooks, extraCodeLooks } from './codeLook';
import { FitView, fittedViewport, overlayInsets } from './FitView';
import { flowAriaLabels } from './flowAriaLabels';
import { LayoutBackdrop } from './LayoutBackdrop';
import { LinkLayer } from './LinkLayer';
import { MapGrid } from './MapGrid';
import { orderLabel } from './orderLabel';
import { PartKey } from './PartKey';
import { PeerCursors, PresenceSync } from './Presence';
import { ProjectorPages } from './ProjectorPages';
import { layoutBounds, type MapCard, mergeCards, placeCards, toMapCards } from './toCards';
import { useCanvasCommands } from './useCanvasCommands';
import { createDraftStore, useCardGestures } from './useCardGestures';
import { useMapLayout } from './useMapLayout';

const DELETE_KEYS = ['Delete', 'Backspace'];
const NO_POSITIONS = new Map<string, never>();
/** How far out the map zooms: a whole map of 1,000 ripples fits on a screen. */
const MIN_ZOOM = 0.05;
/**
 * Set on the canvas while a hand drags the map (not while it zooms): canvas.css then makes
 * the map a layer of its own, which the compositor moves without repainting a thousand
 * cards every frame (bench/boardRender.ts: panning). Only while dragging, because a card
 * dragged inside such a layer repaints all of it, and a zoom inside it is drawn blurred.
 * A class, not state: a re-render of the canvas at every pan would cost more than it saves.
 * Set on the first actual move, not at the press: React Flow reports the end of a gesture
 * only when the view changed, and a class left behind by a mere click would cover the map.
 */
const PANNING = 'canvas--panning';

/**
 * The map: accepted ripples as cards, links as arrows, placed by the session's layout
 * (free, timeline or rings: shared/layouts). The board edits it; the presenter
 * (`readOnly`) only shows it. React Flow gives the pane, panning, zooming and the zoom
 * buttons; the cards (CardLayer.tsx) and the links (LinkLayer.tsx) are layers of our own
 * inside its viewport. The cards are re-derived from the document on every change; while
 * a card moves, its place is this screen's until it is dropped.
 */
export function RippleCanvas({ readOnly }: { readOnly: boolean }) {
  const t = useT();
  const language = useLanguage();
  const handle = useSessionHandle();
  const meta = useSession(selectMeta);
  const editable = !readOnly && can(handle.actor, { kind: 'arrange' }, meta).ok;
  const ripples = useSession(useShallow(selectMapRipples));
  const links = useSession(selectLinks);
  const codebook = useMemo(() => sessionCodebook(meta), [meta]);
  const { customCodebooks, secondCodebook } = meta;
  const extraLooks = useMemo(
    () => extraCodeLooks({ customCodebooks, secondCodebook }, language),
    [customCodebooks, secondCodebook, language],
  );
  // Cards first (what each shows, and so how tall it is), then where the layout puts them.
  const unplaced = useMemo(() => {
    const describe = (r: RippleView) =>
      t('canvas.rippleLabel', { order: orderLabel(t, r.order), text: r.text });
    return toMapCards(
      ripples,
      NO_POSITIONS,
      codeLooks(codebook, language),
      describe,
      editable && meta.layout !== 'rings',
      meta.votesRevealed,
      extraLooks,
    );
  }, [ripples, codebook, language, t, editable, meta.layout, meta.votesRevealed, extraLooks]);
  const heights = useMemo(() => cardHeights(unplaced, t), [unplaced, t]);
  const layout = useMapLayout(ripples, meta, codebook, heights);
  const derivedRef = useRef<MapCard[]>([]);
  const resync = useCallback(() => setCards((prev) => mergeCards(prev, derivedRef.current)), []);
  const commands = useCanvasCommands(handle, layout, resync);

  const derived = useMemo(
    () => placeCards(unplaced, layout.positions, heights),
    [unplaced, layout.positions, heights],
  );

  derivedRef.current = derived;
  const [cards, setCards] = useState<MapCard[]>(derived);
  useEffect(() => setCards((prev) => mergeCards(prev, derived)), [derived]);
  const cardsRef = useRef<readonly MapCard[]>(cards);
  cardsRef.current = cards;

  const { store, doc, actor } = handle;
  // What "fit to content" frames: where the layout puts the cards. Before any passive
  // effect, so FitView (a child, whose effects run first) sees the new rectangle.
  useLayoutEffect(() => setMapBounds(store, layoutBounds(derived, layout)), [store, derived, layout]);

  // The map starts fitted: the pane is measured before React Flow is mounted, and the
  // fitted viewport is in React Flow's store before the first card is drawn. Started at
  // zoom 1 and fitted once React Flow had measured itself, a big map was drawn three times
  // in its first second, once in full (a slower first render on a big map).
  const canvasRef = useRef<HTMLDivElement>(null);
  const flow = useStoreApi();
  /** null until measured; undefined when there was nothing to fit. */
  const [start, setStart] = useState<Viewport | undefined | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, before React Flow mounts
  useLayoutEffect(() => {
    const box = canvasRef.current?.getBoundingClientRect();
    const bounds = layoutBounds(derivedRef.current, layout);
    const viewport =
      box && bounds && canvasRef.current
        ? fittedViewport(
            bounds,
            box,
            MIN_ZOOM,
            readOnly,
            overlayInsets(canvasRef.current),
            layout.kind !== 'rings',
          )
        : undefined;
    if (viewport) flow.setState({ transform: [viewport.x, viewport.y, viewport.zoom] });
    setStart(viewport);
  }, []);
  const draft = useMemo(createDraftStore, []);
  const live = useRef<HTMLParagraphElement>(null);
  const gestures = useCardGestures({
    editable,
    store,
    cards: cardsRef,
    setCards,
    commands,
    draft,
    live,
    t,
  });

  // A projector showing the map in parts: the rings name each part in its key (PartKey.tsx),
  // the names a part would cut are left out of it (CutNames.tsx).
  const parts = useSession(selectMapPages)?.length ?? 0;
  const paged = readOnly && parts > 1;
  const selectedLinks = useSession(selectSelectedLinks);
  // Choosing a line lets go of the cards (one kind of choice at a time).
  const selectLink = useCallback((linkId: string) => setSelection(store, [], [linkId]), [store]);
  const clearSelection = useCallback(() => setSelection(store, [], []), [store]);
  // Delete or Backspace unlinks the chosen line, wherever the focus is (a line takes none).
  useEffect(() => {
    if (!editable || selectedLinks.length === 0) return;
    const onKey = (event: KeyboardEvent) => {
      if (!DELETE_KEYS.includes(event.key) || isTyping(event.target)) return;
      const byId = new Map(store.getState().view.links.map((link) => [link.id, link]));
      for (const id of selectedLinks) {
        const link = byId.get(id);
        if (!link) continue;
        const result = unlinkRipples(doc, actor, link.from, link.to);
        if (!result.ok) showNotice(store, commandErrorKey(result.error), 'error');
      }
      setSelection(store, [], []);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [editable, selectedLinks, store, doc, actor]);

  const ariaLabelConfig = useMemo(() => flowAriaLabels(t), [t]);
  // A move with an event is a person panning or zooming; fitting moves without one.
  const steered = useRef(false);
  const onMove = useCallback((event: MouseEvent | TouchEvent | null) => {
    if (!event) return;
    steered.current = true;
    if (event.type !== 'wheel') canvasRef.current?.classList.add(PANNING);
  }, []);
  const onMoveEnd = useCallback(() => canvasRef.current?.classList.remove(PANNING), []);
  // However a gesture ends, the cover goes with the button (the end event is not guaranteed).
  useEffect(() => {
    const release = () => canvasRef.current?.classList.remove(PANNING);
    window.addEventListener('pointerup', release, true);
    window.addEventListener('pointercancel', release, true);
    return () => {
      window.removeEventListener('pointerup', release, true);
      window.removeEventListener('pointercancel', release, true);
    };
  }, []);
  // A new layout is a new picture: frame it again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the layout kind changes
  useEffect(() => {
    steered.current = false;
  }, [layout.kind]);

  return (
    <div ref={canvasRef} className={editable ? 'canvas' : 'canvas canvas--readonly'}>
      {start !== null && (
        <ReactFlow
          defaultViewport={start}
          onPaneClick={editable ? clearSelection : undefined}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          selectionKeyCode={null}
          multiSelectionKeyCode={null}
          deleteKeyCode={null}
          zoomOnDoubleClick={false}
          onMove={onMove}
          onMoveEnd={onMoveEnd}
          minZoom={MIN_ZOOM}
          maxZoom={2.5}
          ariaLabelConfig={ariaLabelConfig}
          aria-label={t(editable ? 'canvas.label' : 'canvas.labelReadOnly')}
        >
          <LayoutBackdrop
            layout={layout}
            codebook={codebook}
            language={language}
            programme={meta.programme}
            paged={paged}
          />
          <LinkLayer
            cards={cards}
            links={links}
            selected={selectedLinks}
            onSelect={editable ? selectLink : null}
          />
          <CardLayer cards={cards} editable={editable} gestures={gestures} draft={draft} live={live} />
          {layout.kind === 'free' && <MapGrid />}
          {editable && <Controls showInteractive={false} showFitView={false} />}
          {readOnly && <ProjectorPages cards={derived} layout={layout} />}
          {readOnly && <PartKey layout={layout} codebook={codebook} language={language} />}
          {readOnly && <CutNames active={paged} layout={layout} />}
          <FitView
            count={cards.length}
            layoutKind={layout.kind}
            steered={steered}
            projector={readOnly}
            startFitted={start !== undefined}
          />
          <PeerCursors />
          <PresenceSync publishCursor={editable} />
        </ReactFlow>
      )}
      {ripples.length === 0 && (
        <p className="canvas__empty">{t(editable ? 'canvas.empty' : 'canvas.emptyReadOnly')}</p>
      )}
    </div>
  );
}
