import type { IncomingMessage, ServerResponse } from 'node:http';
import * as v from 'valibot';
import * as Y from 'yjs';
import { initSession } from '../../shared/doc/commands';
import { LIMITS } from '../../shared/model/limits';
import { LANGUAGES } from '../../shared/model/ripple';
import { formatJoinCode, isValidJoinCode, normalizeJoinCode } from '../../shared/protocol/joinCode';
import { issuePath } from '../../shared/util/issuePath';
import type { RoomRelay } from '../cluster/RoomRelay';
import type { Config } from '../config';
import type { CredentialStore, SessionRecord } from '../credentials/CredentialStore';
import { deleteSession } from '../credentials/deleteSession';
import type { Logger } from '../log';
import type { RoomRegistry } from '../rooms/RoomRegistry';
import { StorageError, type StorageHealth } from '../storage/StorageHealth';
import type { UpdateStore } from '../storage/UpdateStore';
import { clientIp } from './clientIp';
import { exportRoutes } from './exportRoutes';
import { HttpError, readJsonBody, sendError, sendJson } from './respond';
import type { Limiter } from './sharedRateLimiter';

export interface ApiDeps {
  config: Config;
  sessions: CredentialStore;
  store: UpdateStore;
  /** Whether storage answers (for /api/health and a 503 instead of a 500 while it does not). */
  health: StorageHealth;
  log: Logger;
  rooms: RoomRegistry;
  relay: RoomRelay;
  /** Wrong join codes per client address, and joins per session. */
  joinLimiter: Limiter;
  sessionJoinLimiter: Limiter;
  /** Where phones can reach this server (PUBLIC_URL or the LAN address). */
  joinBaseUrl: string;
}

// Names and titles are shown on a projector: control characters have no business in them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

/** Removes control characters and surrounding space from a short label. */
const label = (max: number) =>
  v.pipe(
    v.string(),
    v.transform((s) => s.replace(CONTROL_CHARACTERS, '').trim()),
    v.maxLength(max, `may be at most ${max} characters`),
  );

const CreateSessionBody = v.object({
  title: v.pipe(label(LIMITS.title), v.minLength(1, 'is required')),
  programme: v.optional(label(LIMITS.programme), ''),
  language: v.optional(v.picklist(LANGUAGES, 'must be "nl" or "en"'), 'nl'),
});

const JoinBody = v.object({
  code: v.pipe(v.string('is required'), v.maxLength(40, 'is too long')),
  name: v.optional(label(LIMITS.name), ''),
});

function parseBody<S extends v.GenericSchema>(schema: S, body: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, body);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const field = issuePath(issue, 'body');
  throw new HttpError(400, 'invalid-request', `${field}: ${issue?.message ?? 'invalid'}`);
}

function origin(req: IncomingMessage): string {
  const proto = req.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
  return `${proto}://${req.headers.host ?? 'localhost'}`;
}

function sessionLinks(deps: ApiDeps, req: IncomingMessage, session: SessionRecord) {
  return {
    joinCode: formatJoinCode(session.joinCode),
    joinUrl: `${deps.joinBaseUrl}/j/${session.joinCode}`,
    boardUrl: `${origin(req)}/s/${session.id}/board`,
    presenterUrl: `${origin(req)}/s/${session.id}/present`,
  };
}

/**
 * Registers a session and stores its first document state. If storing fails the session
 * row is removed again: a session never exists half.
 */
async function createSessionFromDoc(deps: ApiDeps, req: IncomingMessage, title: string, doc: Y.Doc) {
  if ((await deps.sessions.count()) >= deps.config.maxSessions) {
    throw new HttpError(
      503,
      'server-full',
      'This server holds as many sessions as it may. Ask its administrator.',
    );
  }
  const { session, facilitatorKey, viewerKey } = await deps.sessions.create(title);
  try {
    await deps.store.append(session.id, Y.encodeStateAsUpdate(doc), Date.now());
  } catch (error) {
    await deps.sessions.delete(session.id);
    throw error;
  } finally {
    doc.destroy();
  }
  const links = sessionLinks(deps, req, session);
  return {
    id: session.id,
    title: session.title,
    facilitatorKey,
    viewerKey,
    ...links,
    // Keys travel in the fragment, which browsers never send to a server or a referrer.
    boardUrl: `${links.boardUrl}#key=${facilitatorKey}`,
    presenterUrl: `${links.presenterUrl}#key=${viewerKey}`,
  };
}

