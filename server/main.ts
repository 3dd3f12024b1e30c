import { redactUrl } from './cluster/redactUrl';
import { configFromEnv } from './config';
import { createServer, type KringenServer } from './createServer';
import { lanAddress } from './lanAddress';

/** `npm start`: serves the built client, the API and the WebSocket endpoint. */
async function main(): Promise<void> {
  let config: ReturnType<typeof configFromEnv>;
  try {
    config = configFromEnv();
  } catch (error) {
    console.error(`[kringen] configuration error: ${(error as Error).message}`);
    process.exit(2);
  }
  const lan = lanAddress();
  let kringen: KringenServer;
  try {
    kringen = await createServer(config, {
      joinBaseUrl: (port) => config.publicUrl ?? (lan ? `http://${lan}:${port}` : `http://localhost:${port}`),
    });
  } catch (error) {
    // An unreachable database, a port in use: one line that names the cause, no stack trace.
    console.error(`[kringen] could not start: ${(error as Error).message}`);
    process.exit(1);
  }
  console.log(`[kringen] serving on http://localhost:${kringen.port}`);
  if (lan) console.log(`[kringen] phones on the same network: http://${lan}:${kringen.port}`);
  console.log(`[kringen] data in ${kringen.storage}`);
  if (config.redisUrl)
    console.log(
      `[kringen] sharing rooms with other instances through Redis at ${redactUrl(config.redisUrl)}`,
    );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const timeoutMs = config.shutdownTimeoutMs;
    console.log(
      `[kringen] ${signal}: saving rooms and stopping (at most ${timeoutMs / 1000} s, SHUTDOWN_TIMEOUT_MS)`,
    );
    // The steps of close() each stop at the deadline; this is for anything that still hangs.
    setTimeout(() => {
      console.error('[kringen] SHUTDOWN_TIMEOUT_MS reached: exiting now; every update is in the log');
      process.exit(1);
    }, timeoutMs + 1_000);
    const complete = await kringen.close(timeoutMs);
    if (complete) console.log('[kringen] stopped: everything written');
    else
      console.error(
        '[kringen] stopped with snapshots or connections not closed cleanly (see above); no update is lost',
      );
    process.exit(complete ? 0 : 1);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

void main();
