import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LayoutName } from '../../shared/model/ripple';
import { hasChromium } from '../helpers/chromium';
import {
  boardMenuAction,
  createSession,
  facilitatorClient,
  type SeededSession,
  VISIBLE_SLOW,
} from './boardSeed';
import { pngSize } from './exportSeed';
import { serverAndChromium } from './serverAndChromium';
import { seedVisual, VISUAL_LINKS, VISUAL_RIPPLES } from './visualSeed';

/**
 * The pictures a researcher takes home, in every layout, of the visual check's map (40
 * long ripples, 50 links): every text inside its card and the picture, every link drawn,
 * the rings' sectors and the programme's whole name, the timeline's undated tray named.
 * With SCREENSHOTS=<dir>, each SVG is also saved as a PNG for the README.
 */
const LAYOUTS: LayoutName[] = ['free', 'timeline', 'rings'];
const PROGRAMME = 'Samen Gezond Dorp: bewoners en zorg in de Achterhoek';

interface SvgReading {
  width: number;
  height: number;
  cards: number;
  /** Texts of a card outside its card's box. */
  outsideCards: string[];
  /** Anything drawn outside the picture. */
  outsidePicture: string[];
  links: number;
  sectors: number;
  sectorLabels: string[];
  centre: string;
  tray: string | null;
}

/** Draws the SVG in a page of its own and measures it. */
async function readSvg(page: Page, svg: string): Promise<SvgReading> {
  await page.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
  await page.evaluate(() => document.fonts.ready);
  return page.evaluate(() => {
    const root = document.querySelector('svg') as SVGSVGElement;
    const frame = root.getBoundingClientRect();
    const outsideCards: string[] = [];
    const ripples = [...root.querySelectorAll('g.ripple')];
    for (const group of ripples) {
      const card = (group.querySelector('rect.card') as SVGRectElement).getBoundingClientRect();
      for (const text of group.querySelectorAll('text')) {
        const r = text.getBoundingClientRect();
        if (
          r.left < card.left ||
          r.right > card.right + 0.5 ||
          r.top < card.top ||
          r.bottom > card.bottom + 0.5
        )
          outsideCards.push(text.textContent ?? '');
      }
    }
    const outsidePicture: string[] = [];
    for (const el of root.querySelectorAll('text, path.link, rect, circle, line')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (
        r.left < frame.left - 0.5 ||
        r.right > frame.right + 0.5 ||
        r.top < frame.top - 0.5 ||
        r.bottom > frame.bottom + 0.5
      )
        outsidePicture.push(`${el.tagName}.${el.getAttribute('class') ?? ''} ${el.textContent ?? ''}`.trim());
    }
    return {
      width: frame.width,
      height: frame.height,
      cards: ripples.length,
      outsideCards,
      outsidePicture,
      links: root.querySelectorAll('path.link').length,
      sectors: root.querySelectorAll('line.sector').length,
      sectorLabels: [...root.querySelectorAll('text.sector-label')].map((t) => t.textContent ?? ''),
      centre: [...root.querySelectorAll('text.centre-title')].map((t) => t.textContent).join(' '),
      tray: root.querySelector('text.tray-label')?.textContent ?? null,
    };
  });
}

describe.skipIf(!hasChromium)('the exported pictures', () => {
  const env = serverAndChromium();
  const sessions = new Map<LayoutName, SeededSession>();

  beforeAll(async () => {
    for (const layout of LAYOUTS) {
      const session = await createSession(env.server().baseUrl, `Plaatjes: ${layout}`);
      const client = env.track(await facilitatorClient(env.server().baseUrl, session));
      seedVisual(client, layout);
      sessions.set(layout, session);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }, 60_000);

  it.each(LAYOUTS)(
    '%s: SVG and PNG with every text inside its card and the picture, every link, and the layout drawn whole',
    async (layout) => {
      const session = sessions.get(layout) as SeededSession;
      const context = await env.context({
        viewport: { width: 1280, height: 800 },
        baseURL: env.server().baseUrl,
        acceptDownloads: true,
      });
      const page = await context.newPage();
      await page.goto(session.boardUrl);
      await page.locator('.map-card').first().waitFor(VISIBLE_SLOW);
      await boardMenuAction(page, 'Bewaren en terugkijken');
      const save = async (name: string) => {
        const [file] = await Promise.all([
          page.waitForEvent('download', { timeout: 60_000 }),
          page.getByRole('button', { name, exact: true }).click(),
        ]);
        return readFile(await file.path());
      };
      const svg = (await save('SVG downloaden')).toString('utf8');
      const png = await save('PNG downloaden');
      expect(pngSize(png).width).toBe(3508);

      const look = await context.newPage();
      const r = await readSvg(look, svg);
      const dir = process.env.SCREENSHOTS;
      if (dir) {
        // Scaled to 1600 px wide for the README (the file itself is several thousand).
        await look.setViewportSize({ width: 1600, height: 900 });
        await look.evaluate(() => {
          const root = document.querySelector('svg') as SVGSVGElement;
          root.style.width = '100%';
          root.style.height = 'auto';
        });
        await look.screenshot({ path: `${dir}/export-${layout}.png`, fullPage: true });
      }

      expect(r.cards).toBe(VISUAL_RIPPLES);
      expect(r.outsideCards).toEqual([]);
      expect(r.outsidePicture).toEqual([]);
      expect(r.links).toBe(VISUAL_LINKS);
      if (layout === 'rings') {
        // The session's codebook (the five working elements) and "no code yet": one sector each.
        expect(r.sectors).toBe(6);
        expect(r.sectorLabels).toHaveLength(6);
        expect(r.centre).toBe(PROGRAMME);
      }
      if (layout === 'timeline') expect(r.tray).toBe('Nog zonder datum (4)');
    },
    120_000,
  );
});
