import type * as Y from 'yjs';
import type { CommandResult } from '../../shared/doc/commands';
import type { Actor } from '../../shared/model/ripple';

const FACILITATOR: Actor = { role: 'facilitator', id: 'facilitator' };
/** How long a change from the home page may take before it counts as failed. */
const EDIT_TIMEOUT_MS = 8000;

/**
 * Makes one facilitator change to a session without opening its board (renaming or closing
 * it from "Mijn sessies"): connects with the device's key, waits for the server's copy,
 * runs `change` and disconnects once the change has been handed to the server. The sync
 * code is loaded only when needed, so the home page stays light.
 */
export async function editSession(
  sessionId: string,
  key: string,
  change: (doc: Y.Doc, actor: Actor) => CommandResult,
): Promise<boolean> {
  const { connectSession } = await import('./connectSession');
  return new Promise((resolve) => {
    let finished = false;
    let poll: ReturnType<typeof setInterval> | undefined;
    const finish = (ok: boolean) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      clearInterval(poll);
      connection.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => finish(false), EDIT_TIMEOUT_MS);
    const connection = connectSession(sessionId, { key }, (state) => {
      if (state.phase === 'refused') queueMicrotask(() => finish(false));
      if (state.phase !== 'online' || !state.synced || poll !== undefined) return;
      queueMicrotask(() => {
        if (!change(connection.doc, FACILITATOR).ok) return finish(false);
        poll = setInterval(() => connection.isFlushed() && finish(true), 50);
      });
    });
  });
}
