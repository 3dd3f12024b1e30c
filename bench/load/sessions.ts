import { initSession } from '../../shared/doc/commands';
import type { Actor } from '../../shared/model/ripple';
// The stock y-websocket client on Node's `ws`, the same one the integration tests use. It is
// imported from tests/helpers on purpose: bench/node_modules holds the reference server's own
// yjs and ws, and a bare import from this folder would load a second Yjs.
import { connectClient, type TestClient } from '../../tests/helpers/yClient';
import type { ServerChild } from './serverChild';

export type Client = TestClient;

export interface Phone {
  client: Client;
  actor: Actor;
  name: string;
}

export interface BenchSession {
  room: string;
  facilitator: Client;
  phones: Phone[];
}

export interface ClientEvents {
  /** A socket closed that the bench did not close itself (code, or 0 for a local close). */
  onUnexpectedClose(code: number): void;
  onConnectionError(): void;
}

const SYNC_TIMEOUT_MS = 30_000;

async function post<T>(baseUrl: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(baseUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Runs `task` over `items`, at most `limit` at a time. */
export async function inPool<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, i: number) => Promise<R>,
) {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Marks clients the bench closes itself, so their close does not count as an error. */
export const closingOnPurpose = new WeakSet<Client>();

function connect(
  server: ServerChild,
  room: string,
  params: Record<string, string>,
  events: ClientEvents,
  awarenessName: string | null,
): Client {
  const client = connectClient(server.wsUrl, room, params);
  // One awareness state per client, set once (a phone shows its name; nothing moves).
  if (awarenessName === null) client.provider.awareness.setLocalState(null);
  else client.provider.awareness.setLocalStateField('user', { name: awarenessName });
  client.provider.on('connection-close', (event) => {
    if (!closingOnPurpose.has(client)) events.onUnexpectedClose(event?.code ?? 0);
  });
  client.provider.on('connection-error', () => {
    if (!closingOnPurpose.has(client)) events.onConnectionError();
  });
  return client;
}

/** Resolves true when the client synced within the timeout, false otherwise. */
const syncedInTime = (client: Client): Promise<boolean> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), SYNC_TIMEOUT_MS);
    void client.synced.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });

/**
 * Opens one session with its facilitator and phones, the way the real screens do:
 * Kringen through its HTTP API (create, then one join per phone) and credentials on the
 * socket; the reference has no auth, so the facilitator sets up the document itself.
 * Returns the session and how many clients did not sync in time.
 */
export async function openSession(
  server: ServerChild,
  index: number,
  phoneCount: number,
  awareness: boolean,
  events: ClientEvents,
): Promise<{ session: BenchSession; syncTimeouts: number }> {
  const title = `Bench sessie ${index + 1}`;
  let room = `bench${index + 1}`;
  let facilitatorParams: Record<string, string> = {};
  let identities: { actor: Actor; params: Record<string, string> }[] = [];
  const names = Array.from({ length: phoneCount }, (_, p) => `Deelnemer ${p + 1}`);

  if (server.target === 'kringen') {
    const created = await post<{ id: string; facilitatorKey: string; joinCode: string }>(
      server.baseUrl,
      '/api/sessions',
      { title, programme: 'Buurtkracht' },
    );
    room = created.id;
    facilitatorParams = { key: created.facilitatorKey };
    identities = await inPool(names, 8, async (name) => {
      const joined = await post<{ participantId: string; secret: string }>(server.baseUrl, '/api/join', {
        code: created.joinCode,
        name,
      });
      return {
        actor: { role: 'participant', id: joined.participantId } as Actor,
        params: { pid: joined.participantId, secret: joined.secret },
      };
    });
  } else {
    identities = names.map((_, p) => ({
      actor: { role: 'participant', id: `p${index + 1}x${p + 1}` } as Actor,
      params: {},
    }));
  }

  const facilitator = connect(server, room, facilitatorParams, events, awareness ? 'Facilitator' : null);
  let syncTimeouts = (await syncedInTime(facilitator)) ? 0 : 1;
  if (server.target === 'reference') {
    // A blank reference document: the board sets up the same meta a Kringen session starts with.
    initSession(facilitator.doc, { title, programme: 'Buurtkracht' });
  }
  const phones = identities.map(({ actor, params }, p) => ({
    actor,
    name: names[p] as string,
    client: connect(server, room, params, events, awareness ? (names[p] as string) : null),
  }));
  const synced = await Promise.all(phones.map((phone) => syncedInTime(phone.client)));
  syncTimeouts += synced.filter((ok) => !ok).length;
  return { session: { room, facilitator, phones }, syncTimeouts };
}

/** Closes a client as a phone does when its page closes. */
export function closeClient(client: Client): void {
  closingOnPurpose.add(client);
  client.destroy();
}
