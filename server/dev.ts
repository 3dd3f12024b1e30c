import { createServer as createViteServer } from 'vite';
import { configFromEnv } from './config';
import { createServer } from './createServer';
import { lanAddress } from './lanAddress';

/** `npm run dev`: the real server with Vite's dev middleware (hot reload) in front of the client. */
async function dev(): Promise<void> {
  const config = configFromEnv();
  const vite = await createViteServer({
    server: { middlewareMode: true, hmr: { port: 24678 } },
    appType: 'spa',
  });
  const lan = lanAddress();
  const kringen = await createServer(config, {
    fallback: (req, res) => vite.middlewares(req, res),
    joinBaseUrl: (port) => config.publicUrl ?? (lan ? `http://${lan}:${port}` : `http://localhost:${port}`),
  });
  console.log(`[kringen] dev server on http://localhost:${kringen.port} (hot reload)`);
}

void dev();