export interface Route {
  method: string;
  path: RegExp;
  run: (req: IncomingMessage, res: ServerResponse, params: string[]) => Promise<void>;
}

/** The JSON API. Returns false when the path is not an API path. */
export function createApi(deps: ApiDeps) {
  const { joinLimiter, sessionJoinLimiter } = deps;

  const routes: Route[] = [
    ...exportRoutes(deps, createSessionFromDoc),
    {
      method: 'GET',
      path: /^\/api\/health$/,
      // 503 while storage is away, so a load balancer sends phones to an instance that can store.
      run: async (_req, res) => {
        const storage = await deps.health.check();
        const sessions = storage === 'up' ? await deps.sessions.count().catch(() => null) : null;
        const up = storage === 'up' && sessions !== null;
        sendJson(res, up ? 200 : 503, {
          status: up ? 'ok' : 'unavailable',
          storage: up ? 'up' : 'down',
          sessions,
          rooms: deps.rooms.size,
          relay: deps.relay.status,
          instance: deps.relay.instanceId,
        });
      },
    },
    {
      method: 'GET',
      path: /^\/api\/time$/,
      // The server's clock, for screens to count the interviews' shared timer down from the
      // same instants whatever their own clock says (client/interview/serverClock.ts).
      run: async (_req, res) => {
        sendJson(res, 200, { now: Date.now() });
      },
    },
    {
      method: 'POST',
      path: /^\/api\/sessions$/,
      run: async (req, res) => {
        const body = parseBody(CreateSessionBody, await readJsonBody(req, deps.config.maxBodyBytes));
        const doc = new Y.Doc();
        const init = initSession(doc, {
          title: body.title,
          programme: body.programme,
          language: body.language,
        });
        if (!init.ok) throw new HttpError(400, 'invalid-request', 'The session could not be set up.');
        sendJson(res, 201, await createSessionFromDoc(deps, req, body.title, doc));
      },
    },
    {
      method: 'GET',
      path: /^\/api\/sessions\/([a-z0-9]{1,64})$/,
      run: async (req, res, [id = '']) => {
        const session = await deps.sessions.get(id);
        if (!session) throw new HttpError(404, 'session-not-found', 'There is no session with this id.');
        const key = String(req.headers['x-kringen-key'] ?? '');
        const role = await deps.sessions.roleForKey(id, key);
        if (!role) throw new HttpError(401, 'unauthorized', 'This link is not valid for this session.');
        const links = sessionLinks(deps, req, session);
        // A facilitator on another device can share the presenter link again.
        const presenterUrl =
          role === 'facilitator'
            ? `${links.presenterUrl}#key=${await deps.sessions.viewerKey(id)}`
            : links.presenterUrl;
        sendJson(res, 200, { id, title: session.title, role, ...links, presenterUrl });
      },
    },
    {
      method: 'DELETE',
      path: /^\/api\/sessions\/([a-z0-9]{1,64})$/,
      run: async (req, res, [id = '']) => {
        if (!(await deps.sessions.get(id)))
          throw new HttpError(404, 'session-not-found', 'There is no session with this id.');
        const role = await deps.sessions.roleForKey(id, String(req.headers['x-kringen-key'] ?? ''));
        if (!role) throw new HttpError(401, 'unauthorized', 'This link is not valid for this session.');
        if (role !== 'facilitator')
          throw new HttpError(403, 'forbidden', 'Only the facilitator can delete a session.');
        await deleteSession(deps, id);
        deps.log.info(`session=${id} deleted by its facilitator: document, history and participants`);
        res.writeHead(204, { 'cache-control': 'no-store' });
        res.end();
      },
    },
    {
      // A leaked board link: a new facilitator key; the old one stops working, open boards with it are closed.
      method: 'POST',
      path: /^\/api\/sessions\/([a-z0-9]{1,64})\/facilitator-key$/,
      run: async (req, res, [id = '']) => {
        const session = await deps.sessions.get(id);
        if (!session) throw new HttpError(404, 'session-not-found', 'There is no session with this id.');
        const role = await deps.sessions.roleForKey(id, String(req.headers['x-kringen-key'] ?? ''));
        if (role !== 'facilitator')
          throw new HttpError(401, 'unauthorized', 'Only the facilitator can make a new facilitator link.');
        const facilitatorKey = await deps.sessions.renewFacilitatorKey(id);
        if (!facilitatorKey)
          throw new HttpError(404, 'session-not-found', 'There is no session with this id.');
        await deps.rooms.closeFacilitators(id);
        const links = sessionLinks(deps, req, session);
        sendJson(res, 200, { facilitatorKey, boardUrl: `${links.boardUrl}#key=${facilitatorKey}` });
      },
    },
    {
      method: 'POST',
      path: /^\/api\/join$/,
      run: async (req, res) => {
        // Only wrong codes count: a whole room of phones may share one public address.
        const ip = clientIp(req.socket.remoteAddress, req.headers['x-forwarded-for'], deps.config.trustProxy);
        if (!(await joinLimiter.allows(ip))) {
          throw new HttpError(
            429,
            'too-many-attempts',
            'Too many wrong join codes. Wait a minute and try again.',
          );
        }
        const body = parseBody(JoinBody, await readJsonBody(req, deps.config.maxBodyBytes));
        const code = normalizeJoinCode(body.code);
        const session = isValidJoinCode(code) ? await deps.sessions.byJoinCode(code) : null;
        if (!session) {
          await joinLimiter.hit(ip);
          if (!isValidJoinCode(code))
            throw new HttpError(400, 'invalid-code', 'code: this is not a join code');
          throw new HttpError(404, 'unknown-code', 'code: no session has this join code');
        }
        if (!(await sessionJoinLimiter.hit(session.id))) {
          throw new HttpError(
            429,
            'session-busy',
            'Many people are joining this session right now. Try again in a minute.',
          );
        }
        const { participant, secret } = await deps.sessions.addParticipant(session.id, body.name);
        sendJson(res, 200, {
          sessionId: session.id,
          title: session.title,
          participantId: participant.id,
          secret,
          name: participant.name,
        });
      },
    },
  ];

  return async function handleApi(
    req: IncomingMessage,
    res: ServerResponse,
    pathname: string,
  ): Promise<boolean> {
    if (!pathname.startsWith('/api/')) return false;
    try {
      const matching = routes.filter((route) => route.path.test(pathname));
      if (matching.length === 0) throw new HttpError(404, 'not-found', `No API route ${pathname}.`);
      const route = matching.find((r) => r.method === req.method);
      if (!route)
        throw new HttpError(405, 'method-not-allowed', `Use ${matching.map((r) => r.method).join(' or ')}.`);
      const params = route.path.exec(pathname)?.slice(1) ?? [];
      await route.run(req, res, params);
    } catch (error) {
      if (error instanceof HttpError) sendError(res, error);
      else if (error instanceof StorageError) {
        // StorageHealth has logged the outage once; each request that meets it need not.
        sendError(
          res,
          new HttpError(
            503,
            'storage-unavailable',
            'The server cannot store anything right now. Try again in a moment.',
          ),
        );
      } else {
        console.error('[kringen] API error', error);
        sendError(res, new HttpError(500, 'internal', 'Something went wrong on the server.'));
      }
    }
    return true;
  };
}
