/**
 * The Yjs that shared/ and server/ use, for scripts outside the root package: bench/ has a
 * node_modules of its own (the reference server's Yjs), and documents made by one copy of
 * Yjs cannot take types made by another.
 */
export * as Y from 'yjs';
