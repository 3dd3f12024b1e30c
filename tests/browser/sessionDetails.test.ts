import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addRipple, mergeRipples, setSessionPhase } from '../../shared/doc/commands';
import { readRipples } from '../../shared/doc/read';
import { hasChromium } from '../helpers/chromium';
import { waitFor } from '../helpers/yClient';
import { boardHarness } from './boardHarness';
import { boardMenuAction, card, centre, FACILITATOR, SHOTS, VISIBLE } from './boardSeed';

/**
 * Issue #20, point 5, on a 390×844 phone and a board against the real server: the join
 * code explains a wrong length or character in the user's language; a merged ripple stays
 * in its co-author's "Jouw rimpelingen" and the spreadsheet counts co-authors; a closed
 * session tells the phone so and still shows its ripples; month fields follow the
 * interface language, not the browser's (an en-US browser with the Dutch interface).
 */

const PHONE = { width: 390, height: 844 };

async function tryCode(phone: Page, code: string, button: string): Promise<string> {
  await phone.getByRole('textbox').first().fill(code);
  await phone.getByRole('button', { name: button }).click();
  return (await phone.getByRole('alert').textContent()) ?? '';
}

describe.skipIf(!hasChromium)('the small things a session trips over', () => {
  const harness = boardHarness();

  it('the join code explains a wrong length or character, in Dutch and in English', async () => {
    const phone = await harness.open('/join', PHONE);
    expect(await tryCode(phone, 'acd-ef', 'Meedoen')).toBe(
      'Je hebt 5 tekens ingevuld. Een deelnamecode heeft er 6: drie, een streepje en nog drie, zoals ACD-EFH.',
    );
    await phone.getByText('Zes letters en cijfers, zoals ACD-EFH.', { exact: false }).waitFor(VISIBLE);
    expect(await tryCode(phone, 'ACD-EF0', 'Meedoen')).toContain('Het teken "0" komt niet voor');
    await phone.screenshot({ path: `${SHOTS}/join-code-error.png` });
    await phone.getByRole('button', { name: 'Switch to English' }).click();
    expect(await tryCode(phone, 'ACDEFHJ', 'Join')).toBe(
      'You typed 7 characters. A join code has 6: three, a dash and three more, like ACD-EFH.',
    );
    await phone.setViewportSize({ width: 320, height: 700 });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });

  it('keeps a merged ripple in its co-author’s list, counts co-authors in the CSV, and tells phones the session closed', async () => {
    harness.logServerOnFailure();
    const { session, client } = await harness.seeded('Terugblik Gezond Dorp', (c) => {
      addRipple(c.doc, FACILITATOR, { text: 'De buurtkamer is vaker open' }, { id: 'target' });
    });
    const phone = await harness.open(`/j/${session.joinCode}`, PHONE);
    await phone.getByLabel('Je naam (mag leeg blijven)').fill('Fatima');
    await phone.getByRole('button', { name: 'Meedoen' }).click();
    await phone.getByLabel('Wat is er veranderd?').fill('De buurtkamer gaat nu elke dag open');
    await phone.getByRole('button', { name: 'Verder' }).click();
    await phone.getByRole('button', { name: 'Versturen' }).click();
    await waitFor(() => readRipples(client.doc).length === 2, 5000, 'the phone’s ripple');
    const mine = readRipples(client.doc).find((r) => r.id !== 'target');
    if (!mine) throw new Error('no ripple from the phone');

    // The facilitator merges the phone's ripple into the one on the map.
    expect(mergeRipples(client.doc, FACILITATOR, mine.id, 'target').ok).toBe(true);
    const own = phone.getByRole('region', { name: 'Jouw rimpelingen' }).getByRole('listitem');
    await own.filter({ hasText: 'De buurtkamer is vaker open' }).waitFor(VISIBLE);
    await own.getByText('Samengevoegd met deze rimpeling', { exact: false }).waitFor(VISIBLE);
    expect(await own.getByRole('button', { name: 'Aanpassen' }).count()).toBe(0);

    const csv = await (
      await fetch(new URL(`/api/sessions/${session.id}/ripples.csv?dialect=rfc4180`, phone.url()), {
        headers: { 'x-kringen-key': session.facilitatorKey },
      })
    ).text();
    const [header = '', row = ''] = csv.trim().split(/\r?\n/);
    const column = header.split(',').indexOf('co_authors');
    expect(column).toBeGreaterThan(0);
    expect(row.split(',')[column]).toBe('1');

    // Closed: the phone says so instead of offering the add form, and keeps the list.
    setSessionPhase(client.doc, FACILITATOR, 'closed');
    await phone.getByRole('heading', { name: 'De sessie is afgesloten' }).waitFor(VISIBLE);
    expect(await phone.getByLabel('Wat is er veranderd?').count()).toBe(0);
    await own.filter({ hasText: 'De buurtkamer is vaker open' }).waitFor(VISIBLE);
    expect(await phone.getByText('Dat kan hier niet').count()).toBe(0);
    await phone.screenshot({ path: `${SHOTS}/phone-closed.png`, fullPage: true });
    await phone.setViewportSize({ width: 320, height: 700 });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });

  it('month fields follow the interface language, not the browser’s', async () => {
    const { session } = await harness.seeded('Maanden', (c) => {
      addRipple(c.doc, FACILITATOR, { text: 'Buurthuis open' }, { id: 'a' });
    });
    const board = await harness.open(session.boardUrl, undefined, 'en-US');
    await card(board, 'Buurthuis open').waitFor(VISIBLE);
    const at = await centre(board, 'Buurthuis open');
    await board.mouse.click(at.x, at.y);
    await board.locator('.map-card--selected').getByRole('button', { name: 'Bewerken', exact: true }).click();
    await board.getByLabel('Soort datum').selectOption({ label: 'In een maand' });
    const months = board.getByLabel('In een maand: maand');
    expect(await months.locator('option').allTextContents()).toContain('maart');
    await months.selectOption({ label: 'maart' });
    await board.getByLabel('In een maand: jaar').fill('2025');
    await board.screenshot({ path: `${SHOTS}/edit-month-nl.png` });
    // In English (the edit panel closes with a click elsewhere): English month names.
    await boardMenuAction(board, 'Switch to English');
    // English words change the header's size, and with it where the card is on screen.
    await board.getByRole('button', { name: 'More', exact: true }).waitFor();
    const box = await board.locator('.map-card', { hasText: 'Buurthuis open' }).boundingBox();
    if (!box) throw new Error('no card for Buurthuis open');
    await board.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await board.locator('.map-card--selected').getByRole('button', { name: 'Edit', exact: true }).click();
    await board.getByLabel('Kind of date').selectOption({ label: 'In a month' });
    const english = board.getByLabel('In a month: month');
    expect(await english.locator('option').allTextContents()).toContain('March');
  });
});
