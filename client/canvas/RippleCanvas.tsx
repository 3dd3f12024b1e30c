import '@xyflow/react/dist/style.css';
import './canvas.css';
import { applyNodeChanges, Background, Controls, type NodeChange, ReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { unlinkRipples } from '../../shared/doc/commands';
import { sessionCodebook } from '../../shared/doc/sessionCodebook';
import type { RippleView } from '../../shared/doc/viewModel';
import { commandErrorKey } from '../i18n/errorText';
import { useLanguage } from '../i18n/language';
import { useT } from '../i18n/useT';
import { setSelection, showNotice, startEditing } from '../store/actions';
import { useSession, useSessionHandle } from '../store/SessionContext';
import {
  selectIsClosed,
  selectLinks,
  selectMapRipples,
  selectMeta,
  selectSelectedLinks,
} from '../store/selectors';
import { isTyping } from '../util/isTyping';
import { CanvasReadOnlyContext } from './CanvasModeContext';
import { codeLooks } from './codeLook';
import { FitView } from './FitView';
import { flowAriaLabels } from './flowAriaLabels';
import { FLOW_ID } from './flowId';
import { LayoutBackdrop } from './LayoutBackdrop';
import { LinkLayer } from './LinkLayer';
import { nodeTypes } from './nodeTypes';
import { orderLabel } from './orderLabel';
import { PeerCursors, PresenceSync } from './Presence';
import { mergeNodes, type RippleNode, toRippleNodes } from './toFlow';
import { useCanvasCommands } from './useCanvasCommands';
import { useMapLayout } from './useMapLayout';

const DELETE_KEYS = ['Delete', 'Backspace'];
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
 * Measured with bench/boardRender.ts before deciding (see the README's performance
 * section); `?onlyVisible` turns it on for a comparison run.
 */
const ONLY_VISIBLE =
  typeof location !== 'undefined' && new URLSearchParams(location.search).has('onlyVisible');

/**
 * The map: accepted ripples as cards, links as arrows, placed by the session's layout
 * (free, timeline or rings: shared/layouts). The board edits it; the presenter
 * (`readOnly`) only shows it. React Flow keeps its own node list for measuring and
 * dragging; it is re-derived from the document on every change. Links are not React
 * Flow edges but one layer of their own (LinkLayer.tsx says why).
 */
export function RippleCanvas({ readOnly }: { readOnly: boolean }) {
  const t = useT();
  const language = useLanguage();
  const handle = useSessionHandle();
  const closed = useSession(selectIsClosed);
  const editable = !readOnly && handle.actor.role === 'facilitator' && !closed;
  const ripples = useSession(useShallow(selectMapRipples));
  const links = useSession(selectLinks);
  const meta = useSession(selectMeta);
  const codebook = useMemo(() => sessionCodebook(meta), [meta]);
  const layout = useMapLayout(ripples, meta, codebook);
  const derivedNodesRef = useRef<RippleNode[]>([]);
  const resync = useCallback(() => setNodes((prev) => mergeNodes(prev, derivedNodesRef.current)), []);
  const commands = useCanvasCommands(handle, layout, resync);

  const derivedNodes = useMemo(() => {
    const describe = (r: RippleView) =>
      t('canvas.rippleLabel', { order: orderLabel(t, r.order), text: r.text });
    return toRippleNodes(
      ripples,
      layout.positions,
      codeLooks(codebook, language),
      describe,
      editable && layout.kind !== 'rings',
    );
  }, [ripples, layout, codebook, language, t, editable]);

  derivedNodesRef.current = derivedNodes;
  const [nodes, setNodes] = useState<RippleNode[]>(derivedNodes);
  useEffect(() => setNodes((prev) => mergeNodes(prev, derivedNodes)), [derivedNodes]);

  const { store, doc, actor } = handle;
  const selectedLinks = useSession(selectSelectedLinks);
  // Choosing a line deselects the cards (one selection at a time, as with React Flow's own).
  const selectLink = useCallback(
    (linkId: string) => {
      setNodes((current) => current.map((node) => (node.selected ? { ...node, selected: false } : node)));
      setSelection(store, [], [linkId]);
    },
    [store],
  );
  const clearLinkSelection = useCallback(() => setSelection(store, [], []), [store]);
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

  const { persistMoves } = commands;
  // Removals come back from the document after the delete command; applying them here too would race it.
  const onNodesChange = useCallback(
    (changes: NodeChange<RippleNode>[]) => {
      persistMoves(changes);
      setNodes((current) =>
        applyNodeChanges(
          changes.filter((c) => c.type !== 'remove'),
          current,
        ),
      );
    },
    [persistMoves],
  );
  const ariaLabelConfig = useMemo(() => flowAriaLabels(t), [t]);
  // A move with an event is a person panning or zooming; fitView's own moves have none.
  const steered = useRef(false);
  const canvasRef = useRef<HTMLDivElement>(null);
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

  const onKeyDown = useCallback(
    (event: React.KeyboardEvent) => {
      if (!editable || event.key !== 'Enter') return;
      const id = (event.target as HTMLElement).closest?.('.react-flow__node')?.getAttribute('data-id');
      if (id) {
        event.preventDefault();
        startEditing(store, id);
      }
    },
    [editable, store],
  );

  return (
    <CanvasReadOnlyContext value={!editable}>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: Enter on a focused card (a React Flow node) opens it */}
      <div ref={canvasRef} className={editable ? 'canvas' : 'canvas canvas--readonly'} onKeyDown={onKeyDown}>
        <ReactFlow<RippleNode>
          id={FLOW_ID}
          nodes={nodes}
          nodeTypes={nodeTypes}
          onNodesChange={onNodesChange}
          {...(editable ? commands.handlers : {})}
          onPaneClick={editable ? clearLinkSelection : undefined}
          nodesDraggable={editable}
          nodesConnectable={editable}
          elementsSelectable={editable}
          deleteKeyCode={editable ? DELETE_KEYS : null}
          zoomOnDoubleClick={false}
          onMove={onMove}
          onMoveEnd={onMoveEnd}
          onlyRenderVisibleElements={ONLY_VISIBLE}
          minZoom={0.05}
          maxZoom={2.5}
          ariaLabelConfig={ariaLabelConfig}
          aria-label={t(editable ? 'canvas.label' : 'canvas.labelReadOnly')}
        >
          <LayoutBackdrop
            layout={layout}
            codebook={codebook}
            language={language}
            programme={meta.programme}
          />
          <LinkLayer
            nodes={nodes}
            links={links}
            selected={selectedLinks}
            onSelect={editable ? selectLink : null}
          />
          {layout.kind === 'free' && <Background gap={24} color="#cbd5e1" />}
          {editable && <Controls showInteractive={false} />}
          <FitView count={nodes.length} layoutKind={layout.kind} steered={steered} projector={readOnly} />
          <PeerCursors />
          <PresenceSync publishCursor={editable} />
        </ReactFlow>
        {ripples.length === 0 && (
          <p className="canvas__empty">{t(editable ? 'canvas.empty' : 'canvas.emptyReadOnly')}</p>
        )}
      </div>
    </CanvasReadOnlyContext>
  );
}
