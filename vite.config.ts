import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

/**
 * The client lives in client/ and is built to dist/client, which the server serves.
 * The board's canvas code (React Flow) is split into its own chunk, so phones never load it.
 * Every text file gets a gzipped twin (`file.js.gz`) at build time, which the server sends
 * as it is (server/http/serveStatic.ts): no compressing at run time, in CPU or memory.
 */
export default defineConfig({
  root: 'client',
  publicDir: 'public',
  plugins: [
    react(),
    compression({
      algorithms: [defineAlgorithm('gzip', { level: 9 })],
      include: /\.(html|js|css|svg|json|webmanifest|txt)$/,
      threshold: 0,
      skipIfLargerOrEqual: false,
    }),
  ],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    reportCompressedSize: false,
  },
});
