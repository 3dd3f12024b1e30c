import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { WORKING_ELEMENTS } from '../../shared/codebooks';
import { addRipple, editRipple, linkRipples } from '../../shared/doc/commands';
import { hasChromium } from '../helpers/chromium';
import type { TestClient } from '../helpers/yClient';
import {
  boardMenuAction,
  connected,
  createSession,
  FACILITATOR,
  facilitatorClient,
  type SeededSession,
  VISIBLE_SLOW,
} from './boardSeed';
import {
  CODES,
  type Exported,
  LINKS,
  pngSize,
  RIPPLES,
  rippleIndex,
  seedPhase,
  seedPlan,
  serverExport,
  waitForServer,
} from './exportSeed';
import { serverAndChromium } from './serverAndChromium';

/**
 * The research-export issue's "Done when", the parts that are about a session's life
 * rather than its files, in real Chromium against the real server process:
 * - import refuses a corrupted file with a message naming the field, and the server holds
 *   no partial session afterwards;
 * - a map far larger than a canvas is scaled down, says so, and is never blank;
 * - the analysis view counts what was seeded and prints as a clean page;
 * - the replay slider shows fewer ripples at an earlier moment than now.
 *
 * The server keeps history per minute, so the session is seeded in two phases in two
 * different minutes: phase 1 in `beforeAll`, phase 2 in the replay test once the minute has
 * turned (the import and giant-map tests run in between, so the wait is mostly used).
 */

/** Ripples (and the links among them) of the first phase. */
const PHASE_ONE = 120;

async function sessionCount(baseUrl: string): Promise<number> {
  return ((await (await fetch(`${baseUrl}/api/health`)).json()) as { sessions: number }).sessions;
}

