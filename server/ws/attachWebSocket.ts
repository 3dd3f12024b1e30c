import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { Actor } from '../../shared/model/ripple';
import { CLOSE, type CloseName } from '../../shared/protocol/closeCodes';
import type { CredentialStore } from '../credentials/CredentialStore';
import { beforeDeadline } from '../deadline';
import { clientIp } from '../http/clientIp';
import type { Logger } from '../log';
import type { Room, RoomPeer } from '../rooms/Room';
import type { RoomRegistry } from '../rooms/RoomRegistry';
import { StorageError } from '../storage/StorageHealth';
import { handleMessage, MalformedFrame } from './handleMessage';

export interface WebSocketDeps {
  rooms: RoomRegistry;
  sessions: CredentialStore;
  log: Logger;
  maxMessageBytes: number;
  maxConnectionsPerIp: number;
  /** Proxies whose X-Forwarded-For is believed (TRUST_PROXY). */
  trustProxy: ReadonlySet<string>;
}

const ROOM_PATH = /^\/ws\/([a-z0-9]{1,64})$/;
const PING_INTERVAL_MS = 30_000;
let connectionCounter = 0;

/**
 * Who this connection is, from the credentials in its URL: `?key=` (facilitator or
 * presenter link) or `?pid=&secret=` (a phone's participant identity).
 */
async function resolveIdentity(
  deps: WebSocketDeps,
  sessionId: string,
  params: URLSearchParams,
): Promise<{ actor: Actor; name: string | null } | CloseName> {
  if (!(await deps.sessions.get(sessionId))) return 'notFound';
  const key = params.get('key');
  if (key) {
    const role = await deps.sessions.roleForKey(sessionId, key);
    if (!role) return 'unauthorized';
    return { actor: { role, id: role }, name: role === 'viewer' ? '' : null };
  }
  const pid = params.get('pid');
  const secret = params.get('secret');
  if (pid && secret) {
    const participant = await deps.sessions.checkParticipant(sessionId, pid, secret);
    return participant
      ? { actor: { role: 'participant', id: participant.id }, name: participant.name }
      : 'unauthorized';
  }
  return 'unauthorized';
}

/** Serves the y-websocket protocol at /ws/<session id> on `server`. Returns a function that closes every socket. */
export function attachWebSocket(server: Server, deps: WebSocketDeps): (deadline?: number) => Promise<void> {
  // ws itself drops absurd frames (close 1009) before buffering them; we refuse
  // oversized-but-sane ones ourselves with a 44xx code so the client stops retrying.
  const wss = new WebSocketServer({ noServer: true, maxPayload: deps.maxMessageBytes * 4 });
  const alive = new WeakSet<WebSocket>();
  const connectionsPerIp = new Map<string, number>();

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const match = ROOM_PATH.exec(url.pathname);
    if (!match?.[1]) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    const sessionId = match[1];
    const ip = clientIp(request.socket.remoteAddress, request.headers['x-forwarded-for'], deps.trustProxy);
    wss.handleUpgrade(request, socket, head, (ws) => {
      const open = (connectionsPerIp.get(ip) ?? 0) + 1;
      connectionsPerIp.set(ip, open);
      ws.once('close', () => {
        const left = (connectionsPerIp.get(ip) ?? 1) - 1;
        if (left <= 0) connectionsPerIp.delete(ip);
        else connectionsPerIp.set(ip, left);
      });
      if (open > deps.maxConnectionsPerIp) {
        deps.log.warn(`room=${sessionId} connection refused: ${open} connections from ${ip}`);
        ws.close(CLOSE.tooManyConnections.code, CLOSE.tooManyConnections.reason);
        return;
      }
      alive.add(ws);
      ws.on('pong', () => alive.add(ws));
      // Tokens are checked after the upgrade so the refusal is a 44xx close code the
      // stock client understands as final (an HTTP 401 would make it retry forever).
      // The client speaks first (sync step 1): its frames wait in the paused socket until
      // the lookup is done and serveConnection listens. A failed lookup (database down) is
      // a 4503, which the client retries.
      ws.pause();
      void resolveIdentity(deps, sessionId, url.searchParams)
        .catch((error: unknown): CloseName => {
          if (!(error instanceof StorageError))
            deps.log.error(`room=${sessionId} identity lookup failed: ${error}`);
          return 'storageFailed';
        })
        .then((identity) => {
          if (typeof identity === 'string') {
            // A storage outage is logged once by StorageHealth, not once per connection.
            if (identity !== 'storageFailed')
              deps.log.warn(`room=${sessionId} connection refused: ${CLOSE[identity].reason}`);
            ws.close(CLOSE[identity].code, CLOSE[identity].reason);
          } else serveConnection(ws, sessionId, identity, deps);
          ws.resume();
        });
    });
  });

  const pinger = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, PING_INTERVAL_MS);
  pinger.unref();

  // Closes every socket with 1001 (clients reconnect, to another instance if there is one),
  // waiting for their goodbyes until `deadline`; sockets that have not answered by then are cut.
  return async (deadline = Number.POSITIVE_INFINITY) => {
    clearInterval(pinger);
    for (const ws of wss.clients) ws.close(CLOSE.goingAway.code, CLOSE.goingAway.reason);
    await beforeDeadline(new Promise<void>((resolve) => wss.close(() => resolve())), deadline);
    for (const ws of wss.clients) ws.terminate();
  };
}

