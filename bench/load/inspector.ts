import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// `ws` comes from the repository root on purpose: bench/node_modules holds the reference
// server's ws 6, which a bare import from this folder would pick up. ws is CommonJS, so
// requiring it gives the same module the rest of the bench uses.
const rootRequire = createRequire(new URL('../../package.json', import.meta.url));
const { WebSocket } = rootRequire('ws') as typeof import('ws');

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface HotSpot {
  name: string;
  selfMs: number;
  share: number;
}

/**
 * A minimal Chrome DevTools Protocol client for the server child's inspector (started
 * with `--inspect=127.0.0.1:0`): a forced collection before reading the heap, so
 * "memory went back" is measured on live objects, and a sampling CPU profile.
 */
export class Inspector {
  private nextId = 0;
  private readonly pending = new Map<number, (result: unknown) => void>();

  private constructor(private readonly socket: InstanceType<typeof WebSocket>) {
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: unknown };
      if (message.id === undefined) return;
      const resolve = this.pending.get(message.id);
      this.pending.delete(message.id);
      resolve?.(message.error ? { error: message.error } : message.result);
    });
  }

  static connect(url: string): Promise<Inspector> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { perMessageDeflate: false });
      socket.once('open', () => resolve(new Inspector(socket)));
      socket.once('error', reject);
    });
  }

  send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = ++this.nextId;
    return new Promise<T>((resolve) => {
      this.pending.set(id, resolve as (result: unknown) => void);
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Live heap after a full collection, in bytes. */
  async heapAfterGc(): Promise<number> {
    await this.send('HeapProfiler.collectGarbage');
    await this.send('HeapProfiler.collectGarbage');
    const usage = await this.send<{ usedSize: number }>('Runtime.getHeapUsage');
    return usage.usedSize;
  }

  async startProfile(): Promise<void> {
    await this.send('Profiler.enable');
    await this.send('Profiler.setSamplingInterval', { interval: 500 });
    await this.send('Profiler.start');
  }

  async stopProfile(): Promise<CpuProfile> {
    const { profile } = await this.send<{ profile: CpuProfile }>('Profiler.stop');
    await this.send('Profiler.disable');
    return profile;
  }

  close(): void {
    this.socket.close();
  }
}

const shortUrl = (url: string): string => {
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const inModules = path.lastIndexOf('node_modules/');
  if (inModules >= 0) return path.slice(inModules + 'node_modules/'.length);
  return path.startsWith(ROOT) ? path.slice(ROOT.length) : path;
};

/** Self time per function (`name file:line`), and per file, highest first. */
export function summariseProfile(profile: CpuProfile, top = 15): { functions: HotSpot[]; files: HotSpot[] } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<CpuProfileNode, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (node) selfUs.set(node, (selfUs.get(node) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  });
  const total = profile.endTime - profile.startTime;
  const functions = new Map<string, number>();
  const files = new Map<string, number>();
  for (const [node, us] of selfUs) {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url ? shortUrl(url) : '';
    const name = file ? `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}` : functionName;
    functions.set(name, (functions.get(name) ?? 0) + us);
    const fileKey = file || functionName;
    files.set(fileKey, (files.get(fileKey) ?? 0) + us);
  }
  const rank = (map: Map<string, number>): HotSpot[] =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, selfMs: us / 1000, share: us / total }));
  return { functions: rank(functions), files: rank(files) };
}
