import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addRipple, updateMeta } from '../../shared/doc/commands';
import { readMeta } from '../../shared/doc/read';
import type { LayoutName } from '../../shared/model/ripple';
import { hasChromium } from '../helpers/chromium';
import {
  boardMenuAction,
  createSession,
  FACILITATOR,
  facilitatorClient,
  joinSession,
  participant,
  participantClient,
  type SeededSession,
  VISIBLE_SLOW,
} from './boardSeed';
import { serverAndChromium } from './serverAndChromium';
import { seedVisual, VISUAL_LINKS, VISUAL_RIPPLES } from './visualSeed';

/**
 * The map as a room sees it: every layout, on a 1280×800 laptop board and a 1920×1080
 * projector, in Dutch and English, on a map of 40 long ripples and 50 links. Everything is
 * read from the DOM and the pixels' stacking order (elementFromPoint), not from whether an
 * element exists. With SCREENSHOTS=<dir> set, each view is also saved as a PNG (the
 * README's pictures: scripts/screenshots.ts).
 */
const LAYOUTS: LayoutName[] = ['free', 'timeline', 'rings'];
const VIEWS = [
  { name: 'board', width: 1280, height: 800, projector: false },
  { name: 'projector', width: 1920, height: 1080, projector: true },
] as const;
const LANGUAGES = ['nl', 'en'] as const;
/** The projectors the map is shown in parts on: a full HD beamer and one as low as a laptop. */
/** The projector's pager once it shows, what it says ("Deel 2 van 9"), and how many parts there are. */
async function pagerOf(page: Page, en: boolean) {
  const pager = page.getByRole('navigation', { name: en ? 'Parts of the map' : 'Delen van de kaart' });
  await pager.waitFor(VISIBLE_SLOW);
  const where = () =>
    pager
      .locator('.map-pager__where')
      .textContent()
      .then((text) => text ?? '');
  const count = Number(/(?:van|of) (\d+)/.exec(await where())?.[1]);
  return { pager, where, count };
}

/**
 * The names drawn in the picture (`selector`) that show in the map but are cut at its edge;
 * `faded`: a name at opacity 0 counts as not shown.
 */
function namesCutAtEdge(page: Page, selector: string, faded: boolean): Promise<string[]> {
  return page.evaluate(
    ({ selector, faded }) => {
      const pane = (document.querySelector('.react-flow') as HTMLElement).getBoundingClientRect();
      const out: string[] = [];
      for (const el of document.querySelectorAll(selector)) {
        if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: faded })) continue;
        const r = el.getBoundingClientRect();
        const inView =
          r.right > pane.left && r.left < pane.right && r.bottom > pane.top && r.top < pane.bottom;
        const whole =
          r.left >= pane.left - 0.5 &&
          r.right <= pane.right + 0.5 &&
          r.top >= pane.top - 0.5 &&
          r.bottom <= pane.bottom + 0.5;
        if (inView && !whole)
          out.push(`${el.getAttribute('class')} "${el.textContent}" cut at the map's edge`);
      }
      return out;
    },
    { selector, faded },
  );
}

const PROJECTORS = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 800 },
].flatMap((size) => LANGUAGES.map((language) => ({ ...size, language })));
const CASES = LAYOUTS.flatMap((layout) =>
  VIEWS.flatMap((view) => LANGUAGES.map((language) => ({ layout, view, language }))),
);

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1;

/** What the checks read from the page, in one pass. */
interface Reading {
  cards: (Box & { id: string; brief: boolean; cut: string | null })[];
  links: { id: string; x: number; y: number; hit: string }[];
  overlays: (Box & { name: string })[];
  controls: (Box & { name: string; hit: boolean })[];
  pane: Box;
  header: number | null;
  title: number | null;
}

