import { describe, expect, it } from 'vitest';
import { hasChromium } from '../helpers/chromium';
import { boardHarness } from './boardHarness';
import { card, seed, VISIBLE } from './boardSeed';

/**
 * Zoomed out below reading size the map draws less (client/canvas/detailZoom.ts): cards
 * show their order only, yet keep their whole text for screen readers, and the free map's
 * dots go; zoomed back in, everything returns.
 */

const zoom = (page: import('playwright-core').Page) =>
  page.evaluate(() => {
    const transform = (document.querySelector('.react-flow__viewport') as HTMLElement).style.transform;
    return Number(/scale\(([\d.]+)\)/.exec(transform)?.[1] ?? Number.NaN);
  });

describe.skipIf(!hasChromium)('zooming the facilitator board', () => {
  const { seeded, open, logServerOnFailure } = boardHarness();

  it('zoomed out, cards show their order only and keep their text for screen readers; zoomed in, the text is back', async () => {
    logServerOnFailure();
    const { session } = await seeded('Zoomen', (c) =>
      seed(
        c.doc,
        [
          { id: 'a', text: 'Buurthuis open' },
          { id: 'b', text: 'Meer vrijwilligers' },
        ],
        [['a', 'b']],
      ),
    );
    const board = await open(session.boardUrl);
    await card(board, 'Buurthuis open').waitFor(VISIBLE);
    await board.getByText('Meer vrijwilligers', { exact: true }).waitFor(VISIBLE);
    expect(await board.locator('.map-grid').count()).toBe(1);

    const pane = await board.locator('.react-flow__pane').boundingBox();
    if (!pane) throw new Error('no canvas');
    await board.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
    for (let i = 0; i < 20 && (await zoom(board)) >= 0.4; i++) {
      await board.mouse.wheel(0, 400);
      await board.waitForTimeout(50);
    }
    expect(await zoom(board)).toBeLessThan(0.4);
    await board.locator('.map-card--brief').nth(1).waitFor(VISIBLE);
    expect(await board.getByText('Meer vrijwilligers', { exact: true }).count()).toBe(0);
    expect(await card(board, 'Meer vrijwilligers').count()).toBe(1);
    expect(await card(board, 'Meer vrijwilligers').textContent()).toBe('2e orde');
    expect(await board.locator('.map-grid').count()).toBe(0);
    // Lines are one path then (with their arrowheads in another), not one per link.
    expect(await board.locator('.links .link').count()).toBe(1);
    expect(await board.locator('.link--overview').getAttribute('d')).toMatch(/^M.*C/);

    for (let i = 0; i < 20 && (await zoom(board)) < 0.8; i++) {
      await board.mouse.wheel(0, -400);
      await board.waitForTimeout(50);
    }
    await board.getByText('Meer vrijwilligers', { exact: true }).waitFor(VISIBLE);
    expect(await board.locator('.map-card--brief').count()).toBe(0);
    expect(await board.locator('.link--overview').count()).toBe(0);
    expect(await board.locator('.links .link').count()).toBe(1);
    expect(await board.locator('.map-grid').count()).toBe(1);
  });
});
