/**
 * The board with a big map: 1,000 ripples and 1,200 links, in headless Chromium at
 * 1920×1080. Prints the machine, the time to first render (navigation until every card
 * is in the DOM) and frame times (p50/p95 of requestAnimationFrame deltas) while panning,
 * zooming and dragging a ripple. Run: `node --import tsx bench/boardRender.ts`
 * (add `--only-visible` to measure React Flow's onlyRenderVisibleElements).
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import type { Page } from 'playwright-core';
import { addRipple, linkRipples } from '../shared/doc/commands';
import { createSession, FACILITATOR, facilitatorClient, Y } from '../tests/browser/boardSeed';
import { launchChromium } from '../tests/helpers/chromium';
import { startServerProcess } from '../tests/helpers/serverProcess';

const RIPPLES = 1000;
const LINKS = 1200;
const onlyVisible = process.argv.includes('--only-visible');

if (!existsSync('dist/client/index.html')) execSync('npx vite build', { stdio: 'inherit' });

/** A small seeded generator, so every run builds the same map. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

async function frames(
  page: Page,
  action: () => Promise<void>,
): Promise<{ p50: number; p95: number; n: number }> {
  // Strings, not functions: tsx's name helpers do not exist in the page.
  await page.evaluate(`(() => {
    window.__deltas = [];
    window.__run = true;
    let last = performance.now();
    const tick = (now) => {
      window.__deltas.push(now - last);
      last = now;
      if (window.__run) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await action();
  const deltas = (await page.evaluate(
    '(() => { window.__run = false; return window.__deltas.slice(1); })()',
  )) as number[];
  return { p50: percentile(deltas, 50), p95: percentile(deltas, 95), n: deltas.length };
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
  while (links < LINKS) {
    const a = Math.floor(rand() * RIPPLES);
    const b = Math.floor(rand() * RIPPLES);
    if (a >= b) continue;
    if (linkRipples(client.doc, FACILITATOR, ids[a] as string, ids[b] as string).ok) links++;
  }
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const update = Y.encodeStateAsUpdate(client.doc).byteLength;

  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'nl-NL' });
  const started = Date.now();
  await page.goto(`${server.baseUrl}${session.boardUrl.replace('#', onlyVisible ? '?onlyVisible#' : '#')}`);
  await page.waitForFunction(
    (n) =>
      document.querySelectorAll('.react-flow__node').length >= n &&
      document.querySelector('.react-flow__edge'),
    onlyVisible ? 1 : RIPPLES,
    { polling: 'raf', timeout: 60_000 },
  );
  const firstRender = Date.now() - started;
  await page.waitForTimeout(1500);

  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('no canvas');
  const cx = pane.x + pane.width / 2;
  const cy = pane.y + pane.height / 2;
  // Zoom in to working size first, so panning moves real cards across the screen.
  await page.mouse.move(cx, cy);
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -200);
  await page.waitForTimeout(500);

  const pan = await frames(page, async () => {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let i = 0; i < 60; i++) await page.mouse.move(cx - i * 12, cy - i * 6, { steps: 2 });
    await page.mouse.up();
  });
  const zoom = await frames(page, async () => {
    for (let i = 0; i < 20; i++) {
      await page.mouse.wheel(0, i < 10 ? 120 : -120);
      await page.waitForTimeout(16);
    }
  });
  const node = page.locator('.react-flow__node').first();
  const box = await node.boundingBox();
  const drag = await frames(page, async () => {
    if (!box) return;
    await page.mouse.move(box.x + 40, box.y + 40);
    await page.mouse.down();
    for (let i = 0; i < 40; i++) await page.mouse.move(box.x + 40 + i * 8, box.y + 40 + i * 3, { steps: 2 });
    await page.mouse.up();
  });

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `machine: ${cpu}, ${cpus().length} cores, node ${process.version}, Chromium headless 1920×1080`,
  );
  console.log(
    `map: ${RIPPLES} ripples, ${links} links (${(update / 1024).toFixed(0)} KiB document), onlyRenderVisibleElements ${onlyVisible ? 'on' : 'off'}`,
  );
  console.log(`first render: ${firstRender} ms (target < 2000 ms)`);
  const line = (name: string, f: { p50: number; p95: number; n: number }) =>
    console.log(
      `${name.padEnd(9)} frames p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms (${f.n} frames)`,
    );
  line('panning', pan);
  line('zooming', zoom);
  line('dragging', drag);
  client.destroy();
} finally {
  await browser.close();
  await server.stop();
}
