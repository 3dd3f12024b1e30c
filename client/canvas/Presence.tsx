import { useReactFlow, useStoreApi, ViewportPortal } from '@xyflow/react';
import { memo, useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../i18n/useT';
import type { DocState } from '../store/docStore';
import { useSession, useSessionHandle } from '../store/SessionContext';
import { selectLeaderViewport } from '../store/selectors';

/** Facilitators' cursors only: phones never clutter the projector. */
const selectCursors = (s: DocState) => s.peers.filter((p) => p.role === 'facilitator' && p.cursor);

/** The other facilitators' cursors, drawn in flow coordinates. */
export const PeerCursors = memo(function PeerCursors() {
  const t = useT();
  const cursors = useSession(useShallow(selectCursors));
  return (
    <ViewportPortal>
      {cursors.map((peer) => (
        <div
          key={peer.clientId}
          className="peer-cursor"
          style={{
            transform: `translate(${peer.cursor?.x ?? 0}px, ${peer.cursor?.y ?? 0}px)`,
            color: peer.color,
          }}
          aria-hidden="true"
        >
          <svg width="22" height="22" viewBox="0 0 22 22" aria-hidden="true" focusable="false">
            <path d="M2 2 L20 9 L11 11 L9 20 Z" fill="currentColor" stroke="#fff" strokeWidth="1.5" />
          </svg>
          <span className="peer-cursor__name" style={{ background: peer.color }}>
            {peer.name || t('presence.facilitator')}
          </span>
        </div>
      ))}
    </ViewportPortal>
  );
});

/**
 * Publishes this facilitator's cursor (flow coordinates, at most every 50 ms) and, while
 * leading, the viewport; and follows a leading facilitator's viewport while `followLeader`.
 */
export function PresenceSync({ publishCursor }: { publishCursor: boolean }) {
  const { awareness, store } = useSessionHandle();
  const flow = useReactFlow();
  const rfStore = useStoreApi();
  const leaderViewport = useSession(selectLeaderViewport);
  const lastSent = useRef(0);

  // Follow the leader.
  useEffect(() => {
    if (!leaderViewport) return;
    const { width, height } = rfStore.getState();
    // Show the same part of the map on a screen of another size.
    const scale =
      leaderViewport.width > 0 && leaderViewport.height > 0
        ? Math.min(width / leaderViewport.width, height / leaderViewport.height)
        : 1;
    const zoom = leaderViewport.zoom * scale;
    void flow.setViewport(
      { x: width / 2 - leaderViewport.x * zoom, y: height / 2 - leaderViewport.y * zoom, zoom },
      { duration: 0 },
    );
  }, [leaderViewport, flow, rfStore]);

  // Publish our viewport while leading.
  useEffect(() => {
    if (!awareness) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const publish = () => {
      timer = null;
      const { leading } = store.getState();
      const [x, y, zoom] = rfStore.getState().transform;
      const { width, height } = rfStore.getState();
      awareness.setLocalStateField('leading', leading);
      // The viewport as the centre and zoom, so screens of another size frame the same spot.
      const centre = { x: (width / 2 - x) / zoom, y: (height / 2 - y) / zoom };
      awareness.setLocalStateField('viewport', leading ? { ...centre, zoom, width, height } : null);
    };
    const schedule = () => {
      if (timer === null) timer = setTimeout(publish, 60);
    };
    publish();
    const unsubscribeFlow = rfStore.subscribe((s, prev) => {
      if (s.transform !== prev.transform && store.getState().leading) schedule();
    });
    const unsubscribeStore = store.subscribe((s, prev) => {
      if (s.leading !== prev.leading) schedule();
    });
    return () => {
      unsubscribeFlow();
      unsubscribeStore();
      if (timer !== null) clearTimeout(timer);
    };
  }, [awareness, store, rfStore]);

  // Publish our cursor.
  useEffect(() => {
    if (!awareness || !publishCursor) return;
    const pane = rfStore.getState().domNode;
    if (!pane) return;
    const onMove = (event: PointerEvent) => {
      const now = performance.now();
      if (now - lastSent.current < 50) return;
      lastSent.current = now;
      const p = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      awareness.setLocalStateField('cursor', { x: Math.round(p.x), y: Math.round(p.y) });
    };
    const onLeave = () => awareness.setLocalStateField('cursor', null);
    pane.addEventListener('pointermove', onMove);
    pane.addEventListener('pointerleave', onLeave);
    return () => {
      pane.removeEventListener('pointermove', onMove);
      pane.removeEventListener('pointerleave', onLeave);
    };
  }, [awareness, publishCursor, flow, rfStore]);

  return null;
}
