import type * as Y from 'yjs';

/** Whether a transaction added or deleted anything: what makes Yjs emit 'update'. */
export function hasChanges(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of transaction.afterState) {
    if (transaction.beforeState.get(client) !== clock) return true;
  }
  return false;
}