/** Reads the page's geometry; lines and backdrops take the pointer meanwhile, so elementFromPoint sees what is painted on top. */
function read(page: Page, besideOverlays = false): Promise<Reading> {
  return page.evaluate((besideOverlays) => {
    const style = document.createElement('style');
    style.textContent =
      '.links path,.backdrop,.backdrop *{pointer-events:auto!important}.map-card{content-visibility:visible!important}';
    document.head.append(style);
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    const paneEl = document.querySelector('.react-flow') as HTMLElement;
    const pane = box(paneEl);
    const cards = [...document.querySelectorAll<HTMLElement>('.map-card')].map((el) => {
      const inner = el.querySelector<HTMLElement>('.ripple-card') as HTMLElement;
      let cut: string | null = null;
      if (inner.scrollHeight > inner.clientHeight + 1)
        cut = `card ${inner.scrollHeight} > ${inner.clientHeight}`;
      const limit = inner.getBoundingClientRect();
      for (const part of inner.querySelectorAll<HTMLElement>('p, .code-label, .mark, .order-badge')) {
        const r = part.getBoundingClientRect();
        if (r.width === 0) continue;
        const css = getComputedStyle(part);
        if (css.textOverflow === 'ellipsis' && part.scrollWidth > part.clientWidth)
          cut = `ellipsis: ${part.textContent}`;
        if (part.scrollHeight > part.clientHeight + 1 && css.overflow !== 'visible')
          cut = `clipped: ${part.textContent}`;
        if (r.bottom > limit.bottom - 1 || r.right > limit.right + 1) cut = `outside: ${part.textContent}`;
      }
      return {
        id: el.dataset.id as string,
        brief: el.classList.contains('map-card--brief'),
        cut,
        ...box(el),
      };
    });
    const overlayEls = [
      ...document.querySelectorAll(
        '.join-panel, .projector-corner, .prompt-card, .map-toolbar, .projector-exit, .react-flow__controls, .board__header',
      ),
    ];
    const overlays = overlayEls.map((el) => ({ name: el.className, ...box(el) }));
    // Zoomed in by hand, the map runs under the toolbar: only what is beside it must show.
    const underOverlay = (x: number, y: number) =>
      besideOverlays &&
      overlays.some((o) => x >= o.x - 4 && x <= o.x + o.width + 4 && y >= o.y - 4 && y <= o.y + o.height + 4);
    const inside = (x: number, y: number) =>
      x > pane.x + 2 &&
      x < pane.x + pane.width - 2 &&
      y > pane.y + 2 &&
      y < pane.y + pane.height - 2 &&
      !underOverlay(x, y);
    const hitName = (x: number, y: number) => {
      const hit = document.elementFromPoint(x, y);
      return hit?.closest('.links')
        ? 'link'
        : (hit?.closest('[class]')?.getAttribute('class') ?? hit?.tagName ?? 'nothing');
    };
    const onScreen = (path: SVGPathElement, at: number) => {
      const point = path.getPointAtLength(path.getTotalLength() * at);
      const m = path.getScreenCTM() as DOMMatrix;
      return { x: m.a * point.x + m.c * point.y + m.e, y: m.b * point.x + m.d * point.y + m.f };
    };
    // Read up close each line is its own path; zoomed out all are one (sampled at ten places).
    const overview = document.querySelector<SVGPathElement>('.link--overview');
    const paths: [string, SVGPathElement, number][] = overview
      ? Array.from({ length: 10 }, (_, i) => [`overview@${i}`, overview, (i + 0.5) / 10])
      : [...document.querySelectorAll<SVGElement>('.links [data-link-id]')].map((el) => [
          el.getAttribute('data-link-id') as string,
          el instanceof SVGPathElement ? el : (el.querySelector('path') as SVGPathElement),
          0.5,
        ]);
    // Along each line, not only its middle: every tenth of it, away from the two cards it joins.
    const links = paths.flatMap(([id, path, at]) => {
      const length = path.getTotalLength();
      const m = path.getScreenCTM() as DOMMatrix;
      const ats = overview ? [at] : [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
      return ats.flatMap((t) => {
        const along = length * t;
        if (!overview && (along * m.a < 24 || (length - along) * m.a < 24)) return [];
        const { x, y } = onScreen(path, t);
        return inside(x, y) ? [{ id: `${id}@${t}`, x, y, hit: hitName(x, y) }] : [];
      });
    });
    const controls = [...document.querySelectorAll<HTMLElement>('.board button, .board a, .board select')]
      .filter((el) => {
        const b = el.getBoundingClientRect();
        if (b.width === 0 || el.closest('.map-card')) return false;
        // Scrolled out of its panel is not covered: only controls in view count.
        const first = el.getClientRects()[0] ?? b;
        const cx = first.x + first.width / 2;
        const cy = first.y + first.height / 2;
        for (let p = el.parentElement; p; p = p.parentElement) {
          if (getComputedStyle(p).overflowY === 'visible') continue;
          const r = p.getBoundingClientRect();
          if (cx < r.left || cx > r.right || cy < r.top || cy > r.bottom) return false;
        }
        return cx >= 0 && cy >= 0 && cx <= innerWidth && cy <= innerHeight;
      })
      .map((el) => {
        const b = box(el);
        // A link that wraps is pressed on its first line.
        const first = el.getClientRects()[0] ?? el.getBoundingClientRect();
        const hit = document.elementFromPoint(first.x + first.width / 2, first.y + first.height / 2);
        return {
          name: el.getAttribute('aria-label') ?? el.textContent ?? '',
          hit: !!hit && el.contains(hit),
          ...b,
        };
      });
    const header = document.querySelector('.board__header');
    const title = document.querySelector('.board__title h1, .board__title');
    style.remove();
    return {
      cards,
      links,
      overlays,
      controls,
      pane,
      header: header ? header.getBoundingClientRect().height : null,
      title: title ? title.getBoundingClientRect().width : null,
    };
  }, besideOverlays);
}

const zoomOf = (page: Page) =>
  page.evaluate(() => {
    const transform = (document.querySelector('.react-flow__viewport') as HTMLElement).style.transform;
    return Number(/scale\(([\d.]+)\)/.exec(transform)?.[1] ?? Number.NaN);
  });

/** Zooms the map in around the pane's middle to reading zoom, then reads it again. */
async function readZoomedIn(page: Page): Promise<Reading> {
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('no map');
  await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
  for (let i = 0; i < 30 && (await zoomOf(page)) < 0.6; i++) {
    await page.mouse.wheel(0, -300);
    await page.waitForTimeout(60);
  }
  await page.locator('.links [data-link-id]').first().waitFor({ state: 'attached', timeout: 5000 });
  return read(page, true);
}

const RING_NAMES = {
  nl: ['1e orde', '2e orde', '3e orde en verder'],
  en: ['1st order', '2nd order', '3rd order and later'],
} as const;

/**
 * The rings a projector's part shows (1, 2, 3), read from the drawn circles: a ring's
 * band reaches from the next ring inwards (or the programme's disc) to its own circle.
 * Only rings in view by more than a few pixels count.
 */
function ringsInView(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const pane = (document.querySelector('.react-flow') as HTMLElement).getBoundingClientRect();
    const radius = (selector: string) => {
      const el = document.querySelector(selector);
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2, r: r.width / 2 };
    };
    const centre = radius('.backdrop--rings .centre');
    if (!centre) return [];
    const x0 = pane.left + 4 - centre.x;
    const x1 = pane.right - 4 - centre.x;
    const y0 = pane.top + 4 - centre.y;
    const y1 = pane.bottom - 4 - centre.y;
    const near = Math.hypot(Math.max(x0, -x1, 0), Math.max(y0, -y1, 0));
    const far = Math.hypot(Math.max(Math.abs(x0), Math.abs(x1)), Math.max(Math.abs(y0), Math.abs(y1)));
    const shown: number[] = [];
    let inner = centre.r;
    for (const order of [1, 2, 3]) {
      const ring = radius(`.backdrop--rings .ring--${order}`);
      if (!ring) continue;
      if (near < ring.r - 4 && far > inner + 4) shown.push(order);
      inner = ring.r;
    }
    return shown;
  });
}

