/**
 * The board with a big map: 1,000 ripples and 1,200 links, in headless Chromium at
 * 1920×1080. Prints the machine, the time to first render (navigation start until the
 * frame with every card and a link in it has been drawn, timed by the page) and frame times
 * (p50/p95 of requestAnimationFrame deltas) while panning, zooming and dragging a ripple.
 * Run: `node --import tsx bench/boardRender.ts` (add `--render-only` to stop after the
 * first render, `--trace=FILE` for a Chromium trace of it,
 * `--profile[=FILE]` for a CPU profile, `--trace-pan=FILE` and `--profile-pan=FILE` for the
 * same of the pan).
 *
 * The pan starts on empty canvas and the drag on a card's text, and each gesture is
 * checked to have moved the map or the card: the pan used to start wherever the centre of
 * the screen was, which on this map is a link (links do not pan), so it measured frames
 * in which nothing moved (16.8 ms p95 "panning" that was no panning at all).
 */
import { execSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { CDPSession, Page } from 'playwright-core';
import { addRipple, linkRipples } from '../shared/doc/commands';
import { roots } from '../shared/doc/schema';
import { createSession, FACILITATOR, facilitatorClient, Y } from '../tests/browser/boardSeed';
import { launchChromium } from '../tests/helpers/chromium';
import { startServerProcess } from '../tests/helpers/serverProcess';

const RIPPLES = 1000;
const LINKS = 1200;
/**
 * `--profile`: record a CPU profile of the first render and print the top self-time
 * functions; `--profile=FILE` also writes it as a .cpuprofile (DevTools opens it).
 */
const profileArg = process.argv.find((arg) => arg === '--profile' || arg.startsWith('--profile='));
const profile = profileArg !== undefined;
const profilePath = profileArg?.startsWith('--profile=') ? profileArg.slice('--profile='.length) : null;
/** `--trace=FILE`: write a Chromium performance trace of the first render (open it in DevTools). */
const tracePath = process.argv.find((arg) => arg.startsWith('--trace='))?.slice('--trace='.length);
/** `--profile-pan=FILE`: write a CPU profile of the pan (DevTools opens it). */
const panProfilePath = process.argv
  .find((arg) => arg.startsWith('--profile-pan='))
  ?.slice('--profile-pan='.length);
/** `--trace-pan=FILE`: write a Chromium performance trace of the pan. */
const panTracePath = process.argv.find((arg) => arg.startsWith('--trace-pan='))?.slice('--trace-pan='.length);
/**
 * `--timeline`: print when the socket's frames went and came and the page's milestones
 * (cards and links in the DOM, long tasks), without the profiler's slowdown.
 */
const timeline = process.argv.includes('--timeline') || profile;
/** `--render-only`: measure the first render and stop (for comparing builds quickly). */
const renderOnly = process.argv.includes('--render-only');

if (!existsSync('dist/client/index.html')) execSync('npx vite build', { stdio: 'inherit' });

/** A small seeded generator, so every run builds the same map. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** The zoom in a `translate(…) scale(z)` transform. */
const scaleOf = (transform: string) => Number(/scale\(([\d.]+)\)/.exec(transform)?.[1] ?? Number.NaN);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

interface FrameStats {
  p50: number;
  p95: number;
  n: number;
  /** Frames that took longer than one 60 Hz frame (a dropped frame or more). */
  late: number;
  /**
   * The renderer's main-thread task time during the gesture, per frame (ms). Frame times
   * on a shared 2-core machine swing with whatever else runs; this swings less, so it
   * tells a change's effect apart from a busy neighbour.
   */
  busy: number;
}

async function mainThreadMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
}

