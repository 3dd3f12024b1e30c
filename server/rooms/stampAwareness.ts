import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Actor } from '../../shared/model/ripple';

/** Largest awareness state accepted from one client: names, a colour, a cursor and a viewport fit easily. */
export const MAX_AWARENESS_STATE_BYTES = 4096;

export interface AwarenessIdentity {
  actor: Actor;
  /** The name the server knows (a participant's join name); null lets a facilitator pick their own. */
  name: string | null;
}

/**
 * Rewrites a client's awareness update so it can only speak for itself: entries for
 * client ids another connection owns are dropped, oversized or non-object states are
 * dropped, and `user.id`, `user.role` (and, for phones and viewers, `user.name`) are
 * replaced by the identity the server bound to the connection. A phone cannot pose as the
 * facilitator, nor another phone. Returns null when nothing is left.
 */
export function stampAwarenessUpdate(
  update: Uint8Array,
  identity: AwarenessIdentity,
  isOwnedByOther: (clientId: number) => boolean,
): { update: Uint8Array; clientIds: number[] } | null {
  const decoder = decoding.createDecoder(update);
  const encoder = encoding.createEncoder();
  const kept: Array<{ clientId: number; clock: number; state: string }> = [];
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const raw = decoding.readVarString(decoder);
    if (isOwnedByOther(clientId) || raw.length > MAX_AWARENESS_STATE_BYTES) continue;
    const state: unknown = JSON.parse(raw);
    if (state === null) {
      kept.push({ clientId, clock, state: 'null' });
      continue;
    }
    if (typeof state !== 'object' || Array.isArray(state)) continue;
    const given = (state as { user?: unknown }).user;
    const user =
      given && typeof given === 'object' && !Array.isArray(given) ? (given as Record<string, unknown>) : {};
    const claimedName = typeof user.name === 'string' ? user.name.slice(0, 60) : '';
    const stamped = {
      ...state,
      user: {
        ...user,
        id: identity.actor.id,
        role: identity.actor.role,
        name: identity.name ?? claimedName,
      },
    };
    kept.push({ clientId, clock, state: JSON.stringify(stamped) });
  }
  if (kept.length === 0) return null;
  encoding.writeVarUint(encoder, kept.length);
  for (const entry of kept) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return { update: encoding.toUint8Array(encoder), clientIds: kept.map((e) => e.clientId) };
}
