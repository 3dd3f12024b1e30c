import type * as Y from 'yjs';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { docToView, type SessionView } from '../../shared/doc/viewModel';
import type { MapPage } from '../../shared/layouts/mapPages';
import type { MessageKey } from '../i18n/nl';
import type { ConnectionState } from '../sync/connectSession';
import { hasChanges } from '../sync/hasChanges';
import type { PeerState } from './presence';
import { shareUnchanged } from './shareUnchanged';

/** Side panels of the board; later issues add more (codes, phases, export). */
export type PanelName =
  | 'inbox'
  | 'add'
  | 'edit'
  | 'prompt'
  | 'export'
  | 'analysis'
  | 'replay'
  | 'codebook'
  | 'voting'
  | 'setup'
  | 'interview';

export interface Notice {
  key: MessageKey;
  tone: 'info' | 'error';
  /** Distinguishes two equal notices in a row, so the second one is announced again. */
  serial: number;
}

/**
 * One open session as screens read it: a read-only projection of the document (`view`)
 * plus this screen's own view state. Shared data is never written here; writes go through
 * the commands in shared/doc/commands.ts and come back through the document observer.
 */
export interface DocState {
  view: SessionView;
  connection: ConnectionState;
  selection: { ripples: readonly string[]; links: readonly string[] };
  panel: PanelName;
  /** The ripple open in the edit panel. */
  editingId: string | null;
  notice: Notice | null;
  /** Other screens present (awareness); empty where the screen has no awareness. */
  peers: readonly PeerState[];
  /** Projector mode: full screen, big type, no editing chrome. */
  projector: boolean;
  /** The join code and QR corner, hideable in projector mode. */
  joinCornerShown: boolean;
  /** Whether this screen follows a leading facilitator's viewport (the way out sets it false). */
  followLeader: boolean;
  /** Whether this facilitator leads ("everyone follows me"). */
  leading: boolean;
  shortcutsOpen: boolean;
  /** The ripple this screen shows large (CardSpotlight.tsx); a facilitator's is shown on presenter screens too. */
  openedId: string | null;
  /**
   * The rectangle the map's cards cover where the layout puts them (map coordinates), or
   * null while the map is empty: what "fit to content" frames.
   */
  mapBounds: MapBounds | null;
  /**
   * On a projector, the map in parts shown one at a time at reading size
   * (canvas/ProjectorPages.tsx), or null where the map is not paged (the board); one page
   * when the whole map fits.
   */
  mapPages: readonly MapPage[] | null;
  /** The part of the map the projector shows (an index into `mapPages`). */
  mapPage: number;
}

export interface MapBounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type DocStore = StoreApi<DocState>;

/**
 * A store that follows `doc`. The projection is recomputed at most once per animation
 * frame (with a timer as fallback, since hidden tabs get no frames).
 */
export function createDocStore(doc: Y.Doc): {
  store: DocStore;
  /** Brings the projection up to date now, instead of at the next frame. */
  flush: () => void;
  dispose: () => void;
} {
  const store = createStore<DocState>()(() => ({
    view: docToView(doc),
    connection: { phase: 'connecting' },
    selection: { ripples: [], links: [] },
    panel: 'inbox',
    editingId: null,
    notice: null,
    peers: [],
    projector: false,
    joinCornerShown: true,
    followLeader: true,
    leading: false,
    shortcutsOpen: false,
    openedId: null,
    mapBounds: null,
    mapPages: null,
    mapPage: 0,
  }));

  let frame: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const cancel = () => {
    if (frame !== null) cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
    frame = null;
    timer = null;
  };
  const refresh = () => {
    cancel();
    store.setState((state) => ({ view: shareUnchanged(state.view, docToView(doc)) }));
  };
  // Not 'update': listening there makes Yjs encode every transaction once more
  // (see readServerFramesWithoutEcho in sync/connectSession.ts).
  const onUpdate = (transaction: Y.Transaction) => {
    if (frame !== null || timer !== null || !hasChanges(transaction)) return;
    frame = requestAnimationFrame(refresh);
    timer = setTimeout(refresh, 100);
  };
  doc.on('afterTransaction', onUpdate);

  return {
    store,
    flush() {
      if (frame !== null || timer !== null) refresh();
    },
    dispose() {
      doc.off('afterTransaction', onUpdate);
      cancel();
    },
  };
}
