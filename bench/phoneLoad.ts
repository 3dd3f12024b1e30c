/**
 * A phone's first load over a slow connection (issue 5, the phones issue): "the first load
 * over a slow connection (headless Chromium, 1.6 Mbit/s, 150 ms latency) is interactive in
 * under 3 s". The real server (a child process, loopback only) serves the built client; each
 * run opens `/j/<CODE>` in a FRESH 390×844 mobile context (cold HTTP cache, no service
 * worker yet) with DevTools network emulation, and measures:
 *
 * - FCP: the page's own `first-contentful-paint` entry (ms after navigation start);
 * - interactive: from the `goto` call until the name field has taken a typed name and the
 *   "Meedoen" button is visible and enabled (the typing is part of the measurement);
 * - bytes and requests: the sum of `Network.loadingFinished` encodedDataLength for the page,
 *   and how many requests finished (the service worker's own fetches are counted apart);
 * - phase 2, after "Meedoen": from the click until the "Wat is er veranderd?" textarea has
 *   taken typed text (join request, page switch, IndexedDB, WebSocket, lazy chunks).
 *
 *   node --import tsx bench/phoneLoad.ts [--runs 5] [--cpu 4] [--waterfall]
 *     [--latency 150] [--kbps 1600] [--think 0] [--client-dir dist/client]
 *
 * `--cpu 4` adds `Emulation.setCPUThrottlingRate` (a cheap phone); `--waterfall` prints
 * every request of the first run (start, end, bytes, what started it); `--think 2000` waits
 * that long between typing the name and pressing "Meedoen" (a person; the default 0 is the
 * worst case for phase 2, which then competes with what the join page still loads). The load
 * average is printed too: on a busy machine the figures are slower. Exit code 0 when the
 * median time to interactive is under the target, 1 when it is missed, 2 on an error.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { CHROMIUM_PATH, hasChromium, launchChromium } from '../tests/helpers/chromium';
import { type ServerProcess, startServerProcess } from '../tests/helpers/serverProcess';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    cpu: { type: 'string', default: '1' },
    latency: { type: 'string', default: '150' },
    kbps: { type: 'string', default: '1600' },
    waterfall: { type: 'boolean', default: false },
    think: { type: 'string', default: '0' },
    'client-dir': { type: 'string' },
  },
});
const RUNS = Math.max(1, Number(values.runs));
const CPU_RATE = Math.max(1, Number(values.cpu));
const LATENCY_MS = Number(values.latency);
const BYTES_PER_SECOND = (Number(values.kbps) * 1000) / 8; // 1600 kbit/s = 200,000 bytes/s
const THINK_MS = Math.max(0, Number(values.think));
const TARGET_MS = 3000;
const RUN_TIMEOUT_MS = 60_000;
const TOTAL_TIMEOUT_MS = 10 * 60_000;
const NAME = 'Anouk';
const RIPPLE = 'De buurt praat meer met elkaar';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Another build (e.g. one made with `vite build --outDir /tmp/x`) can be measured side by side.
const CLIENT_DIR = values['client-dir'] ? resolve(values['client-dir']) : null;
const CLIENT_INDEX = join(CLIENT_DIR ?? join(ROOT, 'dist', 'client'), 'index.html');

interface RequestInfo {
  url: string;
  type: string;
  start: number; // seconds, CDP monotonic clock
  end?: number;
  bytes: number;
  initiator: string;
  failed?: string;
}

interface RunResult {
  fcp: number;
  interactive: number;
  joinBytes: number;
  joinRequests: number;
  add: number;
  addBytes: number;
  addRequests: number;
  swRequests: number;
  requests: RequestInfo[];
  navStart: number;
}

let server: ServerProcess | null = null;
let browser: Browser | null = null;
let cleaning: Promise<void> | null = null;

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
  })();
  return cleaning;
}

// Bounded in time: whatever hangs, the script ends (and cleans up) after TOTAL_TIMEOUT_MS.
const watchdog = setTimeout(() => {
  console.error(`phoneLoad: gave up after ${TOTAL_TIMEOUT_MS / 1000} s`);
  void cleanup().finally(() => process.exit(2));
}, TOTAL_TIMEOUT_MS);
watchdog.unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void cleanup().finally(() => process.exit(130));
  });
}

function buildClientIfMissing(): void {
  if (existsSync(CLIENT_INDEX)) return;
  if (CLIENT_DIR) throw new Error(`${CLIENT_INDEX} is missing`);
  console.log('dist/client/index.html is missing: building the client (vite build)…');
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
    timeout: 5 * 60_000,
  });
  if (result.status !== 0 || !existsSync(CLIENT_INDEX)) throw new Error('vite build failed');
}

async function createSession(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Bench: phone load' }),
  });
  if (!res.ok) throw new Error(`POST /api/sessions: ${res.status} ${await res.text()}`);
  const { joinCode } = (await res.json()) as { joinCode: string };
  return joinCode;
}

/** Calls `attempt` until it returns true or the deadline passes. */
async function pollUntil(what: string, deadline: number, attempt: () => Promise<boolean>): Promise<void> {
  while (Date.now() < deadline) {
    if (await attempt().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Types into a field (once it accepts input) and checks the text arrived. */
function typeInto(page: Page, label: string, text: string, exact: boolean) {
  const field = page.getByLabel(label, { exact });
  return async (): Promise<boolean> => {
    await field.fill(text, { timeout: 250 });
    return (await field.inputValue({ timeout: 250 })) === text;
  };
}

async function oneRun(context: BrowserContext, baseUrl: string, joinCode: string): Promise<RunResult> {
  const page = await context.newPage();
  const cdp: CDPSession = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: LATENCY_MS,
    downloadThroughput: BYTES_PER_SECOND,
    uploadThroughput: BYTES_PER_SECOND,
  });
  if (CPU_RATE > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });

  const requests = new Map<string, RequestInfo>();
  cdp.on('Network.requestWillBeSent', (e) => {
    const initiator = e.initiator.url ?? e.initiator.stack?.callFrames[0]?.url ?? e.initiator.type;
    requests.set(e.requestId, {
      url: e.request.url,
      type: e.type ?? '?',
      start: e.timestamp,
      bytes: 0,
      initiator: initiator.replace(baseUrl, ''),
    });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const info = requests.get(e.requestId);
    if (info) {
      info.end = e.timestamp;
      info.bytes = e.encodedDataLength;
    }
  });
  cdp.on('Network.loadingFailed', (e) => {
    const info = requests.get(e.requestId);
    if (info) {
      info.end = e.timestamp;
      info.failed = e.errorText;
    }
  });
  let swRequests = 0;
  const onRequest = (request: { serviceWorker(): unknown }) => {
    if (request.serviceWorker()) swRequests++;
  };
  context.on('request', onRequest);

  const deadline = Date.now() + RUN_TIMEOUT_MS;
  const started = performance.now();
  await page.goto(`${baseUrl}/j/${encodeURIComponent(joinCode)}`, {
    waitUntil: 'commit',
    timeout: RUN_TIMEOUT_MS,
  });
  const meedoen = page.getByRole('button', { name: 'Meedoen', exact: true });
  const typeName = typeInto(page, 'Je naam', NAME, false);
  await pollUntil('the join form to take a name', deadline, async () => {
    if (!(await meedoen.isVisible()) || !(await meedoen.isEnabled({ timeout: 250 }))) return false;
    return typeName();
  });
  const interactive = performance.now() - started;
  const fcp = await page.evaluate(
    () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
  );
  const finished = () => [...requests.values()].filter((r) => r.end !== undefined);
  const joinDone = finished();
  const joinBytes = joinDone.reduce((sum, r) => sum + r.bytes, 0);
  const joinRequests = joinDone.length;

  // Phase 2: join, and the add page is usable.
  if (THINK_MS > 0) await new Promise((resolve) => setTimeout(resolve, THINK_MS));
  const clicked = performance.now();
  await meedoen.click({ timeout: RUN_TIMEOUT_MS });
  const typeRipple = typeInto(page, 'Wat is er veranderd?', RIPPLE, true);
  await pollUntil('the add page to take a ripple', deadline, typeRipple);
  const add = performance.now() - clicked;
  const all = finished();
  const addBytes = all.reduce((sum, r) => sum + r.bytes, 0) - joinBytes;

  context.off('request', onRequest);
  const navStart = Math.min(...[...requests.values()].map((r) => r.start));
  const result: RunResult = {
    fcp,
    interactive,
    joinBytes,
    joinRequests,
    add,
    addBytes,
    addRequests: all.length - joinRequests,
    swRequests,
    requests: [...requests.values()],
    navStart,
  };
  await cdp.detach().catch(() => undefined);
  await page.close();
  return result;
}

