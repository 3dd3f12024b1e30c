import * as Y from 'yjs';
import { changesOfTransaction } from '../../shared/doc/changes';
import { type AuthResult, authorize } from '../../shared/doc/permissions';
import { PriorState } from '../../shared/doc/priorState';
import type { Actor } from '../../shared/model/ripple';

/**
 * The server's verdict on `change` made by `actor` on a client's copy of `doc`, reached the
 * way the server reaches it: the client's update is applied to the server's document and
 * judged against the prior state kept next to it.
 */
export function judge(doc: Y.Doc, actor: Actor, change: (copy: Y.Doc) => void): AuthResult {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
  const sv = Y.encodeStateVector(client);
  change(client);
  const update = Y.encodeStateAsUpdate(client, sv);
  const server = new Y.Doc();
  Y.applyUpdate(server, Y.encodeStateAsUpdate(doc));
  const prior = new PriorState(server);
  let verdict: AuthResult = { ok: true, value: undefined };
  server.transact((transaction) => {
    Y.applyUpdate(server, update);
    verdict = authorize(actor, changesOfTransaction(server, transaction), prior, server);
  });
  return verdict;
}