async function frames(page: Page, action: () => Promise<void>): Promise<FrameStats> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const busyBefore = await mainThreadMs(cdp);
  // Strings, not functions: tsx's name helpers do not exist in the page.
  // A loop per gesture: the previous gesture's loop, still waiting for its last frame when
  // this one starts, must not count frames here too (it did, doubling zoom and drag counts).
  await page.evaluate(`(() => {
    const deltas = (window.__deltas = []);
    const gesture = (window.__gesture = (window.__gesture ?? 0) + 1);
    let last = performance.now();
    const tick = (now) => {
      if (window.__gesture !== gesture) return;
      deltas.push(now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await action();
  const deltas = (await page.evaluate(
    '(() => { window.__gesture += 1; return window.__deltas.slice(1); })()',
  )) as number[];
  const busy = ((await mainThreadMs(cdp)) - busyBefore) / Math.max(1, deltas.length);
  await cdp.detach();
  const late = deltas.filter((delta) => delta > 1.5 * (1000 / 60)).length;
  return { p50: percentile(deltas, 50), p95: percentile(deltas, 95), n: deltas.length, late, busy };
}

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

const APP_FUNCTIONS =
  /^(docToView|shareUnchanged|shareList|sameValue|readRipples?|readLinks|readMeta|computeOrders|resolveOverlaps|freeLayout|ringsLayout|timelineLayout|toMapCards|mergeCards|CardLayer|Card|LinkLayer|RippleCanvas|LayoutBackdrop|FitView|refresh|parseRipple|BoardPage|PeerCursors|PresenceSync) /;
const frameName = (frame: ProfileNode['callFrame']) =>
  `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop() ?? ''}:${frame.lineNumber + 1}`;

/**
 * The functions that ran longest themselves (self time) and with their callees (total
 * time, each sample counted once per function however deep it recurses).
 */
function printProfile(p: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let sampled = 0;
  (p.samples ?? []).forEach((id, i) => {
    const dt = (p.timeDeltas?.[i + 1] ?? 0) / 1000;
    sampled += dt;
    const leaf = byId.get(id);
    if (!leaf) return;
    self.set(frameName(leaf.callFrame), (self.get(frameName(leaf.callFrame)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let n: ProfileNode | undefined = leaf; n; n = byId.get(parent.get(n.id) ?? -1)) {
      const name = frameName(n.callFrame);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + dt);
    }
  });
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, ms]) => `  ${ms.toFixed(0).padStart(6)} ms  ${name}`)
      .join('\n');
  console.log(`profile of the first render: ${sampled.toFixed(0)} ms sampled`);
  console.log(`top self time:\n${top(self, 20)}`);
  console.log(`top total time:\n${top(inclusive, 40)}`);
  const ours = new Map([...inclusive].filter(([name]) => APP_FUNCTIONS.test(name)));
  console.log(`Kringen's own functions, total time:\n${top(ours, 30)}`);
}

/**
 * A point where a press lands on the empty canvas, nearest the centre. Pressing on a card
 * drags the card and pressing on a link (React Flow marks links `nopan`) does nothing, so
 * a pan measured from an arbitrary point may measure no pan at all: until this was
 * checked, the "panning" figure came from a press on a link and the map never moved.
 */
async function emptyCanvasPoint(page: Page): Promise<{ x: number; y: number }> {
  const point = (await page.evaluate(`(() => {
    const pane = document.querySelector('.react-flow__pane').getBoundingClientRect();
    const cx = pane.x + pane.width / 2;
    const cy = pane.y + pane.height / 2;
    for (let r = 0; r < Math.min(pane.width, pane.height) / 2; r += 8) {
      for (const [dx, dy] of [[r, 0], [-r, 0], [0, r], [0, -r], [r, r], [-r, -r], [r, -r], [-r, r]]) {
        const hit = document.elementFromPoint(cx + dx, cy + dy);
        if (hit && hit.classList.contains('react-flow__pane')) return { x: cx + dx, y: cy + dy };
      }
    }
    return null;
  })()`)) as { x: number; y: number } | null;
  if (!point) throw new Error('no empty spot on the canvas to pan from');
  return point;
}

const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'blink.user_timing',
  'loading',
  'netlog',
];

