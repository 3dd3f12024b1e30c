import '@xyflow/react/dist/style.css';
import './canvas.css';
import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  Controls,
  type Edge,
  type EdgeChange,
  type NodeChange,
  ReactFlow,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { sessionCodebook } from '../../shared/doc/sessionCodebook';
import type { RippleView } from '../../shared/doc/viewModel';
import type { Link } from '../../shared/model/ripple';
import { useLanguage } from '../i18n/language';
import { useT } from '../i18n/useT';
import { startEditing } from '../store/actions';
import { useSession, useSessionHandle } from '../store/SessionContext';
import { selectIsClosed, selectLinks, selectMapRipples, selectMeta } from '../store/selectors';
import { CanvasReadOnlyContext } from './CanvasModeContext';
import { codeLooks } from './codeLook';
import { FitView } from './FitView';
import { flowAriaLabels } from './flowAriaLabels';
import { LayoutBackdrop } from './LayoutBackdrop';
import { nodeTypes } from './nodeTypes';
import { orderLabel } from './orderLabel';
import { PeerCursors, PresenceSync } from './Presence';
import { mergeEdges, mergeNodes, type RippleNode, toLinkEdges, toRippleNodes } from './toFlow';
import { useCanvasCommands } from './useCanvasCommands';
import { useMapLayout } from './useMapLayout';

const DELETE_KEYS = ['Delete', 'Backspace'];
/**
 * Set on the canvas while a hand drags the map (not while it zooms): canvas.css then makes
 * the map a layer of its own, which the compositor moves without repainting a thousand
 * cards every frame (bench/boardRender.ts: panning). Only while dragging, because a card
 * dragged inside such a layer repaints all of it, and a zoom inside it is drawn blurred.
 * A class, not state: a re-render of the canvas at every pan would cost more than it saves.
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
 * dragging; it is re-derived from the document on every change.
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

  const derivedEdges = useMemo(() => {
    const textOf = new Map(ripples.map((r) => [r.id, r.text]));
    const describe = (link: Link) =>
      t('canvas.linkLabel', { from: textOf.get(link.from) ?? '', to: textOf.get(link.to) ?? '' });
    return toLinkEdges(links, describe);
  }, [links, ripples, t]);

  derivedNodesRef.current = derivedNodes;
  const [nodes, setNodes] = useState<RippleNode[]>(derivedNodes);
  const [edges, setEdges] = useState<Edge[]>(derivedEdges);
  useEffect(() => setNodes((prev) => mergeNodes(prev, derivedNodes)), [derivedNodes]);
  useEffect(() => setEdges((prev) => mergeEdges(prev, derivedEdges)), [derivedEdges]);

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
  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) =>
      setEdges((current) =>
        applyEdgeChanges(
          changes.filter((c) => c.type !== 'remove'),
          current,
        ),
      ),
    [],
  );
  const ariaLabelConfig = useMemo(() => flowAriaLabels(t), [t]);
  // A move with an event is a person panning or zooming; fitView's own moves have none.
  const steered = useRef(false);
  const canvasRef = useRef<HTMLDivElement>(null);
  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null) => {
    if (event) steered.current = true;
    if (event && event.type !== 'wheel') canvasRef.current?.classList.add(PANNING);
  }, []);
  const onMoveEnd = useCallback(() => canvasRef.current?.classList.remove(PANNING), []);
  // A new layout is a new picture: frame it again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the layout kind changes
  useEffect(() => {
    steered.current = false;
  }, [layout.kind]);

  const { store } = handle;
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
        <ReactFlow<RippleNode, Edge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          {...(editable ? commands.handlers : {})}
          nodesDraggable={editable}
          nodesConnectable={editable}
          elementsSelectable={editable}
          deleteKeyCode={editable ? DELETE_KEYS : null}
          zoomOnDoubleClick={false}
          onMoveStart={onMoveStart}
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
