/**
 * Every WebSocket close code the server sends, named once. The 44xx range matters:
 * y-websocket 3.1 stops reconnecting on 4400–4499, so a refused client does not retry
 * forever (an HTTP 401 at the upgrade would make it retry).
 */
export const CLOSE = {
  /** A frame that is not a y-websocket message (bad bytes, truncated varints). */
  malformed: { code: 4400, reason: 'malformed-message' },
  /** The key, join code or participant secret is wrong or missing. */
  unauthorized: { code: 4401, reason: 'unauthorized' },
  /** The facilitator key this board used was replaced by a new one (a leaked link); it must not reconnect with it. */
  keyRenewed: { code: 4401, reason: 'key-renewed' },
  /** The client sent a change its role may not make. It must start over with a fresh document. */
  forbidden: { code: 4403, reason: 'forbidden-change' },
  /** No session with this id. */
  notFound: { code: 4404, reason: 'session-not-found' },
  /** A change whose content breaks the document schema. */
  invalid: { code: 4422, reason: 'invalid-change' },
  /** The facilitator deleted the session (or the server's retention period did): nothing is left to join. */
  sessionDeleted: { code: 4410, reason: 'session-deleted' },
  /** A message larger than the server accepts. */
  tooLarge: { code: 4413, reason: 'message-too-large' },
  /** Limits (configurable on the server): the reason says which one was reached. */
  tooManyRipples: { code: 4429, reason: 'too-many-ripples' },
  tooManyLinks: { code: 4429, reason: 'too-many-links' },
  textTooLong: { code: 4429, reason: 'text-too-long' },
  tooManyConnections: { code: 4429, reason: 'too-many-connections' },
  /** Storage failed; the update was not stored and not applied. The client may retry later. */
  storageFailed: { code: 4503, reason: 'storage-failed' },
  /** A bug on the server while handling the client's message (logged with its stack); the client may reconnect. */
  internal: { code: 1011, reason: 'internal-error' },
  /** The server is shutting down; clients reconnect to it (or a peer) when it is back. */
  goingAway: { code: 1001, reason: 'server-restarting' },
} as const;

export type CloseName = keyof typeof CLOSE;

/** Close codes after which a client should not reconnect with the same document. */
export function isFinalClose(code: number): boolean {
  return code >= 4400 && code < 4500;
}

/** The name of a close code; `reason` tells apart the limits, which share one code. */
export function closeNameOf(code: number, reason?: string): CloseName | null {
  let byCode: CloseName | null = null;
  for (const [name, value] of Object.entries(CLOSE)) {
    if (value.code !== code) continue;
    if (reason === undefined || value.reason === reason) return name as CloseName;
    byCode ??= name as CloseName;
  }
  return byCode;
}
