import { readFileSync } from 'node:fs';
import { createRequire, SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

// `ws` comes from the repository root on purpose: bench/node_modules holds the reference
// server's ws 6, which a bare import from this folder would pick up. ws is CommonJS, so
// requiring it gives the same module the rest of the bench uses.
const rootRequire = createRequire(new URL('../../package.json', import.meta.url));
const { WebSocket } = rootRequire('ws') as typeof import('ws');

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LOOP_RESOLUTION_MS = 10;

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ServerLoop {
  p50: number;
  p99: number;
  max: number;
  gc: { count: number; totalMs: number; maxMs: number; over100: number };
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

  /**
   * Where the server's resident memory is, read inside it before any forced collection:
   * V8's heap spaces (committed MB, of which in use) and the largest mappings of
   * /proc/self/smaps ([anon] is mostly V8's heap, [heap] is malloc: SQLite, buffers).
   * One line of text; found the 16 MB SQLite page cache (25 Nov).
   */
  async memoryBreakdown(): Promise<string> {
    return String(
      await this.evaluate(
        `(() => { const v8 = process.getBuiltinModule('node:v8'); const fs = process.getBuiltinModule('node:fs');
          const mb = (n) => (n / 1048576).toFixed(1);
          const spaces = v8.getHeapSpaceStatistics().filter((s) => s.space_size > 0)
            .map((s) => s.space_name.replace(/_space$/, '') + ' ' + mb(s.space_size) + ' (' + mb(s.space_used_size) + ')');
          const byMap = {}; let name = '';
          for (const line of fs.readFileSync('/proc/self/smaps', 'utf8').split('\\n')) {
            const head = /^[0-9a-f]+-[0-9a-f]+ \\S+ \\S+ \\S+ \\S+\\s*(.*)$/.exec(line);
            if (head) { name = (head[1] || '[anon]').split('/').pop(); continue; }
            const rss = /^Rss:\\s+(\\d+)/.exec(line);
            if (rss) byMap[name] = (byMap[name] ?? 0) + Number(rss[1]) * 1024;
          }
          const maps = Object.entries(byMap).sort((a, b) => b[1] - a[1]).slice(0, 5).map(([n, b]) => n + ' ' + mb(b));
          return 'RSS ' + mb(process.memoryUsage().rss) + ' MB; V8 heap: ' + spaces.join(', ') + '; mappings: ' + maps.join(', '); })()`,
      ),
    );
  }

  /**
   * Starts an event-loop delay histogram inside the server (perf_hooks, through
   * `Runtime.evaluate`): how long a message waits for the server's one thread, which CPU
   * figures do not show (a synchronous fsync blocks the loop without using CPU).
   */
  async startLoopMonitor(): Promise<void> {
    await this.evaluate(
      `(() => { const hooks = process.getBuiltinModule('node:perf_hooks');
        const h = hooks.monitorEventLoopDelay({ resolution: ${LOOP_RESOLUTION_MS} });
        h.enable();
        const gc = { count: 0, totalMs: 0, maxMs: 0, over100: 0 };
        const observer = new hooks.PerformanceObserver((list) => {
          for (const entry of list.getEntries()) {
            gc.count++; gc.totalMs += entry.duration; gc.maxMs = Math.max(gc.maxMs, entry.duration);
            if (entry.duration > 100) gc.over100++;
          }
        });
        observer.observe({ entryTypes: ['gc'] });
        globalThis.__benchLoop = { h, gc, observer };
        return true; })()`,
    );
  }

  /**
   * The longest event-loop delay (ms) and GC pause time (ms) since the last
   * call, then starts a new interval: a per-second view of the server's own stalls.
   */
  async loopInterval(): Promise<{ delayMaxMs: number; gcMs: number }> {
    const json = await this.evaluate(
      `(() => { const m = globalThis.__benchLoop; if (!m) return 'null';
        m.interval ??= { h: process.getBuiltinModule('node:perf_hooks').monitorEventLoopDelay({ resolution: ${LOOP_RESOLUTION_MS} }), gcAt: 0 };
        const i = m.interval; i.h.enable();
        const out = { delayMaxMs: i.h.max / 1e6, gcMs: m.gc.totalMs - i.gcAt };
        i.h.reset(); i.gcAt = m.gc.totalMs;
        return JSON.stringify(out); })()`,
    );
    const raw = JSON.parse(String(json)) as { delayMaxMs: number; gcMs: number } | null;
    if (!raw) return { delayMaxMs: Number.NaN, gcMs: Number.NaN };
    // No tick recorded yet reads as 0: unknown. Otherwise the tick itself is subtracted.
    const delayMaxMs = raw.delayMaxMs > 0 ? Math.max(0, raw.delayMaxMs - LOOP_RESOLUTION_MS) : Number.NaN;
    return { delayMaxMs, gcMs: raw.gcMs };
  }

  /**
   * The server's event-loop delay since startLoopMonitor, in ms (the tick subtracted), and
   * its garbage-collection pauses (count, total and longest, and how many took over 100 ms).
   */
  async stopLoopMonitor(): Promise<ServerLoop> {
    const json = await this.evaluate(
      `(() => { const m = globalThis.__benchLoop; if (!m) return 'null';
        m.h.disable(); m.interval?.h.disable(); m.observer.disconnect(); delete globalThis.__benchLoop;
        return JSON.stringify({ p50: m.h.percentile(50), p99: m.h.percentile(99), max: m.h.max, gc: m.gc }); })()`,
    );
    const raw = JSON.parse(String(json)) as {
      p50: number;
      p99: number;
      max: number;
      gc: ServerLoop['gc'];
    } | null;
    const ms = (ns: number | undefined) =>
      typeof ns === 'number' && Number.isFinite(ns) ? Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS) : Number.NaN;
    const nan = Number.NaN;
    return {
      p50: ms(raw?.p50),
      p99: ms(raw?.p99),
      max: ms(raw?.max),
      gc: raw?.gc ?? { count: nan, totalMs: nan, maxMs: nan, over100: nan },
    };
  }

  private async evaluate(expression: string): Promise<unknown> {
    const reply = await this.send<{
      result?: { value?: unknown };
      exceptionDetails?: unknown;
      error?: unknown;
    }>('Runtime.evaluate', { expression, returnByValue: true });
    if (reply.exceptionDetails || reply.error) {
      throw new Error(`inspector evaluate failed: ${JSON.stringify(reply.exceptionDetails ?? reply.error)}`);
    }
    return reply.result?.value;
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

/**
 * The built server (scripts/buildServer.ts) is one file with a source map beside it: a
 * profile's position in the bundle maps back to the source module and line.
 */
const mapsByUrl = new Map<string, SourceMap | null>();
function sourceOf(url: string, line: number, column: number): { module: string; line: number } | null {
  if (!url.startsWith('file://') || !url.endsWith('.js') || url.includes('/node_modules/')) return null;
  let map = mapsByUrl.get(url);
  if (map === undefined) {
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${fileURLToPath(url)}.map`, 'utf8')));
    } catch {
      map = null;
    }
    mapsByUrl.set(url, map);
  }
  const entry = map?.findEntry(line, column);
  if (!entry || !('originalSource' in entry)) return null;
  const module = /(?:^|\/)((?:server|shared|client)\/[\w./-]+)$/.exec(entry.originalSource)?.[1];
  return module ? { module, line: entry.originalLine + 1 } : null;
}

/** Pseudo-frames that are not functions (their self time is still listed). */
const PSEUDO = new Set(['(root)', '(program)', '(idle)', '(garbage collector)']);

/**
 * Self time per function (`name file:line`; for the built server, the source file and
 * line through its source map), self time per file (module), and total time per function (self plus what it
 * calls; each sample counted once per function even when it recurses), highest first.
 */
export function summariseProfile(
  profile: CpuProfile,
  top = 15,
): { functions: HotSpot[]; totals: HotSpot[]; files: HotSpot[] } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const names = new Map<number, { name: string; file: string }>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const source = url ? sourceOf(url, lineNumber, columnNumber) : null;
    const file = source?.module ?? (url ? shortUrl(url) : '');
    const where = source ? `${source.module}:${source.line}` : `${file}:${lineNumber + 1}`;
    names.set(node.id, {
      name: file ? `${functionName || '(anonymous)'} ${where}` : functionName,
      file: file || functionName,
    });
  }
  const functions = new Map<string, number>();
  const files = new Map<string, number>();
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i + 1] ?? 0;
    const leaf = names.get(id);
    if (!leaf) return;
    functions.set(leaf.name, (functions.get(leaf.name) ?? 0) + us);
    files.set(leaf.file, (files.get(leaf.file) ?? 0) + us);
    const onStack = new Set<string>();
    for (let node: number | undefined = id; node !== undefined; node = parentOf.get(node)) {
      const name = names.get(node)?.name;
      if (name && !PSEUDO.has(byId.get(node)?.callFrame.functionName ?? '')) onStack.add(name);
    }
    for (const name of onStack) totals.set(name, (totals.get(name) ?? 0) + us);
  });
  const total = profile.endTime - profile.startTime;
  const rank = (map: Map<string, number>, count = top): HotSpot[] =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, us]) => ({ name, selfMs: us / 1000, share: us / total }));
  return { functions: rank(functions), totals: rank(totals, top + 10), files: rank(files) };
}
