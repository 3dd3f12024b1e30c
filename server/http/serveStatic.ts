import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

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
 * Serves the built client. Paths that are not files fall back to index.html, so the
 * client's routes (/s/…/board, /j/CODE) load the app. Hashed assets are cached forever.
 * A text file goes out gzipped when the browser takes it and the build made its gzipped
 * twin (`file.gz`, vite.config.ts); without a twin it goes out as it is.
 */
export function createStaticHandler(root: string) {
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
    const gzipped =
      COMPRESSIBLE.has(extname(file)) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))
        ? await stat(`${file}.gz`).catch(() => null)
        : null;
    if (gzipped?.isFile()) {
      file = `${file}.gz`;
      headers['content-encoding'] = 'gzip';
      info = gzipped;
    }
    res.writeHead(200, { ...headers, 'content-length': info.size });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  };
}
