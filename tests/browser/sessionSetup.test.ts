import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasChromium } from '../helpers/chromium';
import { boardHarness } from './boardHarness';
import { card, SHOTS, VISIBLE } from './boardSeed';

/**
 * Issue #20, point 2: a facilitator sets up the session right after creating it — period,
 * phases (added, renamed, reordered, removed), language, moderation, question — the
 * timeline shows a band per phase in order, and a phone (390×844) offers the phases, the
 * months of the period and a day for "when"; a ripple placed in a phase lands in its band.
 */

async function pickMonth(panel: ReturnType<Page['getByRole']>, label: string, month: string, year: string) {
  await panel.getByLabel(`${label}: maand`).selectOption({ label: month });
  await panel.getByLabel(`${label}: jaar`).fill(year);
}

describe.skipIf(!hasChromium)('setting up a session with a period and phases', () => {
  const harness = boardHarness();

  it('puts the phases on the timeline and offers them as "when" on the phone', async () => {
    harness.logServerOnFailure();
    const board = await harness.open('/');
    await board.getByLabel('Naam van de sessie').fill('Terugblik Samen Gezond Dorp');
    await board.getByRole('button', { name: 'Sessie starten' }).click();
    await board.waitForURL(/\/s\/[a-z0-9]+\/board$/);

    // Right after creating, the board opens with the set-up.
    const panel = board.getByRole('region', { name: 'Sessie instellen' });
    await panel.waitFor(VISIBLE);
    await panel.getByLabel('Waar gaat het over?').fill('Samen Gezond Dorp');
    await pickMonth(panel, 'Eerste maand', 'januari', '2024');
    await pickMonth(panel, 'Laatste maand', 'december', '2025');

    const addPhase = panel.getByRole('button', { name: 'Fase toevoegen' });
    for (const name of ['Opstart', 'Borging', 'Uitvoering', 'Weg ermee']) {
      await addPhase.click();
      await panel
        .getByLabel(/^Naam van fase \d+$/)
        .last()
        .fill(name);
    }
    await panel.getByRole('button', { name: 'Weg ermee weghalen' }).click();
    await panel.getByRole('button', { name: 'Borging naar achteren' }).click();
    await panel.getByLabel('Naam van fase 1').fill('Start');
    await pickMonth(panel, 'Begin van Start', 'januari', '2024');
    await pickMonth(panel, 'Einde van Start', 'juni', '2024');
    await pickMonth(panel, 'Begin van Uitvoering', 'juli', '2024');
    await pickMonth(panel, 'Einde van Uitvoering', 'juni', '2025');
    await pickMonth(panel, 'Begin van Borging', 'juli', '2025');
    await pickMonth(panel, 'Einde van Borging', 'december', '2025');
    await panel.getByLabel('Taal van de sessie').selectOption('en');
    await panel.getByLabel('Nieuwe rimpelingen eerst hier laten binnenkomen').uncheck();
    await panel.getByLabel('Vraag op de telefoons').fill('Wat ging er minder goed?');
    await board.screenshot({ path: `${SHOTS}/setup-board-bottom.png` });
    await panel.evaluate((el) => el.scrollIntoView());
    await board.screenshot({ path: `${SHOTS}/setup-board-top.png` });
    await panel.getByRole('button', { name: 'Opslaan' }).click();
    await board.getByText('De sessie is ingesteld.').waitFor(VISIBLE);

    // The timeline: one band per phase, in the order set, side by side, labels readable.
    await board.getByRole('button', { name: 'Tijdlijn' }).click();
    const bands = board.locator('.phase-band');
    await bands.first().waitFor(VISIBLE);
    expect(await board.locator('.phase-band__label').allTextContents()).toEqual([
      'Start',
      'Uitvoering',
      'Borging',
    ]);
    const boxes = await Promise.all((await bands.all()).map((b) => b.boundingBox()));
    for (let i = 1; i < boxes.length; i++) {
      const [before, after] = [boxes[i - 1], boxes[i]];
      if (!before || !after) throw new Error('a band without a box');
      expect(after.x).toBeGreaterThanOrEqual(before.x + before.width - 1);
    }
    const truncated = await board
      .locator('.phase-band__label')
      .evaluateAll((labels) => labels.filter((l) => l.scrollWidth > l.clientWidth + 1).length);
    expect(truncated).toBe(0);
    await board.screenshot({ path: `${SHOTS}/setup-timeline-bands.png` });

    // A phone joins: English (the session's language), the phases, the period's months and a day for "when".
    const joinCode = (await board.getByText(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/).textContent()) ?? '';
    const phone = await harness.open(`/j/${joinCode.replace('-', '')}`, { width: 390, height: 844 });
    await phone.getByRole('button', { name: 'Meedoen' }).click();
    await phone.waitForURL(/\/s\/[a-z0-9]+\/phone$/);
    await phone.getByLabel('What has changed?').fill('Residents now run the weekly walk themselves');
    await phone.getByRole('button', { name: 'Tell more (optional)' }).click();
    const when = phone.getByLabel('When was it?');
    const options = await when.locator('option').allTextContents();
    expect(options).toEqual(
      expect.arrayContaining(['Start', 'Uitvoering', 'Borging', 'On a particular day']),
    );
    expect(options).toContain('January 2024');
    expect(options).toContain('December 2025');
    expect(options).not.toContain('January 2026');
    await when.selectOption({ label: 'On a particular day' });
    await phone.getByLabel('Which day?').waitFor(VISIBLE);
    await when.selectOption({ label: 'Uitvoering' });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: `${SHOTS}/setup-phone-when.png`, fullPage: true });
    await phone.getByRole('button', { name: 'Review' }).click();
    await phone.getByRole('button', { name: 'Send' }).click();

    // Moderation is off: the ripple goes straight onto the timeline, inside its phase's band.
    const sent = card(board, 'Residents now run the weekly walk themselves');
    await sent.waitFor(VISIBLE);
    await board.getByRole('button', { name: 'Alles in beeld' }).click();
    await board.waitForTimeout(400);
    const cardBox = await sent.boundingBox();
    const band = await board.locator('.phase-band').nth(1).boundingBox();
    if (!cardBox || !band) throw new Error('no card or band');
    const middle = cardBox.x + cardBox.width / 2;
    expect(middle).toBeGreaterThanOrEqual(band.x);
    expect(middle).toBeLessThanOrEqual(band.x + band.width);
    await board.mouse.move(450, 450);
    await board.mouse.wheel(0, 500);
    await board.waitForTimeout(300);
    await board.screenshot({ path: `${SHOTS}/setup-timeline.png` });
  });
});