function serveConnection(
  ws: WebSocket,
  sessionId: string,
  { actor, name }: { actor: Actor; name: string | null },
  deps: WebSocketDeps,
): void {
  const label = `conn=${++connectionCounter} role=${actor.role} actor=${actor.id}`;
  const peer: RoomPeer = {
    actor,
    name,
    label,
    awarenessIds: new Set(),
    send(message) {
      if (ws.readyState === WebSocket.OPEN) ws.send(message);
    },
    close(name, detail) {
      if (name !== 'storageFailed')
        deps.log.warn(`room=${sessionId} ${label} closed: ${CLOSE[name].reason} (${detail})`);
      if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) {
        ws.close(CLOSE[name].code, CLOSE[name].reason);
      }
    },
  };

  let room: Room | null = null;
  // Frames that arrive while the room loads wait here, so none is lost or answered early.
  const early: Uint8Array[] = [];

  const process = (data: Uint8Array) => {
    if (!room) return;
    if (data.byteLength > deps.maxMessageBytes) {
      peer.close('tooLarge', `${data.byteLength} bytes > ${deps.maxMessageBytes}`);
      return;
    }
    const current = room;
    current
      .enqueue(() => handleMessage(current, peer, data))
      .catch((error: unknown) => {
        if (error instanceof MalformedFrame) {
          peer.close('malformed', error.message);
          return;
        }
        // A bug of ours: said with its stack, and the client may come back (1011 is not final).
        deps.log.error(`room=${sessionId} ${label} server error: ${(error as Error)?.stack ?? error}`);
        peer.close('internal', 'server error');
      });
  };

  ws.on('message', (data: Buffer, isBinary: boolean) => {
    const bytes = isBinary
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(0);
    if (!isBinary) {
      peer.close('malformed', 'text frame');
      return;
    }
    if (room) process(bytes);
    else early.push(bytes);
  });
  ws.on('error', (error) => deps.log.warn(`room=${sessionId} ${label} socket error: ${error.message}`));
  ws.on('close', () => {
    if (!room) return;
    room.leave(peer);
    deps.rooms.release(room);
  });

  void (async () => {
    let loaded: Room;
    try {
      do loaded = await deps.rooms.open(sessionId);
      while (loaded.isDestroyed);
    } catch (error) {
      if (!(error instanceof StorageError)) deps.log.error(`room=${sessionId} could not be loaded: ${error}`);
      peer.close('storageFailed', 'room could not be loaded');
      return;
    }
    // The socket may have closed while we waited for storage.
    if (ws.readyState !== WebSocket.OPEN) {
      deps.rooms.release(loaded);
      return;
    }
    room = loaded;
    room.join(peer);
    for (const data of early.splice(0)) process(data);
  })();
}
