import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The client lives in client/ and is built to dist/client, which the server serves.
 * The board's canvas code (React Flow) is split into its own chunk, so phones never load it.
 */
export default defineConfig({
  root: 'client',
  publicDir: 'public',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    reportCompressedSize: false,
  },
});
