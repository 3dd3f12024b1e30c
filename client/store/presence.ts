import type { Awareness } from 'y-protocols/awareness';
import type { Role } from '../../shared/model/ripple';
import type { DocStore } from './docStore';

/**
 * Presence over y-protocols awareness. Each screen publishes
 * `{ user: { name, role, color }, cursor?, viewport?, leading? }`:
 * - facilitators publish their cursor (flow coordinates) and, while leading, their viewport;
 * - phones publish only `user` (client/phone), and never get a cursor drawn;
 * - presenters publish `user` with role viewer.
 * The server relays awareness unchanged for now, so a state is a claim, not a proof.
 */
/** A leader's view: the flow point at the centre of its pane, its zoom, and its pane's size in pixels. */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
  width: number;
  height: number;
}

export interface PeerState {
  clientId: number;
  /** The participant id the server stamped on the state (null where there is none). */
  id: string | null;
  name: string;
  role: Role | 'unknown';
  color: string;
  cursor: { x: number; y: number } | null;
  viewport: Viewport | null;
  leading: boolean;
  /** The ripple a facilitator shows large, for presenter screens to show too. */
  opened: string | null;
}

export interface LocalPresence {
  name: string;
  role: Role;
  color: string;
}

const ROLES = new Set(['facilitator', 'participant', 'viewer']);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** One awareness state as the board can trust to draw it (anything odd is dropped). */
export function parsePeer(clientId: number, state: Record<string, unknown>): PeerState {
  const user = (state.user ?? {}) as Record<string, unknown>;
  const cursor = state.cursor as Record<string, unknown> | null | undefined;
  const viewport = state.viewport as Record<string, unknown> | null | undefined;
  return {
    clientId,
    id: typeof user.id === 'string' && user.id.length <= 64 ? user.id : null,
    name: typeof user.name === 'string' ? user.name.slice(0, 60) : '',
    role: typeof user.role === 'string' && ROLES.has(user.role) ? (user.role as Role) : 'unknown',
    color: typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#23395b',
    cursor: cursor && isNumber(cursor.x) && isNumber(cursor.y) ? { x: cursor.x, y: cursor.y } : null,
    viewport:
      viewport && isNumber(viewport.x) && isNumber(viewport.y) && isNumber(viewport.zoom) && viewport.zoom > 0
        ? {
            x: viewport.x,
            y: viewport.y,
            zoom: viewport.zoom,
            width: isNumber(viewport.width) ? viewport.width : 0,
            height: isNumber(viewport.height) ? viewport.height : 0,
          }
        : null,
    leading: state.leading === true,
    opened: typeof state.opened === 'string' && state.opened.length <= 64 ? state.opened : null,
  };
}

/**
 * Mirrors the other screens' awareness states into the store (`peers`) and publishes ours.
 * Returns the cleanup.
 */
export function trackPresence(awareness: Awareness, store: DocStore, local: LocalPresence): () => void {
  awareness.setLocalStateField('user', local);
  const refresh = () => {
    const peers: PeerState[] = [];
    for (const [clientId, state] of awareness.getStates()) {
      if (clientId === awareness.clientID || !state) continue;
      peers.push(parsePeer(clientId, state as Record<string, unknown>));
    }
    peers.sort((a, b) => a.clientId - b.clientId);
    store.setState({ peers });
  };
  refresh();
  awareness.on('change', refresh);
  return () => awareness.off('change', refresh);
}

/**
 * Connected participants: phones say `role: 'participant'`; a screen that says nothing
 * (an older phone page) counts as a participant too, since boards and presenters always say who they are.
 */
export const isParticipant = (peer: PeerState) => peer.role === 'participant' || peer.role === 'unknown';

const FACILITATOR_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#332288', '#882255'];

/** A colour for this facilitator's cursor, stable for the awareness client id. */
export const facilitatorColor = (clientId: number) =>
  FACILITATOR_COLORS[clientId % FACILITATOR_COLORS.length] as string;