/**
 * For each name, whether the map (outside the cards) shows it where the room can read it:
 * some element with that text lies wholly inside the map's pane, is what the screen shows
 * at its centre (nothing lies on it), and its type is at least 18 px on screen. Returns
 * what is wrong, per name; the part's cards must not lie on the name either.
 */
function namesReadable(page: Page, names: string[]): Promise<string[]> {
  return page.evaluate((names) => {
    const style = document.createElement('style');
    style.textContent = '.links path,.backdrop,.backdrop *{pointer-events:auto!important}';
    document.head.append(style);
    const paneEl = document.querySelector('.react-flow') as HTMLElement;
    const pane = paneEl.getBoundingClientRect();
    const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    const fontPx = (el: Element) => {
      const size = Number.parseFloat(getComputedStyle(el).fontSize);
      if (el instanceof SVGGraphicsElement) return size * (el.getScreenCTM()?.a ?? 1);
      const html = el as HTMLElement;
      return html.offsetWidth ? (size * html.getBoundingClientRect().width) / html.offsetWidth : size;
    };
    const cards = [...document.querySelectorAll('.map-card:not(.map-card--other-part)')].map((el) =>
      el.getBoundingClientRect(),
    );
    const problems: string[] = [];
    for (const name of names) {
      // The deepest elements on the map (not on a card) that say exactly this.
      const found = [...paneEl.querySelectorAll('*')].filter(
        (el) =>
          !el.closest('.map-card') &&
          text(el) === name &&
          ![...el.children].some((child) => text(child) === name) &&
          el.checkVisibility({ visibilityProperty: true, opacityProperty: true }),
      );
      const why = found.map((el) => {
        const r = el.getBoundingClientRect();
        const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        if (
          r.left < pane.left - 0.5 ||
          r.right > pane.right + 0.5 ||
          r.top < pane.top - 0.5 ||
          r.bottom > pane.bottom + 0.5
        )
          return `cut at the map's edge (${Math.round(r.left)}–${Math.round(r.right)} × ${Math.round(r.top)}–${Math.round(r.bottom)})`;
        if (!hit || !(el === hit || el.contains(hit)))
          return `under ${hit?.getAttribute('class') ?? hit?.tagName}`;
        if (fontPx(el) < 18) return `${fontPx(el).toFixed(1)} px`;
        if (cards.some((c) => r.left < c.right && c.left < r.right && r.top < c.bottom && c.top < r.bottom))
          return 'on a card of the part';
        return '';
      });
      if (!why.includes(''))
        problems.push(`"${name}": ${why.length === 0 ? 'not on the map' : why.join('; ')}`);
    }
    style.remove();
    return problems;
  }, names);
}

