import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'vite';

/**
 * Builds the server (server/main.ts with the shared/ code it imports) into an ES module,
 * dist/server/main.js, so production runs on plain `node` instead of through the tsx
 * loader (which costs about 38 MB of memory and start-up CPU). The PostgreSQL and Redis
 * modules, imported only when configured, become chunks in dist/server/assets/ (inlined,
 * the bundler would hoist their `pg` and `ioredis` imports to the top). Every package from
 * node_modules stays an import: better-sqlite3 is native, and the bundle uses exactly the
 * versions package-lock.json installed. Not minified, so stack traces and CPU profiles keep
 * their function names; each source module sits in a `//#region <path>` block.
 *
 * The built server resolves its data and client directories from the working directory,
 * as the source does: run it from the repository root (`npm start`), or set DATA_DIR and
 * CLIENT_DIR.
 *
 *   node --import tsx scripts/buildServer.ts     (npm run build:server)
 *   node --import tsx scripts/buildServer.ts --root /tmp/other-checkout [--out-dir dist/server]
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));

export const SERVER_ENTRY = 'server/main.ts';
export const SERVER_OUT_DIR = 'dist/server';

export interface BuildServerOptions {
  /** The checkout to build (default: this one); its node_modules must be installed. */
  root?: string;
  /** Where main.js goes, relative to `root`. */
  outDir?: string;
}

/** Builds the server; resolves with the path of the built main.js. */
export async function buildServer(options: BuildServerOptions = {}): Promise<string> {
  const root = resolve(options.root ?? ROOT);
  const outDir = options.outDir ?? SERVER_OUT_DIR;
  await build({
    configFile: false,
    root,
    publicDir: false,
    logLevel: 'warn',
    // The server reads its configuration from the real environment at run time.
    envPrefix: '__KRINGEN_NO_BUILD_TIME_ENV__',
    ssr: { external: true, target: 'node' },
    build: {
      ssr: SERVER_ENTRY,
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      sourcemap: true,
      copyPublicDir: false,
      reportCompressedSize: false,
      rollupOptions: {
        output: { format: 'es', entryFileNames: 'main.js' },
      },
    },
  });
  return join(root, outDir, 'main.js');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const { values } = parseArgs({ options: { root: { type: 'string' }, 'out-dir': { type: 'string' } } });
  const started = performance.now();
  const main = await buildServer({ root: values.root, outDir: values['out-dir'] });
  console.log(`built ${main} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
