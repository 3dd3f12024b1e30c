import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { castVote } from '../../shared/doc/commands';
import { readVotes } from '../../shared/doc/read';
import { hasChromium } from '../helpers/chromium';
import { waitFor } from '../helpers/yClient';
import { boardHarness } from './boardHarness';
import {
  boardMenuAction,
  card,
  joinSession,
  participant,
  participantClient,
  SHOTS,
  seed,
  VISIBLE,
} from './boardSeed';

/**
 * Issue #20, point 3: a dot vote as REM practice runs it. The facilitator sets the dots
 * and opens the vote; while it is open nobody sees counts (not the board's cards, the
 * presenter or the phones; the board's panel shows only the total); closing and revealing
 * are separate steps; after the reveal the presenter and the phone show the ripples ranked
 * by dots. The phone is a 390×844 page; a second voter is a stock y-websocket client.
 */

const A = 'Er is een buurtkamer';
const B = 'Buren helpen elkaar vaker';
const C = 'De huisarts verwijst naar de buurtkamer';

async function bodyText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.textContent ?? '');
}

describe.skipIf(!hasChromium)('a dot vote with hidden counts and a separate reveal', () => {
  const harness = boardHarness();

  it('hides counts everywhere while voting, then shows the ranking after "Uitslag tonen"', async () => {
    harness.logServerOnFailure();
    const { session, client } = await harness.seeded('Terugblik Gezond Dorp', (c) =>
      seed(c.doc, [
        { id: 'a', text: A },
        { id: 'b', text: B },
        { id: 'c', text: C },
      ]),
    );
    const board = await harness.open(session.boardUrl);
    const presenter = await harness.open(session.presenterUrl);
    const phone = await harness.open(`/j/${session.joinCode}`, { width: 390, height: 844 });
    await phone.getByRole('button', { name: 'Meedoen' }).click();
    await phone.waitForURL(/\/s\/[a-z0-9]+\/phone$/);
    await card(board, A).waitFor(VISIBLE);
    await card(presenter, A).waitFor(VISIBLE);

    // The facilitator sets two dots each and opens the vote.
    await board.getByRole('button', { name: 'Stemmen', exact: true }).click();
    const panel = board.getByRole('region', { name: 'Stemmen met stippen' });
    await panel.getByText('Het stemmen is nog niet begonnen.').waitFor(VISIBLE);
    await panel.getByLabel('Stippen per deelnemer').fill('2');
    await panel.getByRole('button', { name: 'Stemmen openen' }).click();
    await board.getByRole('button', { name: 'Stemmen (open)' }).waitFor(VISIBLE);

    // The phone places both its dots on A; a third is not possible.
    await phone.getByRole('button', { name: 'Naar stemmen' }).click();
    await phone.getByText('Je hebt nog 2 van de 2 stippen.').waitFor(VISIBLE);
    const item = (text: string) => phone.getByRole('listitem').filter({ hasText: text });
    await item(A).getByRole('button', { name: 'Stip zetten' }).click();
    await phone.getByText('Je hebt nog 1 van de 2 stippen.').waitFor(VISIBLE);
    await item(A).getByRole('button', { name: 'Stip zetten' }).click();
    await phone.getByText('Al je stippen staan').waitFor(VISIBLE);
    expect(await item(B).getByRole('button', { name: 'Stip zetten' }).isDisabled()).toBe(true);

    // A second participant (a stock client) puts one dot on A and one on B.
    const joined = await joinSession(new URL(board.url()).origin, session.joinCode);
    const voter = participantClient(new URL(board.url()).origin, session.id, joined);
    await voter.synced;
    const actor = participant(joined);
    expect(castVote(voter.doc, actor, 'a').ok).toBe(true);
    expect(castVote(voter.doc, actor, 'b').ok).toBe(true);
    await waitFor(() => readVotes(client.doc).length === 4, 5000, 'four dots on the server');

    // While voting is open: the board's panel has the total only; no screen shows per-ripple counts.
    await panel.getByText('Het stemmen is open. Er zijn 4 stippen gezet.').waitFor(VISIBLE);
    expect(await card(board, A).textContent()).not.toMatch(/stip/);
    expect(await bodyText(presenter)).not.toMatch(/stip/i);
    expect(await presenter.getByRole('region', { name: 'Uitslag van het stemmen' }).count()).toBe(0);
    await phone.getByRole('navigation').getByRole('button', { name: 'Kaart' }).click();
    await phone.getByText(B).waitFor(VISIBLE);
    expect(await bodyText(phone)).not.toMatch(/in totaal/);
    await board.screenshot({ path: `${SHOTS}/vote-board-open.png` });
    // Not in the facilitator's analysis either, until voting closes.
    await boardMenuAction(board, 'Bewaren en terugkijken');
    await board.getByRole('button', { name: 'Analyse', exact: true }).click();
    await board.getByText('Het stemmen loopt nog.', { exact: false }).waitFor(VISIBLE);
    expect(await board.locator('.analysis__voted').count()).toBe(0);
    await board.getByRole('button', { name: 'Stemmen (open)' }).click();

    // Closing is its own step: phones cannot vote any more, and counts stay hidden.
    await panel.getByRole('button', { name: 'Stemmen sluiten' }).click();
    await panel.getByText('Het stemmen is gesloten: 4 stippen.', { exact: false }).waitFor(VISIBLE);
    await phone
      .getByRole('navigation')
      .getByRole('button', { name: /^Stemmen/ })
      .click();
    await phone.getByText('Stemmen kan nu niet').waitFor(VISIBLE);
    expect(await card(board, A).textContent()).not.toMatch(/stip/);
    expect(await presenter.getByRole('region', { name: 'Uitslag van het stemmen' }).count()).toBe(0);

    // The reveal: the presenter and the phone show the ripples ranked by dots.
    await panel.getByRole('button', { name: 'Uitslag tonen' }).click();
    const onPresenter = presenter.getByRole('region', { name: 'Uitslag van het stemmen' });
    await onPresenter.waitFor(VISIBLE);
    const rows = onPresenter.getByRole('listitem');
    expect(await rows.allInnerTexts()).toEqual([
      expect.stringMatching(new RegExp(`^1\\s*1e plaats\\s*${A}\\s*3 stippen$`)),
      expect.stringMatching(new RegExp(`^2\\s*2e plaats\\s*${B}\\s*1 stip$`)),
    ]);
    await card(board, A).getByText('3 stippen').waitFor(VISIBLE);
    const onPhone = phone.getByRole('region', { name: 'Uitslag van het stemmen' });
    await onPhone.waitFor(VISIBLE);
    expect(await onPhone.getByRole('listitem').first().textContent()).toMatch(A);
    expect(await onPhone.getByText(C).count()).toBe(0);

    // The result sits inside the presenter's map and beside the join corner, not over it.
    const overlay = await onPresenter.boundingBox();
    const corner = await presenter.locator('.projector-corner').boundingBox();
    const viewport = presenter.viewportSize();
    if (!overlay || !viewport) throw new Error('no result on the presenter');
    expect(overlay.x + overlay.width).toBeLessThanOrEqual(viewport.width);
    expect(overlay.y + overlay.height).toBeLessThanOrEqual(viewport.height);
    if (corner) expect(overlay.x + overlay.width).toBeLessThanOrEqual(corner.x);
    await phone.setViewportSize({ width: 320, height: 700 });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await phone.setViewportSize({ width: 390, height: 844 });

    await presenter.screenshot({ path: `${SHOTS}/vote-presenter-revealed.png` });
    await phone.screenshot({ path: `${SHOTS}/vote-phone-revealed.png`, fullPage: true });
    await board.screenshot({ path: `${SHOTS}/vote-board-revealed.png` });

    // The board's own projector mode shows the same ranking over the map.
    await board.getByRole('button', { name: 'Projector' }).click();
    await board.getByRole('region', { name: 'Uitslag van het stemmen' }).waitFor(VISIBLE);
    await board.screenshot({ path: `${SHOTS}/vote-projector-revealed.png` });

    // The counts go into the spreadsheet for the researcher.
    const csv = await (
      await fetch(new URL(`/api/sessions/${session.id}/ripples.csv?dialect=rfc4180`, board.url()), {
        headers: { 'x-kringen-key': session.facilitatorKey },
      })
    ).text();
    const [header = '', ...lines] = csv.trim().split(/\r?\n/);
    const votesColumn = header.split(',').indexOf('votes');
    expect(votesColumn).toBeGreaterThanOrEqual(0);
    const rowOf = (text: string) => lines.find((line) => line.includes(text))?.split(',') ?? [];
    expect(rowOf(A)[votesColumn]).toBe('3');
    expect(rowOf(B)[votesColumn]).toBe('1');
    voter.destroy();
  });
});
