import type { IncomingMessage, ServerResponse } from 'node:http';
import * as Y from 'yjs';
import { receivesWholeSession } from '../../shared/doc/permissions';
import { viewDocument } from '../../shared/doc/phoneView';
import { type CsvDialect, linksCsv, ripplesCsv, toCsv } from '../../shared/export/csv';
import { isNamePolicy, type NamePolicy, withNames } from '../../shared/export/names';
import { docAt, growthSeries } from '../../shared/export/replay';
import { exportSession, importSession, parseSessionExport } from '../../shared/export/sessionExport';
import type { Actor } from '../../shared/model/ripple';
import type { HttpErrorCode } from '../../shared/protocol/httpErrors';
import { fileSlug as slug } from '../../shared/util/fileSlug';
import type { ApiDeps, Route } from './api';
import { HttpError, readJsonBody, sendJson } from './respond';

type CreateFromDoc = (deps: ApiDeps, req: IncomingMessage, title: string, doc: Y.Doc) => Promise<unknown>;

/**
 * The key in `x-kringen-key` must open the session; `need: 'facilitator'` also refuses the
 * presenter's key. The history (replay, growth) is the facilitator's alone: it holds every
 * ripple that was ever withdrawn or hidden, with its author. Returns who the key makes the caller.
 */
async function checkAccess(
  deps: ApiDeps,
  req: IncomingMessage,
  id: string,
  need: 'any' | 'facilitator' = 'any',
): Promise<Actor> {
  if (!(await deps.sessions.get(id))) {
    throw new HttpError(404, 'session-not-found', 'There is no session with this id.');
  }
  const key = String(req.headers['x-kringen-key'] ?? '');
  const role = await deps.sessions.roleForKey(id, key);
  if (!role) {
    throw new HttpError(401, 'unauthorized', 'This link is not valid for this session.');
  }
  if (need === 'facilitator' && role !== 'facilitator') {
    throw new HttpError(403, 'forbidden', "The session's history is for its facilitator only.");
  }
  return { role, id: role };
}

/** `?at=<ms since 1970>`: the moment to replay to, or null for now. */
function momentOf(req: IncomingMessage): number | null {
  const at = new URL(req.url ?? '/', 'http://localhost').searchParams.get('at');
  if (at === null) return null;
  const time = Number(at);
  if (!Number.isFinite(time) || time < 0) {
    throw new HttpError(400, 'invalid-request', 'at: must be a time in milliseconds');
  }
  return time;
}

/** The session's export with participants' names as `?names=` asks. */
async function exportOf(deps: ApiDeps, req: IncomingMessage, id: string) {
  const names = namesOf(req);
  return withNames(await documentOf(deps, req, id), names);
}

/**
 * The session's export: now, from the live room (loaded from storage for the occasion if
 * nobody is in it), or at an earlier moment, replayed from the stored history.
 */
async function documentOf(deps: ApiDeps, req: IncomingMessage, id: string) {
  const at = momentOf(req);
  const actor = await checkAccess(deps, req, id, at === null ? 'any' : 'facilitator');
  if (at !== null) {
    const doc = docAt(await deps.store.history(id), at);
    const data = exportSession(doc, new Date(at));
    doc.destroy();
    return data;
  }
  const room = await deps.rooms.open(id);
  try {
    // The presenter's key exports the map as its screen receives it (shared/doc/phoneView.ts).
    return await room.enqueue(() => {
      if (receivesWholeSession(actor)) return exportSession(room.doc);
      const view = viewDocument(room.doc, actor.id);
      const data = exportSession(view);
      view.destroy();
      return data;
    });
  } finally {
    deps.rooms.release(room);
  }
}

/** `?names=keep|pseudonymise|drop`: what the file does with participants' names (default: keep). */
function namesOf(req: IncomingMessage): NamePolicy {
  const names = new URL(req.url ?? '/', 'http://localhost').searchParams.get('names') ?? 'keep';
  if (!isNamePolicy(names)) {
    throw new HttpError(400, 'invalid-request', 'names: must be "keep", "pseudonymise" or "drop"');
  }
  return names;
}

function dialectOf(req: IncomingMessage): CsvDialect {
  const dialect = new URL(req.url ?? '/', 'http://localhost').searchParams.get('dialect') ?? 'excel-nl';
  if (dialect !== 'excel-nl' && dialect !== 'rfc4180') {
    throw new HttpError(400, 'invalid-request', 'dialect: must be "excel-nl" or "rfc4180"');
  }
  return dialect;
}

function sendFile(res: ServerResponse, type: string, name: string, body: string): void {
  res.writeHead(200, {
    'content-type': type,
    'content-disposition': `attachment; filename="${name}"`,
    'cache-control': 'no-store',
  });
  res.end(body);
}

/** Research exports (JSON, CSV) and import. Downloads need the facilitator or presenter key in `x-kringen-key`. */
export function exportRoutes(deps: ApiDeps, createSessionFromDoc: CreateFromDoc): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/api\/sessions\/([a-z0-9]{1,64})\/export\.json$/,
      run: async (req, res, [id = '']) => {
        const data = await exportOf(deps, req, id);
        sendFile(
          res,
          'application/json; charset=utf-8',
          `${slug(data.session.title)}.kringen.json`,
          JSON.stringify(data, null, 2),
        );
      },
    },
    {
      method: 'GET',
      path: /^\/api\/sessions\/([a-z0-9]{1,64})\/(ripples|links)\.csv$/,
      run: async (req, res, [id = '', sheet]) => {
        const dialect = dialectOf(req);
        const data = await exportOf(deps, req, id);
        const csv = sheet === 'links' ? linksCsv(data, dialect) : ripplesCsv(data, dialect);
        const name = `${slug(data.session.title)}-${sheet === 'links' ? 'verbindingen' : 'rimpelingen'}.csv`;
        sendFile(res, 'text/csv; charset=utf-8', name, csv);
      },
    },
    {
      method: 'GET',
      path: /^\/api\/sessions\/([a-z0-9]{1,64})\/growth\.(json|csv)$/,
      run: async (req, res, [id = '', format]) => {
        await checkAccess(deps, req, id, 'facilitator');
        const series = growthSeries(await deps.store.history(id));
        if (format === 'json') {
          sendJson(res, 200, { session: id, stepMs: 60_000, points: series });
          return;
        }
        const header = ['at', 'ripples', 'on_map', 'waiting', 'hidden', 'links', 'votes'];
        const rows = series.map((p) =>
          [new Date(p.at).toISOString(), p.ripples, p.onMap, p.waiting, p.hidden, p.links, p.votes].map(
            String,
          ),
        );
        sendFile(
          res,
          'text/csv; charset=utf-8',
          `${id}-groei.csv`,
          toCsv(header, rows, dialectOf(req), new Set()),
        );
      },
    },
    {
      method: 'POST',
      path: /^\/api\/sessions\/import$/,
      run: async (req, res) => {
        const parsed = parseSessionExport(await readJsonBody(req, deps.config.maxImportBytes));
        if (!parsed.ok) {
          const first = parsed.error[0];
          sendJson(res, 400, {
            error: 'invalid-import' satisfies HttpErrorCode,
            message: `${first?.path}: ${first?.message}`,
            issues: parsed.error,
          });
          return;
        }
        const doc = new Y.Doc();
        importSession(doc, parsed.value);
        const created = await createSessionFromDoc(
          deps,
          req,
          parsed.value.session.title || 'Geïmporteerde sessie',
          doc,
        );
        sendJson(res, 201, created);
      },
    },
  ];
}