describe.skipIf(!hasChromium)('import refusal, a giant map, analysis and replay', () => {
  const env = serverAndChromium();
  let session: SeededSession;
  let client: TestClient;
  let phaseOneMinute = 0;
  const plan = seedPlan();
  const phaseOneLinks = plan.links.filter(([, to]) => rippleIndex(to) < PHASE_ONE).length;

  beforeAll(async () => {
    session = await createSession(env.server().baseUrl, 'Terugblik Gezond Dorp');
    client = env.track(await facilitatorClient(env.server().baseUrl, session));
    seedPhase(client, plan, 0, PHASE_ONE);
    await waitForServer(env.server().baseUrl, session, PHASE_ONE, phaseOneLinks);
    phaseOneMinute = Math.floor(Date.now() / 60_000);
  });

  async function open(path: string): Promise<Page> {
    const context = await env.context({
      viewport: { width: 1920, height: 1080 },
      baseURL: env.server().baseUrl,
      locale: 'nl-NL',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await page.goto(path);
    return page;
  }

  it('refuses a corrupted session file by field, from the home page, and creates nothing', async () => {
    onTestFailed(() => console.error(`--- server output ---\n${env.server().output()}`));
    const good = await serverExport(env.server().baseUrl, session.id, session.facilitatorKey);
    const before = await sessionCount(env.server().baseUrl);
    const page = await open('/');
    const form = page.getByRole('form', { name: 'Een sessie openen uit een bestand' });
    const status = form.getByRole('status');

    const attempts: Array<{ corrupt: (d: Exported) => void; field: string }> = [
      {
        corrupt: (d) => {
          (d.ripples[17] as { valence: string }).valence = 'heel goed';
        },
        field: 'ripples[17].valence',
      },
      // Valid field by field, but a link to a ripple the file does not hold.
      {
        corrupt: (d) => {
          (d.links[3] as { to: string }).to = 'r999';
        },
        field: 'links[3].to',
      },
    ];
    for (const { corrupt, field } of attempts) {
      const data = structuredClone(good);
      corrupt(data);
      await form.getByLabel('Sessiebestand').setInputFiles({
        name: 'kapot.kringen.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(data)),
      });
      await form.getByRole('button', { name: 'Sessie openen' }).click();
      await status
        .filter({ hasText: `Dit bestand kon niet worden geopend. Er klopt iets niet bij ${field}:` })
        .waitFor(VISIBLE_SLOW);
      expect(new URL(page.url()).pathname).toBe('/');
      expect(await sessionCount(env.server().baseUrl)).toBe(before);
    }

    // Not JSON at all: refused in the browser, nothing sent.
    await form.getByLabel('Sessiebestand').setInputFiles({
      name: 'kapot.kringen.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":"kringen-session",'),
    });
    await form.getByRole('button', { name: 'Sessie openen' }).click();
    await status.filter({ hasText: 'Dit bestand is geen JSON.' }).waitFor(VISIBLE_SLOW);
    expect(await sessionCount(env.server().baseUrl)).toBe(before);
  });

  it('is scaled down to fit 16,384 px, says so, and is not blank', async () => {
    onTestFailed(() => console.error(`--- server output ---\n${env.server().output()}`));
    const session = await createSession(env.server().baseUrl, 'Reuzenkaart');
    const client = await facilitatorClient(env.server().baseUrl, session);
    // Far apart, and tall: at A3 width (4961 px) the picture would be over 150,000 px high.
    client.doc.transact(() => {
      const spots = [
        { x: 0, y: 0 },
        { x: 1_200, y: 0 },
        { x: 0, y: 60_000 },
        { x: 1_200, y: 60_000 },
        { x: 600, y: 30_000 },
      ];
      spots.forEach((position, i) => {
        addRipple(
          client.doc,
          FACILITATOR,
          { text: `Hoek ${i}: de ijsbaan werd één groot feest`, position },
          { id: `g${i}` },
        );
        if (!editRipple(client.doc, FACILITATOR, `g${i}`, { code: CODES[i] ?? null }).ok)
          throw new Error('code');
      });
      for (const [a, b] of [
        [0, 4],
        [1, 4],
        [4, 2],
        [4, 3],
      ] as const)
        linkRipples(client.doc, FACILITATOR, `g${a}`, `g${b}`);
    });
    await waitForServer(env.server().baseUrl, session, 5, 4);
    try {
      const page = await open(session.boardUrl);
      await connected(page).waitFor(VISIBLE_SLOW);
      await boardMenuAction(page, 'Bewaren en terugkijken');
      await page.getByLabel('Formaat').selectOption('a3');
      const [file] = await Promise.all([
        page.waitForEvent('download', { timeout: 45_000 }),
        page.getByRole('button', { name: 'PNG downloaden', exact: true }).click(),
      ]);
      const bytes = await readFile(await file.path());
      const { width, height } = pngSize(bytes);
      expect(width).toBeLessThanOrEqual(16_384);
      expect(height).toBeLessThanOrEqual(16_384);
      expect(width * height).toBeLessThanOrEqual(268_435_456);
      expect(Math.max(width, height)).toBeGreaterThan(16_000);
      await page
        .locator('.export-panel__status')
        .filter({ hasText: `(${width} × ${height} px)` })
        .filter({
          hasText: `De kaart is groter dan de browser in één keer kan tekenen; het plaatje is daarom ${width} px breed geworden.`,
        })
        .waitFor(VISIBLE_SLOW);
      const pixels = await page.evaluate(async (base64) => {
        const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([data], { type: 'image/png' }));
        // Read in strips: one getImageData of the whole picture would be a gigabyte.
        const canvas = new OffscreenCanvas(bitmap.width, 512);
        const ctx = canvas.getContext('2d', { willReadFrequently: true });
        if (!ctx) throw new Error('no canvas');
        let nonWhite = 0;
        let coloured = 0;
        /** Which tenth of the picture's height has something drawn in it. */
        const inked = new Set<number>();
        for (let top = 0; top < bitmap.height; top += 512) {
          ctx.clearRect(0, 0, bitmap.width, 512);
          ctx.drawImage(bitmap, 0, -top);
          const strip = ctx.getImageData(0, 0, bitmap.width, Math.min(512, bitmap.height - top)).data;
          for (let i = 0; i < strip.length; i += 4) {
            const [r = 0, g = 0, b = 0] = strip.subarray(i, i + 3);
            if (r + g + b > 720) continue;
            nonWhite++;
            if (Math.max(r, g, b) - Math.min(r, g, b) > 80) coloured++;
            inked.add(Math.floor(((top + Math.floor(i / 4 / bitmap.width)) / bitmap.height) * 10));
          }
        }
        return { nonWhite, coloured, inked: [...inked].sort((x, y) => x - y) };
      }, bytes.toString('base64'));
      console.info(`giant map: ${width} × ${height} px`, pixels);
      // The title and top cards, the middle card, the bottom cards and the legend are all
      // drawn (the links run through every tenth), with the code colours.
      expect(pixels.inked).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(pixels.nonWhite).toBeGreaterThan(3_000);
      expect(pixels.coloured).toBeGreaterThan(300);
    } finally {
      client.destroy();
    }
  });

  it('analysis counts the seeded codes and prints one clean page; replay shows the map growing', async () => {
    onTestFailed(() => console.error(`--- server output ---\n${env.server().output()}`));
    // Phase 2 in a later minute than phase 1, so history holds an earlier moment.
    while (Math.floor(Date.now() / 60_000) <= phaseOneMinute) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    seedPhase(client, plan, PHASE_ONE, RIPPLES);
    const data = await waitForServer(env.server().baseUrl, session, RIPPLES, LINKS);

    const page = await open(session.boardUrl);
    await connected(page).waitFor(VISIBLE_SLOW);
    await boardMenuAction(page, 'Bewaren en terugkijken');
    await page
      .getByRole('navigation', { name: 'Bewaren en terugkijken' })
      .getByRole('button', { name: 'Analyse' })
      .click();
    await page.getByRole('heading', { name: 'Wat zegt de kaart?' }).waitFor(VISIBLE_SLOW);
    await page.getByText(`${RIPPLES} rimpelingen op de kaart`).waitFor(VISIBLE_SLOW);

    // Code × order, against what was seeded (codes) and what the server derives (orders).
    const table = page.locator('table.analysis__table');
    for (const code of [...WORKING_ELEMENTS.codes.map((c) => c.id), null]) {
      const ripples = data.ripples.filter((r) => r.code === code);
      expect(ripples.length).toBe(plan.ripples.filter((r) => r.code === code).length);
      const label = WORKING_ELEMENTS.codes.find((c) => c.id === code)?.label.nl ?? 'Nog niet gecodeerd';
      const cells = await table.getByRole('row', { name: label }).getByRole('cell').allTextContents();
      const byOrder = (o: number) => ripples.filter((r) => Math.min(r.order, 3) === o).length;
      expect(cells, label).toEqual([byOrder(1), byOrder(2), byOrder(3), ripples.length].map(String));
    }
    const positive = page.getByRole('img', { name: 'Positief en negatief' });
    await expect(positive.textContent()).resolves.toContain(String(RIPPLES / 4));

    // Print: only the summary, on one or two pages.
    await page.emulateMedia({ media: 'print' });
    const visibility = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => getComputedStyle(el).visibility);
    expect(await visibility('.board__header')).toBe('hidden');
    expect(await visibility('.board__canvas')).toBe('hidden');
    expect(await visibility('.analysis h2')).toBe('visible');
    expect(await page.getByRole('button', { name: 'Samenvatting afdrukken' }).isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
    await page.emulateMedia({ media: 'screen' });

    // Replay: now, then the first stored moment.
    await page
      .getByRole('navigation', { name: 'Bewaren en terugkijken' })
      .getByRole('button', { name: 'Terugkijken' })
      .click();
    const slider = page.getByRole('slider', { name: 'Moment in de sessie' });
    await slider.waitFor(VISIBLE_SLOW);
    const line = page.locator('.replay__status');
    const picture = page.getByRole('img', { name: 'De kaart op dat moment' });
    await line
      .filter({ hasText: `${RIPPLES} rimpelingen, ${RIPPLES} op de kaart, ${LINKS} verbindingen` })
      .waitFor(VISIBLE_SLOW);
    await picture.waitFor(VISIBLE_SLOW);
    const nowPicture = await picture.getAttribute('src');
    // The page's CSP allows no fetch of blob: URLs; the drawing's size tells the maps apart.
    const heightOf = () => picture.evaluate((img: HTMLImageElement) => img.naturalHeight);
    const heightNow = await heightOf();
    expect(heightNow).toBeGreaterThan(0);

    await slider.focus();
    await page.keyboard.press('Home');
    expect(await slider.inputValue()).toBe('0');
    await line.filter({ hasNotText: `${RIPPLES} rimpelingen` }).waitFor(VISIBLE_SLOW);
    const earlier = Number(/: (\d+) rimpelingen/.exec((await line.textContent()) ?? '')?.[1]);
    expect(earlier).toBeLessThan(RIPPLES);
    expect([0, PHASE_ONE]).toContain(earlier);
    // The picture follows the slider.
    await page.waitForFunction(
      (before) => {
        const img = document.querySelector<HTMLImageElement>('.replay__picture');
        return img !== null && img.src !== before;
      },
      nowPicture,
      { timeout: 10_000 },
    );
    await picture.evaluate((img: HTMLImageElement) => img.decode());
    // Fewer rows of cards: a shorter drawing (an empty map is drawn at its minimum size).
    expect(await heightOf()).toBeLessThan(heightNow);

    // Shown large for a room: the whole screen, play and pause, and a PNG of the moment.
    await page.getByRole('button', { name: 'Groot tonen', exact: true }).click();
    const large = page.getByRole('dialog', { name: 'Terugkijken' });
    await large.waitFor(VISIBLE_SLOW);
    const shown = await large.getByRole('img', { name: 'De kaart op dat moment' }).boundingBox();
    expect(shown?.height ?? 0).toBeGreaterThan(800);
    await large.getByRole('button', { name: 'Afspelen' }).click();
    await large.getByRole('button', { name: 'Pauze' }).waitFor(VISIBLE_SLOW);
    await large.getByRole('button', { name: 'Pauze' }).click();
    const [step] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      large.getByRole('button', { name: 'PNG van dit moment' }).click(),
    ]);
    expect(pngSize(await readFile(await step.path())).width).toBe(1920);
    await page.keyboard.press('Escape');
    await large.waitFor({ state: 'hidden' });
  }, 120_000);
});