/**
 * Starts a trace through the DevTools protocol (with the compositor's categories); the
 * returned function stops it and gives its JSON. Not `browser.startTracing`: started
 * after the first render it never returned.
 */
async function traceWithCdp(page: Page): Promise<() => Promise<string>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Tracing.start', {
    categories: [...TRACE_CATEGORIES, 'cc', 'viz', 'disabled-by-default-devtools.timeline.frame'].join(','),
    transferMode: 'ReturnAsStream',
  });
  return async () => {
    const done = new Promise<string>((resolve) =>
      cdp.once('Tracing.tracingComplete', (e) => resolve(e.stream as string)),
    );
    await cdp.send('Tracing.end');
    const handle = await done;
    let json = '';
    for (;;) {
      const chunk = await cdp.send('IO.read', { handle });
      json += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data;
      if (chunk.eof) break;
    }
    await cdp.send('IO.close', { handle });
    return json;
  };
}

const viewportTransform = (page: Page) =>
  page.evaluate(`document.querySelector('.react-flow__viewport').style.transform`) as Promise<string>;

/**
 * Frame times while panning, zooming and dragging a card, once the first render has
 * settled. Each gesture is checked to have done what it measures (the map moved, the
 * card moved), or the run fails.
 */
async function interactionFrames(page: Page) {
  await page.waitForTimeout(1500);

  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('no canvas');
  // Zoom in to working size first, so panning moves real cards across the screen.
  await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -200);
  await page.waitForTimeout(500);
  const panZoom = scaleOf(await viewportTransform(page));

  const start = await emptyCanvasPoint(page);
  const beforePan = await viewportTransform(page);
  const panTrace = panTracePath ? await traceWithCdp(page) : null;
  const panCdp = panProfilePath ? await page.context().newCDPSession(page) : null;
  if (panCdp) {
    await panCdp.send('Profiler.enable');
    await panCdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await panCdp.send('Profiler.start');
  }
  const pan = await frames(page, async () => {
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    for (let i = 0; i < 60; i++) await page.mouse.move(start.x - i * 12, start.y - i * 6, { steps: 2 });
    await page.mouse.up();
  });
  if (panCdp && panProfilePath) {
    writeFileSync(panProfilePath, JSON.stringify((await panCdp.send('Profiler.stop')).profile));
  }
  if (panTrace) writeFileSync(panTracePath as string, await panTrace());
  if ((await viewportTransform(page)) === beforePan) throw new Error('the pan did not move the map');

  const zoom = await frames(page, async () => {
    for (let i = 0; i < 20; i++) {
      await page.mouse.wheel(0, i < 10 ? 120 : -120);
      await page.waitForTimeout(16);
    }
  });

  // A card wholly on screen, not under the toolbar, with room to move, pressed on its text.
  const target = (await page.evaluate(`(() => {
    const pane = document.querySelector('.react-flow__pane').getBoundingClientRect();
    for (const node of document.querySelectorAll('.map-card')) {
      const r = node.getBoundingClientRect();
      const x = r.x + r.width / 2;
      const y = r.y + r.height * 0.6;
      const onTop = document.elementFromPoint(x, y)?.closest('.map-card') === node;
      if (onTop && r.x > pane.x && r.y > pane.y && r.right + 400 < pane.right && r.bottom + 150 < pane.bottom) {
        return { id: node.getAttribute('data-id'), x, y };
      }
    }
    return null;
  })()`)) as { id: string; x: number; y: number } | null;
  if (!target) throw new Error('no card wholly on screen to drag');
  const card = page.locator(`.map-card[data-id="${target.id}"]`);
  const beforeDrag = await card.boundingBox();
  const drag = await frames(page, async () => {
    await page.mouse.move(target.x, target.y);
    await page.mouse.down();
    for (let i = 0; i < 40; i++) await page.mouse.move(target.x + i * 8, target.y + i * 3, { steps: 2 });
    await page.mouse.up();
  });
  if ((await card.boundingBox())?.x === beforeDrag?.x) throw new Error('the drag did not move the card');

  // The same pan at reading zoom (1: cards in full, the free map's dots), where the map
  // draws everything (client/canvas/detailZoom.ts); the pan above is at the zoom a big map
  // is first worked at, where cards are brief.
  await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
  for (let i = 0; i < 30 && scaleOf(await viewportTransform(page)) < 1; i++) await page.mouse.wheel(0, -100);
  await page.waitForTimeout(1500);
  const readingZoom = scaleOf(await viewportTransform(page));
  const cardsInFull = await page.locator('.map-card:not(.map-card--brief)').count();
  if (cardsInFull === 0) throw new Error('no card drawn in full at reading zoom');
  const readStart = await emptyCanvasPoint(page);
  const beforeReadingPan = await viewportTransform(page);
  const readingPan = await frames(page, async () => {
    await page.mouse.move(readStart.x, readStart.y);
    await page.mouse.down();
    for (let i = 0; i < 60; i++)
      await page.mouse.move(readStart.x - i * 12, readStart.y - i * 6, { steps: 2 });
    await page.mouse.up();
  });
  if ((await viewportTransform(page)) === beforeReadingPan)
    throw new Error('the pan at reading zoom did not move the map');
  return { pan, zoom, drag, readingPan, panZoom, readingZoom };
}

