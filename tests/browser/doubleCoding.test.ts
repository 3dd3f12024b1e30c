import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { editRipple } from '../../shared/doc/commands';
import { readRipple } from '../../shared/doc/read';
import { hasChromium } from '../helpers/chromium';
import { waitFor } from '../helpers/yClient';
import { boardHarness } from './boardHarness';
import { boardMenuAction, card, centre, FACILITATOR, SHOTS, seed, VISIBLE } from './boardSeed';

/**
 * Issue #20, point 4: a ripple gets a second code (borging strategies by default) and
 * "nog steeds gaande / gestopt" in the edit panel; both show compactly on the card, in the
 * CSV and in the analysis view's cross-table. Switching the main codebook warns first,
 * maps a code to the new codebook and keeps another with the label and colour of the
 * codebook it came from (never a raw key).
 */

const A = 'Bewoners runnen de buurtkamer nu zelf';
const B = 'De wijkagent en bewoners ontmoeten elkaar op de markt';

async function inside(page: Page, outer: string, inner: ReturnType<Page['locator']>) {
  const box = await card(page, outer).boundingBox();
  const chip = await inner.boundingBox();
  if (!box || !chip) throw new Error('no box');
  expect(chip.x).toBeGreaterThanOrEqual(box.x);
  expect(chip.x + chip.width).toBeLessThanOrEqual(box.x + box.width + 0.5);
  expect(chip.y + chip.height).toBeLessThanOrEqual(box.y + box.height + 0.5);
}

describe.skipIf(!hasChromium)('double coding, still going, and a codebook switch that keeps meaning', () => {
  const harness = boardHarness();

  it('codes twice, shows it everywhere, and switches the codebook without raw keys', async () => {
    harness.logServerOnFailure();
    const { session, client } = await harness.seeded('Dubbel coderen', (c) => {
      seed(c.doc, [
        { id: 'a', text: A },
        { id: 'b', text: B },
      ]);
      editRipple(c.doc, FACILITATOR, 'a', { code: 'ownership' });
      editRipple(c.doc, FACILITATOR, 'b', { code: 'connection' });
    });
    const board = await harness.open(session.boardUrl);
    await card(board, A).waitFor(VISIBLE);

    // The edit panel: a second code from borging, and "still going on".
    const at = await centre(board, A);
    await board.mouse.click(at.x, at.y);
    await board.locator('.map-card--selected').getByRole('button', { name: 'Bewerken', exact: true }).click();
    await board
      .getByLabel('Tweede code: Borging van burgerparticipatie')
      .selectOption({ label: 'Sleutelpersonen' });
    await board.getByRole('group', { name: 'Is het nog gaande?' }).getByLabel('Nog steeds gaande').check();
    await board.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await waitFor(() => readRipple(client.doc, 'a')?.ongoing === 'ongoing', 5000, 'ongoing stored');
    expect(readRipple(client.doc, 'a')?.extraCodes).toEqual([{ codebook: 'borging', code: 'key_people' }]);

    // On the card, compactly: the second code and the mark, inside the card.
    const chip = card(board, A).locator('.code-label--extra');
    await chip.getByText('Sleutelpersonen').waitFor(VISIBLE);
    await card(board, A).getByText('loopt nog').waitFor(VISIBLE);
    await inside(board, A, chip);

    // The analysis view: working element × borging strategy.
    await boardMenuAction(board, 'Bewaren en terugkijken');
    await board.getByRole('button', { name: 'Analyse', exact: true }).click();
    const cross = board.getByRole('region', { name: 'Werkzame elementen × Borging van burgerparticipatie' });
    await cross.waitFor(VISIBLE);
    const ownershipRow = cross.getByRole('row', { name: /Eigenaarschap/ });
    const headers = await cross.getByRole('columnheader').allTextContents();
    const cells = await ownershipRow.getByRole('cell').allTextContents();
    expect(cells[headers.indexOf('Sleutelpersonen') - 1]).toBe('1');
    await cross.screenshot({ path: `${SHOTS}/cross-table.png` });

    // The CSV: the second code with its label, and "ongoing".
    const csv = await (
      await fetch(new URL(`/api/sessions/${session.id}/ripples.csv?dialect=rfc4180`, board.url()), {
        headers: { 'x-kringen-key': session.facilitatorKey },
      })
    ).text();
    const [header = '', ...rows] = csv.trim().split(/\r?\n/);
    const columns = header.split(',');
    const row = rows.find((r) => r.includes(A))?.split(',') ?? [];
    expect(row[columns.indexOf('second_code')]).toBe('key_people');
    expect(row[columns.indexOf('second_code_label')]).toBe('Sleutelpersonen');
    expect(row[columns.indexOf('ongoing')]).toBe('ongoing');

    // Switching the main codebook: a warning first; ownership is mapped, connection kept.
    await boardMenuAction(board, 'Codeboek');
    await board.getByLabel('Codeboek van deze sessie').selectOption({ label: 'Gemeenschapskapitalen' });
    const step = board.getByRole('region', { name: 'Ander codeboek kiezen' });
    await step
      .getByText('2 rimpelingen hebben al een code uit Werkzame elementen', { exact: false })
      .waitFor(VISIBLE);
    await step.getByLabel(/^Eigenaarschap/).selectOption({ label: 'Menselijk kapitaal' });
    await step.evaluate((el) => el.scrollIntoView());
    await board.screenshot({ path: `${SHOTS}/codebook-switch.png` });
    await step.getByRole('button', { name: 'Overstappen op Gemeenschapskapitalen' }).click();
    await waitFor(() => readRipple(client.doc, 'a')?.code === 'human', 5000, 'the mapped code');

    await card(board, A)
      .locator('.code-label')
      .getByText('Menselijk kapitaal', { exact: true })
      .waitFor(VISIBLE);
    const kept = card(board, B).locator('.code-label--extra');
    await kept.getByText('Burgers en professionals verbinden').waitFor(VISIBLE);
    expect(await card(board, B).textContent()).not.toMatch(/\bconnection\b/);
    await inside(board, B, kept);
    await board.screenshot({ path: `${SHOTS}/double-coding-board.png` });

    // In English the kept code speaks English too.
    await boardMenuAction(board, 'Switch to English');
    const mapCard = (text: string) => board.locator('.map-card').filter({ hasText: text });
    await mapCard(B)
      .locator('.code-label--extra')
      .getByText('Connecting citizens and professionals')
      .waitFor(VISIBLE);
    await mapCard(A).getByText('ongoing', { exact: true }).waitFor(VISIBLE);
  });
});
