import type { Actor } from '../model/ripple';

/**
 * Who made a transaction on a session document, said once. Every transaction's origin is one
 * of these:
 * - a `CommandOrigin`: a command of this client (shared/doc/commands.ts), the server's
 *   suggested codes, or an import;
 * - a peer: on the server, the connection whose update is being applied (anything with its
 *   actor; the server's `RoomPeer`);
 * - `'storage'`: the server loading a room; `'relay'`: another instance's stored change.
 * (Remote updates on a client carry the y-websocket provider as origin.)
 */
export type CommandName =
  | 'initSession'
  | 'addRipple'
  | 'editRipple'
  | 'withdrawRipple'
  | 'deleteRipple'
  | 'setRippleStatus'
  | 'moveRipple'
  | 'linkRipples'
  | 'unlinkRipples'
  | 'updateMeta'
  | 'castVote'
  | 'withdrawVote'
  | 'mergeRipples'
  | 'moveRipples'
  | 'setSessionPhase'
  | 'openVoting'
  | 'closeVoting'
  | 'revealVotes'
  | 'clearVotes'
  | 'switchCodebook'
  | 'setInterviewGuide'
  | 'pairEveryone'
  | 'pairUp'
  | 'unpair'
  | 'setInterviewTimer'
  | 'writeDraft'
  | 'deleteDraft'
  | 'sendDraft'
  // Written by the server (suggested codes) and by the import, not by a screen.
  | 'suggestCodes'
  | 'importSession';

/**
 * The origin of every command's transaction. A class, so a screen can tell its own
 * changes from remote ones by constructor: `new Y.UndoManager(scope, { trackedOrigins:
 * new Set([CommandOrigin]) })` undoes only what this client did (remote updates carry
 * the provider as origin), never another facilitator's edit.
 */
export class CommandOrigin {
  constructor(readonly command: CommandName) {}
}

/** A connection's update being applied on the server. */
export interface PeerOrigin {
  readonly actor: Actor;
}

export type DocOrigin = CommandOrigin | PeerOrigin | 'storage' | 'relay';

export const isCommandOrigin = (origin: unknown): origin is CommandOrigin => origin instanceof CommandOrigin;

/** The origin of the server's suggested codes. */
export const SUGGESTION_ORIGIN = new CommandOrigin('suggestCodes');