const server = await startServerProcess();
const browser = await launchChromium();
try {
  const session = await createSession(server.baseUrl, 'Benchmark');
  const client = await facilitatorClient(server.baseUrl, session);
  const rand = random(42);
  const ids: string[] = [];
  client.doc.transact(() => {
    for (let i = 0; i < RIPPLES; i++) {
      const id = `r${i}`;
      addRipple(
        client.doc,
        FACILITATOR,
        { text: `Rimpeling ${i}: buren helpen elkaar vaker dan vroeger` },
        { id },
      );
      ids.push(id);
    }
  });
  let links = 0;
  client.doc.transact(() => {
    while (links < LINKS) {
      const a = Math.floor(rand() * RIPPLES);
      const b = Math.floor(rand() * RIPPLES);
      if (a >= b) continue;
      if (linkRipples(client.doc, FACILITATOR, ids[a] as string, ids[b] as string).ok) links++;
    }
  });
  const update = Y.encodeStateAsUpdate(client.doc).byteLength;
  // Start the clock only once the server holds the whole map: otherwise the board waits
  // for the server to work through the seeding backlog and the number measures that.
  for (let settled = false; !settled; ) {
    const check = await facilitatorClient(server.baseUrl, session);
    settled = roots(check.doc).ripples.size === RIPPLES && roots(check.doc).links.size === links;
    check.destroy();
    if (!settled) await new Promise((resolve) => setTimeout(resolve, 500));
  }

  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'nl-NL' });
  // Same origin first, so the profiler runs in the renderer that loads the board.
  const cdp = profile ? await page.context().newCDPSession(page) : null;
  if (timeline) {
    await page.goto(`${server.baseUrl}/api/health`);
    await page.addInitScript(`(() => {
      const marks = (window.__marks = []);
      const mark = (name) => marks.push([name, Math.round(performance.now())]);
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) marks.push(['long task ' + Math.round(e.duration) + ' ms', Math.round(e.startTime)]);
      }).observe({ type: 'longtask', buffered: true });
      let seen = -1;
      const tick = () => {
        const n = document.querySelectorAll('.map-card').length;
        const e = document.querySelectorAll('.links .link').length;
        const key = n + '/' + e;
        if (key !== seen) { seen = key; mark('cards/links ' + key); }
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    })()`);
  }
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  if (tracePath) {
    await browser.startTracing(page, {
      path: tracePath,
      categories: TRACE_CATEGORIES,
    });
  }
  const started = Date.now();
  const frameLog: string[] = [];
  if (timeline) {
    page.on('websocket', (ws) => {
      frameLog.push(`${Date.now() - started} websocket opened`);
      ws.on('framesent', (f) => {
        if (frameLog.length < 16)
          frameLog.push(`${Date.now() - started} frame sent, ${f.payload.length} bytes`);
      });
      ws.on('framereceived', (f) => {
        if (frameLog.length < 16)
          frameLog.push(`${Date.now() - started} frame received, ${f.payload.length} bytes`);
      });
    });
  }
  // The page times itself: from navigation start to the first animation frame after the
  // one in which every card and a link were in the DOM, i.e. once that frame was drawn.
  // (Timing it from here added the driver's round trips: 0.1–0.7 s that no user sees.)
  await page.addInitScript(`(() => {
    const wanted = ${RIPPLES};
    const check = () => {
      if (document.querySelectorAll('.map-card').length >= wanted && document.querySelector('.links .link')) {
        requestAnimationFrame(() => { window.__firstRender = performance.now(); });
      } else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })()`);
  await page.goto(`${server.baseUrl}${session.boardUrl}`);
  // A function, not a string: the page's Content-Security-Policy forbids eval.
  await page.waitForFunction(
    () => (window as { __firstRender?: number }).__firstRender !== undefined,
    undefined,
    {
      polling: 100,
      timeout: 60_000,
    },
  );
  const seenByDriver = Date.now() - started;
  const firstRender = Math.round(
    await page.evaluate(() => (window as { __firstRender?: number }).__firstRender ?? Number.NaN),
  );
  if (tracePath) await browser.stopTracing();
  if (cdp) {
    const recorded = (await cdp.send('Profiler.stop')).profile;
    if (profilePath) writeFileSync(profilePath, JSON.stringify(recorded));
    printProfile(recorded);
  }
  if (timeline) {
    console.log(frameLog.join('\n'));
    console.log('milestones (ms since navigation):');
    const marks = (await page.evaluate(`[
      ...window.__marks,
      ...performance.getEntriesByType('mark').map((m) => [m.name + (m.detail ? ' ' + m.detail + ' bytes' : ''), Math.round(m.startTime)]),
      ...performance.getEntriesByType('resource').filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js'))
        .map((r) => ['loaded ' + r.name.replace(/^.*\\//, '') + ' (asked at ' + Math.round(r.startTime) + ', first byte ' + Math.round(r.responseStart) + ')', Math.round(r.responseEnd)]),
    ]`)) as [string, number][];
    for (const [name, at] of marks.sort((a, b) => a[1] - b[1])) {
      console.log(`  ${String(at).padStart(6)}  ${name}`);
    }
  }
  const fittedZoom = scaleOf(await viewportTransform(page));
  const interaction = renderOnly ? null : await interactionFrames(page);

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `machine: ${cpu}, ${cpus().length} cores, node ${process.version}, Chromium headless 1920×1080`,
  );
  console.log(`map: ${RIPPLES} ripples, ${links} links (${(update / 1024).toFixed(0)} KiB document)`);
  console.log(
    `first render: ${firstRender} ms (target < 2000 ms; the test driver saw it after ${seenByDriver} ms)`,
  );
  const line = (name: string, f: FrameStats) =>
    console.log(
      `${name.padEnd(9)} frames p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms (${f.n} frames, ${f.late} late), main thread busy ${f.busy.toFixed(1)} ms per frame`,
    );
  if (interaction) {
    console.log(
      `(fitted to the screen at zoom ${fittedZoom}; panned, zoomed and dragged at ${interaction.panZoom})`,
    );
    line('panning', interaction.pan);
    line('zooming', interaction.zoom);
    line('dragging', interaction.drag);
    line(`panning at zoom ${interaction.readingZoom.toFixed(2)}`, interaction.readingPan);
  }
  client.destroy();
} finally {
  await browser.close();
  await server.stop();
}
