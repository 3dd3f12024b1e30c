import type { MapPage } from '../../shared/layouts/mapPages';
import type { MessageKey } from '../i18n/nl';
import type { ConnectionState } from '../sync/connectSession';
import type { DocStore, MapBounds, PanelName } from './docStore';

/** Changes to a screen's own view state. Shared data changes go through shared/doc/commands.ts. */

let noticeSerial = 0;

export function setConnection(store: DocStore, connection: ConnectionState): void {
  store.setState({ connection });
}

export function setSelection(store: DocStore, ripples: readonly string[], links: readonly string[]): void {
  const current = store.getState().selection;
  if (sameIds(current.ripples, ripples) && sameIds(current.links, links)) return;
  store.setState({ selection: { ripples, links } });
}

export function openPanel(store: DocStore, panel: PanelName): void {
  store.setState({ panel });
}

export function startEditing(store: DocStore, rippleId: string): void {
  store.setState({ panel: 'edit', editingId: rippleId });
}

export function stopEditing(store: DocStore): void {
  store.setState({ panel: 'inbox', editingId: null });
}

export function showNotice(store: DocStore, key: MessageKey, tone: 'info' | 'error' = 'info'): void {
  store.setState({ notice: { key, tone, serial: ++noticeSerial } });
}

export function clearNotice(store: DocStore): void {
  store.setState({ notice: null });
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

export function setProjector(store: DocStore, projector: boolean): void {
  store.setState({ projector });
}

export function setJoinCornerShown(store: DocStore, joinCornerShown: boolean): void {
  store.setState({ joinCornerShown });
}

export function setFollowLeader(store: DocStore, followLeader: boolean): void {
  store.setState({ followLeader });
}

export function setLeading(store: DocStore, leading: boolean): void {
  store.setState({ leading, followLeader: leading ? false : store.getState().followLeader });
}

export function setShortcutsOpen(store: DocStore, shortcutsOpen: boolean): void {
  store.setState({ shortcutsOpen });
}

/** Shows a ripple large on this screen (and, from a facilitator's board, on the presenter screens), or closes it. */
export function openCard(store: DocStore, openedId: string | null): void {
  store.setState({ openedId });
}

/** The projector's pages, kept on the same part where it still exists. */
export function setMapPages(store: DocStore, mapPages: readonly MapPage[] | null): void {
  const { mapPage } = store.getState();
  const same = (a: readonly MapPage[] | null, b: readonly MapPage[] | null) =>
    a === b ||
    (!!a &&
      !!b &&
      a.length === b.length &&
      a.every((page, i) => {
        const other = b[i] as MapPage;
        return (
          page.ids.join() === other.ids.join() &&
          page.bounds.x === other.bounds.x &&
          page.bounds.y === other.bounds.y &&
          page.bounds.width === other.bounds.width &&
          page.bounds.height === other.bounds.height
        );
      }));
  if (same(store.getState().mapPages, mapPages)) return;
  store.setState({ mapPages, mapPage: Math.min(mapPage, Math.max(0, (mapPages?.length ?? 1) - 1)) });
}

/** Shows the next (`step` 1) or the previous (-1) part of the map on the projector. */
export function turnMapPage(store: DocStore, step: 1 | -1): void {
  const { mapPages, mapPage } = store.getState();
  if (!mapPages) return;
  const next = mapPage + step;
  if (next >= 0 && next < mapPages.length) store.setState({ mapPage: next });
}

export function setMapBounds(store: DocStore, mapBounds: MapBounds | null): void {
  const current = store.getState().mapBounds;
  if (current === mapBounds) return;
  if (
    current &&
    mapBounds &&
    current.x === mapBounds.x &&
    current.y === mapBounds.y &&
    current.width === mapBounds.width &&
    current.height === mapBounds.height
  )
    return;
  store.setState({ mapBounds });
}
