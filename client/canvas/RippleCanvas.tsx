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
import { getBuiltinCodebook } from '../../shared/codebooks';
import type { RippleView } from '../../shared/doc/viewModel';
import type { Link } from '../../shared/model/ripple';
import { useLanguage } from '../i18n/language';
import { useT } from '../i18n/useT';
import { useSession, useSessionHandle } from '../store/SessionContext';
import { selectLinks, selectMapRipples } from '../store/selectors';
import type { SessionState } from '../store/sessionStore';
import { CanvasReadOnlyContext } from './CanvasModeContext';
import { FitView } from './FitView';
import { flowAriaLabels } from './flowAriaLabels';
import { nodeTypes } from './nodeTypes';
import { orderLabel } from './orderLabel';
import { placeRipples } from './placeRipples';
import { mergeEdges, mergeNodes, type RippleNode, toLinkEdges, toRippleNodes } from './toFlow';
import { useCanvasCommands } from './useCanvasCommands';

const selectCodebookId = (s: SessionState) => s.view.meta.codebook;
const DELETE_KEYS = ['Delete', 'Backspace'];

/**
 * The map: accepted ripples as cards, links as arrows. The board edits it; the
 * presenter (`readOnly`) only shows it. React Flow keeps its own node list for
 * measuring and dragging; it is re-derived from the document on every change.
 */
export function RippleCanvas({ readOnly }: { readOnly: boolean }) {
  const t = useT();
  const language = useLanguage();
  const handle = useSessionHandle();
  const editable = !readOnly && handle.actor.role === 'facilitator';
  const ripples = useSession(useShallow(selectMapRipples));
  const links = useSession(selectLinks);
  const codebookId = useSession(selectCodebookId);
  const commands = useCanvasCommands(handle);

  const derivedNodes = useMemo(() => {
    const codebook = getBuiltinCodebook(codebookId);
    const codeLook = (id: string) => {
      const code = codebook?.codes.find((c) => c.id === id);
      return code ? { label: code.label[language], color: code.color } : { label: id, color: '#6b7280' };
    };
    const describe = (r: RippleView) =>
      t('canvas.rippleLabel', { order: orderLabel(t, r.order), text: r.text });
    return toRippleNodes(ripples, placeRipples(ripples), codeLook, describe);
  }, [ripples, codebookId, language, t]);

  const derivedEdges = useMemo(() => {
    const textOf = new Map(ripples.map((r) => [r.id, r.text]));
    const describe = (link: Link) =>
      t('canvas.linkLabel', { from: textOf.get(link.from) ?? '', to: textOf.get(link.to) ?? '' });
    return toLinkEdges(links, describe);
  }, [links, ripples, t]);

  const [nodes, setNodes] = useState<RippleNode[]>(derivedNodes);
  const [edges, setEdges] = useState<Edge[]>(derivedEdges);
  useEffect(() => setNodes((prev) => mergeNodes(prev, derivedNodes)), [derivedNodes]);
  useEffect(() => setEdges((prev) => mergeEdges(prev, derivedEdges)), [derivedEdges]);

  // Removals come back from the document after the delete command; applying them here too would race it.
  const onNodesChange = useCallback(
    (changes: NodeChange<RippleNode>[]) =>
      setNodes((current) =>
        applyNodeChanges(
          changes.filter((c) => c.type !== 'remove'),
          current,
        ),
      ),
    [],
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
  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null) => {
    if (event) steered.current = true;
  }, []);

  return (
    <CanvasReadOnlyContext value={!editable}>
      <div className={editable ? 'canvas' : 'canvas canvas--readonly'}>
        <ReactFlow<RippleNode, Edge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          {...(editable ? commands : {})}
          nodesDraggable={editable}
          nodesConnectable={editable}
          elementsSelectable={editable}
          deleteKeyCode={editable ? DELETE_KEYS : null}
          zoomOnDoubleClick={false}
          onMoveStart={editable ? onMoveStart : undefined}
          minZoom={0.2}
          maxZoom={2}
          ariaLabelConfig={ariaLabelConfig}
          aria-label={t(editable ? 'canvas.label' : 'canvas.labelReadOnly')}
        >
          <Background gap={24} color="#cbd5e1" />
          {editable && <Controls showInteractive={false} />}
          <FitView count={nodes.length} steered={steered} />
        </ReactFlow>
        {ripples.length === 0 && (
          <p className="canvas__empty">{t(editable ? 'canvas.empty' : 'canvas.emptyReadOnly')}</p>
        )}
      </div>
    </CanvasReadOnlyContext>
  );
}
