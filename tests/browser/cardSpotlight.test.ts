import { describe, expect, it } from 'vitest';
import { hasChromium } from '../helpers/chromium';
import { card, createSession, facilitatorClient, seed, VISIBLE_SLOW } from './boardSeed';
import { serverAndChromium } from './serverAndChromium';

/**
 * A card opened large: on the board with "Groot tonen", on the projector with a click or
 * Enter; the presenter screen shows what the facilitator opened, and closes with it.
 */
const LONG =
  'De dorpsondersteuner heeft nu structurele financiering van de gemeente, zodat bewoners weten bij wie ze terechtkunnen, ook na het project.';

describe.skipIf(!hasChromium)('a card opened large', () => {
  const env = serverAndChromium();

  it('opens from the board with its whole text, story and author, follows on the presenter, and closes with Escape', async () => {
    const session = await createSession(env.server().baseUrl, 'Groot tonen');
    const client = env.track(await facilitatorClient(env.server().baseUrl, session));
    seed(client.doc, [
      {
        id: 'a',
        text: LONG,
        story: 'Ik kon eindelijk bij iemand terecht.',
        authorName: 'Anouk',
        showAuthor: true,
      },
      { id: 'b', text: 'Meer vrijwilligers' },
    ]);
    const boardContext = await env.context({
      viewport: { width: 1280, height: 800 },
      baseURL: env.server().baseUrl,
    });
    const board = await boardContext.newPage();
    await board.goto(session.boardUrl);
    const presenterContext = await env.context({
      viewport: { width: 1920, height: 1080 },
      baseURL: env.server().baseUrl,
    });
    const presenter = await presenterContext.newPage();
    await presenter.goto(session.presenterUrl);
    await card(presenter, 'Meer vrijwilligers').waitFor(VISIBLE_SLOW);

    await card(board, 'De dorpsondersteuner.*').click();
    await board.getByRole('button', { name: 'Groot tonen' }).click();
    const dialog = board.getByRole('dialog', { name: LONG });
    await dialog.waitFor(VISIBLE_SLOW);
    expect(await dialog.getByText('Ik kon eindelijk bij iemand terecht.').isVisible()).toBe(true);
    expect(await dialog.getByText('Anouk').isVisible()).toBe(true);
    // The focus is in the dialog: its close button.
    expect(await board.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Terug naar de kaart',
    );
    // The whole text is inside the dialog, not cut.
    const cut = await dialog
      .locator('.spotlight__card')
      .evaluate((el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1);
    expect(cut).toBe(false);

    const shown = presenter.getByRole('dialog', { name: LONG });
    await shown.waitFor(VISIBLE_SLOW);
    const box = await shown.locator('.spotlight__text').boundingBox();
    // Large on the projector: at least 28 px type.
    const size = await shown
      .locator('.spotlight__text')
      .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(28);
    expect(box?.width ?? 0).toBeGreaterThan(600);

    await board.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
    await shown.waitFor({ state: 'hidden', timeout: 10_000 });
  }, 60_000);

  it('opens on the projector with a click and with Enter', async () => {
    const session = await createSession(env.server().baseUrl, 'Groot op de projector');
    const client = env.track(await facilitatorClient(env.server().baseUrl, session));
    seed(client.doc, [{ id: 'a', text: LONG }]);
    const context = await env.context({
      viewport: { width: 1920, height: 1080 },
      baseURL: env.server().baseUrl,
    });
    const page = await context.newPage();
    await page.goto(session.boardUrl);
    await card(page, 'De dorpsondersteuner.*').waitFor(VISIBLE_SLOW);
    await page.keyboard.press('p');
    await page.locator('.board--projector').waitFor(VISIBLE_SLOW);
    await card(page, 'De dorpsondersteuner.*').click();
    const dialog = page.getByRole('dialog', { name: LONG });
    await dialog.waitFor(VISIBLE_SLOW);
    await page.getByRole('button', { name: 'Terug naar de kaart' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await card(page, 'De dorpsondersteuner.*').focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor(VISIBLE_SLOW);
  }, 60_000);
});
