/**
 * One owner for everything a bench run must undo (child servers, temp dirs), also on
 * Ctrl-C, SIGTERM or a crash: the bench never leaves a server listening behind it.
 */
type Cleanup = () => Promise<void> | void;

const cleanups = new Set<Cleanup>();
let installed = false;

async function runAll(): Promise<void> {
  const all = [...cleanups].reverse();
  cleanups.clear();
  for (const cleanup of all) {
    try {
      await cleanup();
    } catch (error) {
      console.error(`[bench] cleanup failed: ${(error as Error).message}`);
    }
  }
}

/** Registers `cleanup`; the returned function runs it now and unregisters it. */
export function onCleanup(cleanup: Cleanup): () => Promise<void> {
  if (!installed) {
    installed = true;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        console.error(`\n[bench] ${signal}: stopping the servers and removing temp dirs`);
        void runAll().finally(() => process.exit(130));
      });
    }
    process.once('uncaughtException', (error) => {
      console.error('[bench] crashed:', error);
      void runAll().finally(() => process.exit(1));
    });
  }
  cleanups.add(cleanup);
  return async () => {
    if (!cleanups.delete(cleanup)) return;
    await cleanup();
  };
}

/** Runs every registered cleanup (the normal end of a bench). */
export const cleanupAll = runAll;
