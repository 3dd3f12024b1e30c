import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readMeta } from '../../shared/doc/read';
import { hasChromium } from '../helpers/chromium';
import { waitFor } from '../helpers/yClient';
import { boardHarness } from './boardHarness';
import { connected, facilitatorClient, SHOTS, seed, VISIBLE } from './boardSeed';

/**
 * Issue #20, point 1: a facilitator prepares on a laptop and opens the same board on the
 * venue's PC with the copied facilitator link; the PC then lists the session under
 * "Mijn sessies" (title, date, ripples) and can rename, close and forget it there. A new
 * facilitator key retires the old one: a board still open with it is cut off, and the
 * old link no longer opens the board.
 */

async function copiedLink(page: Page): Promise<string> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Begeleiderslink kopiëren' }).click();
  await page.getByText('Gekopieerd.').waitFor(VISIBLE);
  return page.evaluate(() => navigator.clipboard.readText());
}

describe.skipIf(!hasChromium)('the board on any device, and my sessions', () => {
  const harness = boardHarness();

  it('opens the board elsewhere with the facilitator link, lists it under Mijn sessies, and retires a leaked key', async () => {
    harness.logServerOnFailure();
    const laptop = await harness.open('/');
    await laptop.getByLabel('Naam van de sessie').fill('Terugblik Gezond Dorp');
    await laptop.getByRole('button', { name: 'Sessie starten' }).click();
    await connected(laptop).waitFor(VISIBLE);
    await laptop.getByText('wie deze link heeft, kan de kaart veranderen', { exact: false }).waitFor(VISIBLE);
    const link = await copiedLink(laptop);
    const url = new URL(link);
    expect(url.pathname).toMatch(/^\/s\/[a-z0-9]+\/board$/);
    const sessionId = url.pathname.split('/')[2] ?? '';
    const key = new URLSearchParams(url.hash.slice(1)).get('key') ?? '';
    expect(key.length).toBeGreaterThan(10);

    // Two ripples on the map, from a stock client with the same key.
    const client = await facilitatorClient(new URL('/', laptop.url()).origin, {
      id: sessionId,
      facilitatorKey: key,
    } as Parameters<typeof facilitatorClient>[1]);
    seed(client.doc, [
      { id: 'a', text: 'Er is een buurtkamer' },
      { id: 'b', text: 'Buren helpen elkaar vaker' },
    ]);

    // The venue's PC (another browser, nothing stored) opens the copied link.
    const venue = await harness.open(`${url.pathname}${url.hash}`);
    await connected(venue).waitFor(VISIBLE);
    await venue.getByRole('heading', { name: 'Terugblik Gezond Dorp' }).waitFor(VISIBLE);
    await venue.goto('/');
    const mine = venue.getByRole('region', { name: 'Mijn sessies' });
    const item = mine.getByRole('listitem').filter({ hasText: 'Terugblik Gezond Dorp' });
    await item.waitFor(VISIBLE);
    const today = new Intl.DateTimeFormat('nl', { day: 'numeric', month: 'long', year: 'numeric' }).format(
      Date.now(),
    );
    await item.getByText(`Gemaakt op ${today} · 2 rimpelingen`).waitFor(VISIBLE);
    await venue.screenshot({ path: `${SHOTS}/my-sessions.png`, fullPage: true });
    // On a phone-sized screen the list fits without sideways scrolling.
    await venue.setViewportSize({ width: 320, height: 700 });
    expect(await venue.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await venue.screenshot({ path: `${SHOTS}/my-sessions-320.png`, fullPage: true });
    await venue.setViewportSize({ width: 1280, height: 800 });

    // Rename from the list: the laptop's board follows.
    await item.getByRole('button', { name: 'Naam wijzigen' }).click();
    await item.getByLabel('Nieuwe naam').fill('Terugblik najaar');
    await item.getByRole('button', { name: 'Opslaan' }).click();
    await mine.getByRole('heading', { name: 'Terugblik najaar' }).waitFor(VISIBLE);
    await laptop.getByRole('heading', { name: 'Terugblik najaar' }).waitFor(VISIBLE);

    // Close from the list: the session is in phase "Afgesloten" everywhere.
    const renamed = mine.getByRole('listitem').filter({ hasText: 'Terugblik najaar' });
    venue.once('dialog', (dialog) => void dialog.accept());
    await renamed.getByRole('button', { name: 'Afsluiten' }).click();
    await renamed.getByText('· Afgesloten').waitFor(VISIBLE);
    await waitFor(() => readMeta(client.doc).sessionPhase === 'closed', 5000, 'the closed session');
    await laptop.getByText('De sessie is afgesloten', { exact: false }).first().waitFor(VISIBLE);

    // In English the list speaks English.
    await venue.getByRole('button', { name: 'Switch to English' }).click();
    await venue
      .getByRole('region', { name: 'My sessions' })
      .getByText('2 ripples', { exact: false })
      .waitFor(VISIBLE);
    await venue.getByRole('button', { name: 'Schakel naar Nederlands' }).click();

    // A board still open with the old key…
    const leaked = await harness.open(`${url.pathname}${url.hash}`);
    await connected(leaked).waitFor(VISIBLE);
    // …is cut off when the laptop makes a new facilitator link; the laptop carries on with the new key.
    laptop.once('dialog', (dialog) => void dialog.accept());
    await laptop.getByRole('button', { name: 'Nieuwe begeleiderslink maken' }).click();
    await leaked.getByRole('alert').filter({ hasText: 'niet (meer) geldig' }).waitFor(VISIBLE);
    await connected(laptop).waitFor(VISIBLE);
    const renewed = await copiedLink(laptop);
    expect(renewed).not.toBe(link);
    const fresh = await harness.open(new URL(link).pathname + new URL(link).hash);
    await fresh.getByRole('heading', { name: 'Deze link werkt niet' }).waitFor(VISIBLE);

    // Forget: off this device's list; the session itself is still there.
    const again = venue.getByRole('region', { name: 'Mijn sessies' }).getByRole('listitem');
    venue.once('dialog', (dialog) => void dialog.accept());
    await again.getByRole('button', { name: 'Vergeten' }).click();
    await venue.getByText('Nog geen sessies op dit apparaat.').waitFor(VISIBLE);
    await laptop.getByRole('heading', { name: 'Terugblik najaar' }).waitFor(VISIBLE);
    await laptop.screenshot({ path: `${SHOTS}/facilitator-link-board.png` });
    client.destroy();
  });
});
