import type { RippleView } from '../../shared/doc/viewModel';
import type { SessionState } from './sessionStore';

/**
 * Selectors, defined once. Those that build a new array are meant for `useShallow`,
 * so a component re-renders only when the items themselves change.
 */
export const selectMeta = (s: SessionState) => s.view.meta;
export const selectTitle = (s: SessionState) => s.view.meta.title;
export const selectPrompt = (s: SessionState) => s.view.meta.prompt;
export const selectPendingCount = (s: SessionState) => s.view.pendingCount;
export const selectLinks = (s: SessionState) => s.view.links;
export const selectConnection = (s: SessionState) => s.connection;
export const selectPanel = (s: SessionState) => s.panel;
export const selectEditingId = (s: SessionState) => s.editingId;
export const selectNotice = (s: SessionState) => s.notice;
export const selectSelectedLinks = (s: SessionState) => s.selection.links;
export const selectSelectedRipples = (s: SessionState) => s.selection.ripples;
export const selectMapBounds = (s: SessionState) => s.mapBounds;
export const selectMapPages = (s: SessionState) => s.mapPages;
export const selectMapPage = (s: SessionState) => s.mapPage;

const isOnMap = (r: RippleView) => r.status === 'accepted';
const isPending = (r: RippleView) => r.status === 'pending';

/** For useShallow: the ripples on the map. */
export const selectMapRipples = (s: SessionState): RippleView[] => s.view.ripples.filter(isOnMap);

/** For useShallow: the ripples waiting in the inbox, oldest first. */
export const selectPendingRipples = (s: SessionState): RippleView[] => s.view.ripples.filter(isPending);

/** For useShallow: one author's ripples, newest first, with those theirs was merged into. */
export const selectRipplesBy = (s: SessionState, authorId: string): RippleView[] =>
  s.view.ripples
    .filter((r) => r.authorId === authorId || r.coAuthors?.some((a) => a.id === authorId))
    .reverse();

export const selectRipple = (s: SessionState, id: string | null): RippleView | null =>
  id === null ? null : (s.view.ripples.find((r) => r.id === id) ?? null);

export const selectPeers = (s: SessionState) => s.peers;
export const selectProjector = (s: SessionState) => s.projector;
export const selectLayout = (s: SessionState) => s.view.meta.layout;
export const selectSessionPhase = (s: SessionState) => s.view.meta.sessionPhase;
export const selectIsClosed = (s: SessionState) => s.view.meta.sessionPhase === 'closed';
export const selectParticipantCount = (s: SessionState) =>
  s.peers.filter((p) => p.role === 'participant' || p.role === 'unknown').length;
/** The leading facilitator's viewport, when someone leads and this screen follows. */
export const selectLeaderViewport = (s: SessionState) =>
  s.followLeader && !s.leading ? (s.peers.find((p) => p.leading && p.viewport)?.viewport ?? null) : null;
export const selectSomeoneLeads = (s: SessionState) => s.peers.some((p) => p.leading);
export const selectVotesRevealed = (s: SessionState) => s.view.meta.votesRevealed;
export const selectVotingOpen = (s: SessionState) => s.view.meta.votingOpen;
/** How many dots are placed in all: what the facilitator may see while a vote is open (never per ripple). */
export const selectDotsCast = (s: SessionState) => s.view.votes.length;
