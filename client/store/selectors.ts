import type { RippleView } from '../../shared/doc/viewModel';
import type { DocState } from './docStore';

/**
 * Selectors, defined once. Those that build a new array are meant for `useShallow`,
 * so a component re-renders only when the items themselves change.
 */
export const selectMeta = (s: DocState) => s.view.meta;
export const selectTitle = (s: DocState) => s.view.meta.title;
export const selectPrompt = (s: DocState) => s.view.meta.prompt;
export const selectPendingCount = (s: DocState) => s.view.pendingCount;
export const selectLinks = (s: DocState) => s.view.links;
export const selectConnection = (s: DocState) => s.connection;
export const selectPanel = (s: DocState) => s.panel;
export const selectEditingId = (s: DocState) => s.editingId;
export const selectNotice = (s: DocState) => s.notice;
export const selectSelectedLinks = (s: DocState) => s.selection.links;
export const selectSelectedRipples = (s: DocState) => s.selection.ripples;
export const selectMapBounds = (s: DocState) => s.mapBounds;
export const selectMapPages = (s: DocState) => s.mapPages;
export const selectMapPage = (s: DocState) => s.mapPage;

const isOnMap = (r: RippleView) => r.status === 'accepted';
const isPending = (r: RippleView) => r.status === 'pending';

/** For useShallow: the ripples on the map. */
export const selectMapRipples = (s: DocState): RippleView[] => s.view.ripples.filter(isOnMap);

/** For useShallow: the ripples waiting in the inbox, oldest first. */
export const selectPendingRipples = (s: DocState): RippleView[] => s.view.ripples.filter(isPending);

/** For useShallow: one author's ripples, newest first, with those theirs was merged into. */
export const selectRipplesBy = (s: DocState, authorId: string): RippleView[] =>
  s.view.ripples
    .filter((r) => r.authorId === authorId || r.coAuthors?.some((a) => a.id === authorId))
    .reverse();

export const selectRipple = (s: DocState, id: string | null): RippleView | null =>
  id === null ? null : (s.view.ripples.find((r) => r.id === id) ?? null);

export const selectPeers = (s: DocState) => s.peers;
export const selectProjector = (s: DocState) => s.projector;
export const selectLayout = (s: DocState) => s.view.meta.layout;
export const selectSessionPhase = (s: DocState) => s.view.meta.sessionPhase;
export const selectIsClosed = (s: DocState) => s.view.meta.sessionPhase === 'closed';
export const selectParticipantCount = (s: DocState) =>
  s.peers.filter((p) => p.role === 'participant' || p.role === 'unknown').length;
/** The leading facilitator's viewport, when someone leads and this screen follows. */
export const selectLeaderViewport = (s: DocState) =>
  s.followLeader && !s.leading ? (s.peers.find((p) => p.leading && p.viewport)?.viewport ?? null) : null;
export const selectSomeoneLeads = (s: DocState) => s.peers.some((p) => p.leading);
export const selectVotesRevealed = (s: DocState) => s.view.meta.votesRevealed;
export const selectVotingOpen = (s: DocState) => s.view.meta.votingOpen;
/** How many dots are placed in all: what the facilitator may see while a vote is open (never per ripple). */
export const selectDotsCast = (s: DocState) => s.view.votes.length;