describe.skipIf(!hasChromium)('the map as a room sees it', () => {
  const env = serverAndChromium();
  const sessions = new Map<LayoutName, SeededSession>();

  beforeAll(async () => {
    for (const layout of LAYOUTS) {
      const session = await createSession(env.server().baseUrl, `Zo ziet de zaal het: ${layout}`);
      const client = env.track(await facilitatorClient(env.server().baseUrl, session));
      seedVisual(client, layout);
      sessions.set(layout, session);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }, 60_000);

  async function openView(
    layout: LayoutName,
    view: { width: number; height: number; projector: boolean },
    language: 'nl' | 'en',
  ) {
    const session = sessions.get(layout) as SeededSession;
    const context = await env.context({
      viewport: { width: view.width, height: view.height },
      baseURL: env.server().baseUrl,
      reducedMotion: 'reduce',
    });
    await context.addInitScript(
      (lang) => localStorage.setItem('kringen:language', JSON.stringify(lang)),
      language,
    );
    const page = await context.newPage();
    await page.goto(session.boardUrl);
    await page.locator('.map-card').first().waitFor(VISIBLE_SLOW);
    await page.evaluate(() => document.fonts.ready);
    // The board's header at this size, before projector mode hides it.
    const header = await page.evaluate(() => ({
      height: document.querySelector('.board__header')?.getBoundingClientRect().height ?? 0,
      title: document.querySelector('.board__title h1')?.getBoundingClientRect().width ?? 0,
    }));
    if (view.projector) {
      await page.keyboard.press('p');
      await page.locator('.board--projector').waitFor(VISIBLE_SLOW);
    }
    // The fit after the layout settles (and after projector mode's chrome changed the pane).
    await page.waitForTimeout(800);
    return { page, header };
  }

  it.each(CASES)(
    '$layout layout, $view.name, $language: cards apart and whole, every line visible, nothing under an overlay, header one row',
    async ({ layout, view, language }) => {
      const { page, header } = await openView(layout, view, language);
      // The header is one row and the title shows, at this screen's width, in this language.
      expect(header.height).toBeGreaterThan(0);
      expect(header.height).toBeLessThanOrEqual(72);
      expect(header.title).toBeGreaterThan(80);
      const dir = process.env.SCREENSHOTS;
      // The README shows the Dutch views; SCREENSHOTS_ALL saves the English ones too.
      if (dir && (language === 'nl' || process.env.SCREENSHOTS_ALL)) {
        await mkdir(dir, { recursive: true });
        await page.screenshot({ path: `${dir}/${layout}-${view.name}-${language}.png` });
      }
      const r = await read(page);
      expect(r.cards).toHaveLength(VISUAL_RIPPLES);

      // Rings on the board, fitted: every ring inside the map, every ring and sector name clear of the toolbars.
      if (layout === 'rings' && !view.projector) {
        const clipped = await page.evaluate(() => {
          const pane = (document.querySelector('.react-flow') as HTMLElement).getBoundingClientRect();
          const overlays = [...document.querySelectorAll('.map-toolbar, .react-flow__controls')].map((e) =>
            e.getBoundingClientRect(),
          );
          const out: string[] = [];
          for (const el of document.querySelectorAll('.backdrop--rings .ring, .backdrop--rings text')) {
            const r = el.getBoundingClientRect();
            const name = `${el.getAttribute('class')} ${el.textContent ?? ''}`.trim();
            if (
              r.left < pane.left - 1 ||
              r.right > pane.right + 1 ||
              r.top < pane.top - 1 ||
              r.bottom > pane.bottom + 1
            )
              out.push(`${name} cut`);
            if (
              el.tagName === 'text' &&
              overlays.some(
                (o) => r.left < o.right && o.left < r.right && r.top < o.bottom && o.top < r.bottom,
              )
            )
              out.push(`${name} under a toolbar`);
          }
          return out;
        });
        expect(clipped).toEqual([]);
      }

      // No two cards overlap.
      const pairs: string[] = [];
      for (let i = 0; i < r.cards.length; i++)
        for (let j = i + 1; j < r.cards.length; j++)
          if (overlap(r.cards[i] as Box, r.cards[j] as Box))
            pairs.push(`${r.cards[i]?.id}/${r.cards[j]?.id}`);
      expect(pairs).toEqual([]);

      // In projector mode the cards are drawn in full, at 24 px or more, and none cuts its text.
      if (view.projector) {
        expect(r.cards.filter((c) => c.brief)).toEqual([]);
        const fontPx = await page.evaluate(() => {
          const text = document.querySelector('.ripple-card__text') as HTMLElement;
          return (
            text.getBoundingClientRect().height /
            (text.offsetHeight / Number.parseFloat(getComputedStyle(text).fontSize))
          );
        });
        expect(fontPx).toBeGreaterThanOrEqual(23.9);
        expect(r.cards.filter((c) => c.cut).map((c) => `${c.id}: ${c.cut}`)).toEqual([]);
      }

      // Every line on screen shows along its length: not under a card, the backdrop or an overlay.
      // (The board's fitted map is below reading zoom, where lines are one path: zoom in first.)
      const close = view.projector ? r : await readZoomedIn(page);
      // Never under a card, the backdrop or an overlay: a line no curve keeps clear of the
      // cards goes round them (linkRoute.ts).
      expect(close.links.filter((l) => l.hit !== 'link').map((l) => `${l.id} under ${l.hit}`)).toEqual([]);
      // (The projector shows the map's start at readable zoom: some lines' middles may lie beyond it.)
      if (!view.projector) expect(close.links.length).toBeGreaterThan(0);
      expect(await page.locator('.links [data-link-id]').count()).toBe(VISUAL_LINKS);
      expect(VISUAL_LINKS).toBe(50);

      // Every control can be pressed (nothing lies on it).
      expect(r.controls.filter((c) => !c.hit).map((c) => c.name)).toEqual([]);

      // On the board, after fitting, no card lies under an overlay.
      if (!view.projector) {
        const covered = r.cards.flatMap((c) =>
          r.overlays.filter((o) => overlap(c, o)).map((o) => `${c.id} under ${o.name}`),
        );
        expect(covered).toEqual([]);
        expect(r.header).not.toBeNull();
        expect(r.header as number).toBeLessThanOrEqual(72);
        expect(r.title as number).toBeGreaterThan(0);
      }
    },
    60_000,
  );

  it.each(PROJECTORS)(
    'rings on a $width×$height projector ($language): too big to read whole, it is shown sector by sector, each part whole at 24 px, naming its sector and the rings it shows where they read, and the parts hold every card once',
    async ({ width, height, language }) => {
      const { page } = await openView('rings', { width, height, projector: true }, language);
      const en = language === 'en';
      const { pager, where, count } = await pagerOf(page, en);
      // Forty long cards at 24 px cover more than the screen: whole at reading size, the map takes parts.
      expect(count).toBeGreaterThan(1);
      const next = pager.getByRole('button', { name: en ? 'Next ›' : 'Volgende ›' });
      const seen = new Map<string, number>();
      const sectors = new Set<string>();
      for (let part = 0; part < count; part++) {
        if (part > 0) await next.click();
        await expect
          .poll(where)
          .toContain(en ? `Part ${part + 1} of ${count}` : `Deel ${part + 1} van ${count}`);
        // The part is framed once every card on it lies inside the map (however busy the machine).
        await expect
          .poll(
            () =>
              page.evaluate(() => {
                const pane = (document.querySelector('.react-flow') as HTMLElement).getBoundingClientRect();
                return [...document.querySelectorAll('.map-card:not(.map-card--other-part)')].every((el) => {
                  const r = el.getBoundingClientRect();
                  return (
                    r.left >= pane.left - 0.5 &&
                    r.top >= pane.top - 0.5 &&
                    r.right <= pane.right + 0.5 &&
                    r.bottom <= pane.bottom + 0.5
                  );
                });
              }),
            { timeout: 10_000 },
          )
          .toBe(true);
        const zoom = await zoomOf(page);
        // Card text is 19.2 map units: at this zoom it is 24 px or more.
        expect(19.2 * zoom).toBeGreaterThanOrEqual(23.9);
        // The room reads, on the map itself, which sector this is and which rings it sees.
        const sector = (await pager.locator('.map-pager__name').textContent()) ?? '';
        const rings = await ringsInView(page);
        expect(rings.length).toBeGreaterThan(0);
        const names = [sector, ...rings.map((order) => RING_NAMES[language][order - 1] as string)];
        expect(await namesReadable(page, names), `part ${part + 1}: ${names.join(', ')}`).toEqual([]);
        // Nothing else the picture names (the programme at the centre) is cut at the map's edge.
        const cut = await namesCutAtEdge(
          page,
          '.backdrop--rings text, .backdrop--rings .centre__label',
          false,
        );
        expect(cut, `part ${part + 1}`).toEqual([]);
        const r = await read(page);
        const shown = await page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('.map-card:not(.map-card--other-part)')].map(
            (el) => el.dataset.id as string,
          ),
        );
        expect(shown.length).toBeGreaterThan(0);
        for (const id of shown) {
          seen.set(id, (seen.get(id) ?? 0) + 1);
          const card = r.cards.find((c) => c.id === id);
          if (!card) throw new Error(`no card ${id}`);
          // Whole inside the map's pane (beside the rail), drawn in full, its words uncut.
          expect(card.x).toBeGreaterThanOrEqual(r.pane.x - 0.5);
          expect(card.y).toBeGreaterThanOrEqual(r.pane.y - 0.5);
          expect(card.x + card.width).toBeLessThanOrEqual(r.pane.x + r.pane.width + 0.5);
          expect(card.y + card.height).toBeLessThanOrEqual(r.pane.y + r.pane.height + 0.5);
          expect(card.brief).toBe(false);
          expect(card.cut).toBeNull();
        }
        // The part names its sector.
        const name = (await pager.locator('.map-pager__name').textContent()) ?? '';
        expect(name.length).toBeGreaterThan(0);
        sectors.add(name);
        // However long the sector's name, the pager's buttons stay whole inside the rail.
        const pastRail = await page.evaluate(() => {
          const rail = (document.querySelector('.projector-rail') as HTMLElement).getBoundingClientRect();
          return [...document.querySelectorAll('.map-pager button')]
            .filter((button) => {
              const r = button.getBoundingClientRect();
              return r.left < rail.left - 0.5 || r.right > rail.right + 0.5;
            })
            .map((button) => button.textContent);
        });
        expect(pastRail, `part ${part + 1}: ${name}`).toEqual([]);
        expect(r.controls.filter((c) => !c.hit).map((c) => c.name)).toEqual([]);
      }
      expect(await next.isDisabled()).toBe(true);
      expect(seen.size).toBe(VISUAL_RIPPLES);
      expect([...seen.values()].every((n) => n === 1)).toBe(true);
      expect(sectors.size).toBeGreaterThan(1);
      // A clicker's Page Up goes back a part.
      await page.keyboard.press('PageUp');
      await expect
        .poll(where)
        .toContain(en ? `Part ${count - 1} of ${count}` : `Deel ${count - 1} van ${count}`);
    },
    240_000,
  );

  it('a presenter screen at 1920×1080 turns the parts of a big map with a clicker’s Page Down and Page Up', async () => {
    const session = sessions.get('rings') as SeededSession;
    const context = await env.context({
      viewport: { width: 1920, height: 1080 },
      baseURL: env.server().baseUrl,
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    await page.goto(session.presenterUrl);
    const { where, count } = await pagerOf(page, false);
    expect(count).toBeGreaterThan(1);
    await expect.poll(where).toContain(`Deel 1 van ${count}`);
    await page.keyboard.press('PageDown');
    await expect.poll(where).toContain(`Deel 2 van ${count}`);
    await page.keyboard.press('PageDown');
    await expect.poll(where).toContain(`Deel 3 van ${count}`);
    await page.keyboard.press('PageUp');
    await expect.poll(where).toContain(`Deel 2 van ${count}`);
    // The part's key names its sector on the presenter screen too.
    await page
      .getByRole('group', { name: 'Wat dit deel toont' })
      .locator('.part-key__sector')
      .waitFor(VISIBLE_SLOW);
  });

  it.each(PROJECTORS)(
    "timeline on a $width×$height projector ($language): the first parts cut no name of the timeline at the map's edge (lanes, months, phases, the tray)",
    async ({ width, height, language }) => {
      const { page } = await openView('timeline', { width, height, projector: true }, language);
      const en = language === 'en';
      const { where, count } = await pagerOf(page, en);
      expect(count).toBeGreaterThan(1);
      for (let part = 0; part < 2; part++) {
        if (part > 0) await page.keyboard.press('PageDown');
        await expect
          .poll(where)
          .toContain(en ? `Part ${part + 1} of ${count}` : `Deel ${part + 1} van ${count}`);
        await page.waitForTimeout(300);
        const cut = await namesCutAtEdge(
          page,
          '.backdrop .lane__label, .backdrop .tick__label, .backdrop .phase-band__label, .backdrop .tray__label',
          true,
        );
        expect(cut, `part ${part + 1}`).toEqual([]);
      }
      // The first part is the tray of undated ripples: its name reads whole on the map.
      await page.keyboard.press('PageUp');
      await expect.poll(where).toContain(en ? `Part 1 of ${count}` : `Deel 1 van ${count}`);
      const tray = ((await page.locator('.backdrop .tray__label').textContent()) ?? '')
        .replace(/\s+/g, ' ')
        .trim();
      expect(await namesReadable(page, [tray])).toEqual([]);
    },
    120_000,
  );

  it.each(LANGUAGES)(
    'research panels at 1280×800 (%s): each tab fits the side panel and the open tab reads (contrast ≥ 4.5, under the pointer too)',
    async (language) => {
      const { page } = await openView('free', VIEWS[0], language);
      const en = language === 'en';
      await boardMenuAction(page, en ? 'Save and look back' : 'Bewaren en terugkijken');
      for (const tab of en ? ['Save', 'Analysis', 'Look back'] : ['Bewaren', 'Analyse', 'Terugkijken']) {
        const button = page
          .getByRole('navigation', { name: en ? 'Save and look back' : 'Bewaren en terugkijken' })
          .getByRole('button', { name: tab, exact: true });
        await button.click();
        await button.hover();
        await page.waitForTimeout(200);
        const contrast = await button.evaluate((el) => {
          const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
          const lum = (c: number[]) => {
            const [r, g, b] = c.map((v) => {
              const s = v / 255;
              return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
            }) as [number, number, number];
            return 0.2126 * r + 0.7152 * g + 0.0722 * b;
          };
          const style = getComputedStyle(el);
          const a = lum(rgb(style.color));
          const b = lum(rgb(style.backgroundColor));
          return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        });
        expect(contrast).toBeGreaterThanOrEqual(4.5);
        const overflow = await page.locator('.board__side').evaluate((el) => el.scrollWidth - el.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
      }
    },
    60_000,
  );

  it.each([
    { width: 1920, height: 1080 },
    { width: 1280, height: 800 },
  ])(
    'projector at $width×$height: the prompt card and the join corner sit beside the map, cover no control, and the card closes there',
    async (viewport) => {
      const session = await createSession(env.server().baseUrl, 'Vragenkaart op de projector');
      const client = env.track(await facilitatorClient(env.server().baseUrl, session));
      seedVisual(client, 'free');
      updateMeta(client.doc, FACILITATOR, { promptCardShown: true });
      const context = await env.context({ viewport, baseURL: env.server().baseUrl });
      const page = await context.newPage();
      await page.goto(session.boardUrl);
      await page.locator('.map-card').first().waitFor(VISIBLE_SLOW);
      await page.keyboard.press('p');
      const prompt = page.locator('.prompt-card');
      await prompt.waitFor(VISIBLE_SLOW);
      const box = async (selector: string) => {
        const b = await page.locator(selector).first().boundingBox();
        if (!b) throw new Error(`no ${selector}`);
        return b;
      };
      await page.waitForTimeout(800);
      const map = await box('.react-flow');
      for (const selector of ['.prompt-card', '.projector-corner']) {
        const b = await box(selector);
        expect(overlap(b, map)).toBe(false);
        // Whole on the screen.
        expect(b.x).toBeGreaterThanOrEqual(0);
        expect(b.y).toBeGreaterThanOrEqual(0);
        expect(b.x + b.width).toBeLessThanOrEqual(viewport.width + 0.5);
        expect(b.y + b.height).toBeLessThanOrEqual(viewport.height + 0.5);
      }
      expect(overlap(await box('.prompt-card'), await box('.projector-corner'))).toBe(false);
      // The map keeps most of the screen, and the prompt card shows all its words.
      expect(map.width * map.height).toBeGreaterThan(0.5 * viewport.width * viewport.height);
      const cut = await page
        .locator('.prompt-card')
        .evaluate((el) =>
          [el, ...el.querySelectorAll('*')].some(
            (e) => e.scrollHeight > e.clientHeight + 1 && getComputedStyle(e).overflowY !== 'visible',
          ),
        );
      expect(cut).toBe(false);
      const r = await read(page);
      expect(r.controls.filter((c) => !c.hit).map((c) => c.name)).toEqual([]);
      // Nothing in the rail is scrolled out of sight: the pager and the controls show too.
      const railScrolls = await page
        .locator('.projector-rail')
        .evaluate((el) => el.scrollHeight > el.clientHeight + 1);
      expect(railScrolls).toBe(false);
      for (const name of ['Alles in beeld', 'Iedereen volgt mij', 'Projector uit']) {
        const control = await page.getByRole('button', { name, exact: true }).boundingBox();
        if (!control) throw new Error(`no ${name}`);
        expect(overlap(control, await box('.prompt-card'))).toBe(false);
        expect(overlap(control, await box('.projector-corner'))).toBe(false);
      }
      await page.getByRole('button', { name: 'Vragenkaart sluiten' }).click();
      await prompt.waitFor({ state: 'hidden' });
      await expect.poll(() => readMeta(client.doc).promptCardShown).toBe(false);
    },
    60_000,
  );

  it.each(LANGUAGES)(
    'board 1280×800 (%s): the join panel folds to its code, and the first inbox item and its buttons are in view',
    async (language) => {
      const session = await createSession(env.server().baseUrl, 'Inklappen');
      env.track(await facilitatorClient(env.server().baseUrl, session));
      const joined = await joinSession(env.server().baseUrl, session.joinCode, 'Anouk');
      const phone = env.track(participantClient(env.server().baseUrl, session.id, joined));
      await phone.synced;
      addRipple(phone.doc, participant(joined), { text: 'Er is een buurtkamer' });
      const context = await env.context({
        viewport: { width: 1280, height: 800 },
        baseURL: env.server().baseUrl,
      });
      await context.addInitScript(
        (lang) => localStorage.setItem('kringen:language', JSON.stringify(lang)),
        language,
      );
      const page = await context.newPage();
      await page.goto(session.boardUrl);
      const en = language === 'en';
      await page.getByRole('button', { name: en ? 'Fold away' : 'Inklappen' }).click();
      await page.locator('.board__side .join-panel .qr').waitFor({ state: 'hidden' });
      // The code itself stays.
      await page.locator('.board__side .join-code__value').waitFor(VISIBLE_SLOW);
      const item = page.locator('.board__side').getByText('Er is een buurtkamer');
      await item.waitFor(VISIBLE_SLOW);
      const accept = page
        .locator('.board__side')
        .getByRole('button', { name: en ? 'Put on map' : 'Op de kaart', exact: true })
        .first();
      const box = await accept.boundingBox();
      expect(box).not.toBeNull();
      expect((box?.y ?? 9999) + (box?.height ?? 0)).toBeLessThanOrEqual(800);
      // Remembered on this device.
      await page.reload();
      await page.getByRole('button', { name: en ? 'Show all' : 'Uitklappen' }).waitFor(VISIBLE_SLOW);
    },
    60_000,
  );
});
