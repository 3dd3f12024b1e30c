import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';

const gzipAsync = promisify(gzipCallback);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.webmanifest', '.txt']);

/**
 * Gzipped files, made once per file version (the built client does not change while
 * serving). A promise, so requests that arrive while a file is being compressed share it.
 */
const gzipCache = new Map<string, { mtimeMs: number; body: Promise<Buffer> }>();

function compressed(file: string, mtimeMs: number): Promise<Buffer> {
  const cached = gzipCache.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.body;
  const body = readFile(file).then((data) => gzipAsync(data, { level: 9 }));
  gzipCache.set(file, { mtimeMs, body });
  // A failed read is not remembered: the next request tries again.
  body.catch(() => {
    if (gzipCache.get(file)?.body === body) gzipCache.delete(file);
  });
  return body;
}

/**
 * Compresses the built client before anyone asks for it, one file at a time, off the
 * main thread (zlib's thread pool). Compressing on first request made the first board
 * after a start wait ~0.5 s for its 200 KB chunk (bench/boardRender.ts, fresh server).
 */
async function warmGzipCache(root: string): Promise<void> {
  const names = await readdir(root, { recursive: true }).catch(() => [] as string[]);
  for (const name of names) {
    if (!COMPRESSIBLE.has(extname(name))) continue;
    const file = join(root, name);
    const info = await stat(file).catch(() => null);
    if (info?.isFile()) await compressed(file, info.mtimeMs).catch(() => undefined);
  }
}

/**
 * Serves the built client. Paths that are not files fall back to index.html, so the
 * client's routes (/s/…/board, /j/CODE) load the app. Hashed assets are cached forever.
 */
export function createStaticHandler(root: string) {
  void warmGzipCache(root);
  return async function serveStatic(
    req: IncomingMessage,
    res: ServerResponse,
    pathname: string,
  ): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      res.writeHead(400).end('Bad path');
      return;
    }
    const candidate = normalize(join(root, decoded));
    let file = candidate.startsWith(root + sep) ? candidate : join(root, 'index.html');
    let info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      if (decoded.startsWith('/assets/')) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
      file = join(root, 'index.html');
      info = await stat(file).catch(() => null);
      if (!info?.isFile()) {
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('The client is not built yet. Run "npm start" (it builds first) or "npm run build".');
        return;
      }
    }
    const immutable = file.includes(`${sep}assets${sep}`);
    const headers: Record<string, string | number> = {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      vary: 'accept-encoding',
    };
    // Phones on 1.6 Mbit/s: gzip cuts the join page's JavaScript to about a third.
    const gzip =
      COMPRESSIBLE.has(extname(file)) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (gzip) {
      const body = await compressed(file, info.mtimeMs);
      res.writeHead(200, { ...headers, 'content-encoding': 'gzip', 'content-length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': info.size });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  };
}