function printWaterfall(run: RunResult, baseUrl: string): void {
  console.log('waterfall of run 1 (ms after the first request; bytes on the wire; started by):');
  const sorted = [...run.requests].sort((a, b) => a.start - b.start);
  for (const r of sorted) {
    const from = ((r.start - run.navStart) * 1000).toFixed(0).padStart(5);
    const to = r.end === undefined ? '    …' : ((r.end - run.navStart) * 1000).toFixed(0).padStart(5);
    const kb = `${(r.bytes / 1024).toFixed(1)} KB`.padStart(9);
    const url = r.url.replace(baseUrl, '').replace(/^ws:\/\/[^/]+/, '(ws)');
    const failed = r.failed ? ` FAILED ${r.failed}` : '';
    console.log(
      `  ${from} → ${to} ${kb}  ${r.type.padEnd(10)} ${url.slice(0, 70)}  ← ${r.initiator}${failed}`,
    );
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
const ms = (x: number) => `${x.toFixed(0)} ms`;
const kb = (x: number) => `${(x / 1024).toFixed(1)} KB`;
const line = (label: string, xs: number[], format: (x: number) => string) =>
  `${label.padEnd(34)} median ${format(median(xs)).padStart(9)}   max ${format(Math.max(...xs)).padStart(9)}`;

async function main(): Promise<number> {
  if (!hasChromium) throw new Error(`no Chromium at ${CHROMIUM_PATH}`);
  buildClientIfMissing();
  const loadAtStart = loadavg()[0] ?? 0;
  server = await startServerProcess(CLIENT_DIR ? { env: { CLIENT_DIR } } : {});
  const joinCode = await createSession(server.baseUrl);
  browser = await launchChromium();

  const results: RunResult[] = [];
  for (let i = 0; i < RUNS; i++) {
    // A fresh context per run: empty HTTP cache, no service worker, no IndexedDB.
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 3,
      isMobile: true,
      hasTouch: true,
      locale: 'nl-NL',
    });
    try {
      const result = await oneRun(context, server.baseUrl, joinCode);
      results.push(result);
      console.log(
        `run ${i + 1}: FCP ${ms(result.fcp)}, interactive ${ms(result.interactive)} (${kb(result.joinBytes)}, ${result.joinRequests} requests), add page ${ms(result.add)} (+${kb(result.addBytes)}, ${result.addRequests} requests), service worker fetches ${result.swRequests}`,
      );
    } finally {
      await context.close();
    }
  }

  const interactive = results.map((r) => r.interactive);
  const first = results[0];
  if (values.waterfall && first) printWaterfall(first, server.baseUrl);
  const cpu = cpus()[0]?.model ?? 'unknown cpu';
  console.log(
    `machine: ${cpu}, ${cpus().length} cores, node ${process.version}, Chromium ${browser.version()}; load average (1 min) ${loadAtStart.toFixed(1)} at start, ${(loadavg()[0] ?? 0).toFixed(1)} at end`,
  );
  console.log(
    `client: ${CLIENT_DIR ?? 'dist/client'}; network: ${(BYTES_PER_SECOND * 8) / 1e6} Mbit/s down and up, ${LATENCY_MS} ms latency; CPU throttling ${CPU_RATE > 1 ? `${CPU_RATE}×` : 'off'}; think ${THINK_MS} ms; ${RUNS} runs, fresh context each (390×844, DPR 3, mobile, touch)`,
  );
  console.log(
    line(
      'first contentful paint',
      results.map((r) => r.fcp),
      ms,
    ),
  );
  console.log(line('interactive (name typed, Meedoen)', interactive, ms));
  console.log(
    line(
      '  transferred',
      results.map((r) => r.joinBytes),
      kb,
    ),
  );
  console.log(
    line(
      '  requests',
      results.map((r) => r.joinRequests),
      (x) => x.toFixed(0),
    ),
  );
  console.log(
    line(
      'add page usable (after Meedoen)',
      results.map((r) => r.add),
      ms,
    ),
  );
  console.log(
    line(
      '  transferred',
      results.map((r) => r.addBytes),
      kb,
    ),
  );
  console.log(
    line(
      '  requests',
      results.map((r) => r.addRequests),
      (x) => x.toFixed(0),
    ),
  );
  const met = median(interactive) < TARGET_MS;
  console.log(
    `${met ? 'TARGET MET' : 'TARGET MISSED'}: median time to interactive ${ms(median(interactive))} (max ${ms(Math.max(...interactive))}), target < ${TARGET_MS} ms`,
  );
  return met ? 0 : 1;
}

let code = 2;
try {
  code = await main();
} catch (error) {
  console.error('phoneLoad failed:', error);
  const running = server as ServerProcess | null; // assigned inside main()
  if (running) console.error(`server output:\n${running.output()}`);
} finally {
  await cleanup();
  clearTimeout(watchdog);
}
process.exit(code);
