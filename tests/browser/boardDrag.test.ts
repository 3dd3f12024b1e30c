import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { moveRipples } from '../../shared/doc/commands';
import { readRipple } from '../../shared/doc/read';
import { hasChromium } from '../helpers/chromium';
import { waitFor } from '../helpers/yClient';
import { boardHarness } from './boardHarness';
import { card, centre, FACILITATOR, seed, VISIBLE } from './boardSeed';

/**
 * Moving cards by hand (issue 4: free placement, and the "not yet dated" tray onto the
 * timeline's axis), in real Chromium against the real server; the places and dates are
 * read back from the document through a second client.
 */

/** Presses on `from`, moves in small steps to `to` and lets go, as a hand does. */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 15 });
  await page.mouse.up();
}

describe.skipIf(!hasChromium)('moving cards on the facilitator board', () => {
  const { seeded, open, logServerOnFailure } = boardHarness();

  /** A free map with these cards where the document says, open on a board, fitted. */
  async function placedBoard(title: string, cards: { id: string; text: string; x: number; y: number }[]) {
    const { session, client } = await seeded(title, (c) => {
      seed(
        c.doc,
        cards.map(({ id, text }) => ({ id, text })),
      );
      moveRipples(c.doc, FACILITATOR, new Map(cards.map(({ id, x, y }) => [id, { x, y }])));
    });
    const board = await open(session.boardUrl);
    for (const { text } of cards) await card(board, text).waitFor(VISIBLE);
    await board.waitForTimeout(600); // the first fit's animation
    return { board, client };
  }

  it('a dragged card keeps its new place; Shift adds a card to the choice and one drag moves both', async () => {
    logServerOnFailure();
    const { board, client } = await placedBoard('Slepen', [
      { id: 'a', text: 'Buurthuis open', x: 0, y: 0 },
      { id: 'b', text: 'Meer vrijwilligers', x: 800, y: 0 },
      { id: 'c', text: 'Nieuwe koffieochtend', x: 0, y: 500 },
    ]);
    const place = (id: string) => readRipple(client.doc, id)?.position ?? null;

    // One card: dragged right and down, it lands there, in the document too.
    const a = await centre(board, 'Buurthuis open');
    await drag(board, a, { x: a.x + 120, y: a.y + 60 });
    await waitFor(
      () => (place('a')?.x ?? 0) > 0 && (place('a')?.y ?? 0) > 0,
      5000,
      'a moved in the document',
    );
    const moved = await centre(board, 'Buurthuis open');
    expect(moved.x).toBeGreaterThan(a.x + 100);
    expect(moved.y).toBeGreaterThan(a.y + 40);
    expect(place('b')).toEqual({ x: 800, y: 0 });

    // Choose b, add c with Shift, drag c: both move the same way; a stays. (Far apart, so
    // the layout's overlap rule leaves every card where the document says.)
    const aBefore = place('a');
    const b = await centre(board, 'Meer vrijwilligers');
    await board.mouse.click(b.x, b.y);
    const c = await centre(board, 'Nieuwe koffieochtend');
    await board.keyboard.down('Shift');
    await board.mouse.click(c.x, c.y);
    await board.keyboard.up('Shift');
    await drag(board, c, { x: c.x, y: c.y + 100 });
    await waitFor(
      () => (place('b')?.y ?? 0) > 0 && (place('c')?.y ?? 0) > 500,
      5000,
      'b and c moved in the document',
    );
    const [pb, pc] = [place('b'), place('c')];
    expect(pb?.x).toBe(800);
    expect(pc?.x).toBe(0);
    expect(pb?.y).toBe((pc?.y ?? 0) - 500);
    expect(place('a')).toEqual(aBefore);

    // A press that does not move is a click: nothing is stored.
    const still = await centre(board, 'Buurthuis open');
    await board.mouse.click(still.x, still.y);
    await board.waitForTimeout(500);
    expect(place('a')).toEqual(aBefore);

    // A chosen card's own buttons, hanging below it: edit opens the panel, delete deletes.
    const chosen = board.locator('.map-card--selected');
    await chosen.getByRole('button', { name: 'Bewerken', exact: true }).click();
    await board.getByRole('heading', { name: 'Rimpeling bewerken' }).waitFor(VISIBLE);
    await chosen.getByRole('button', { name: 'Verwijderen', exact: true }).click();
    await waitFor(() => readRipple(client.doc, 'a') === null, 5000, 'a deleted');
    await card(board, 'Buurthuis open').waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('a card held near the edge of the map scrolls the map and goes along', async () => {
    logServerOnFailure();
    const { board, client } = await placedBoard('Randje', [
      { id: 'a', text: 'Buurthuis open', x: 0, y: 0 },
      { id: 'b', text: 'Meer vrijwilligers', x: 400, y: 0 },
    ]);
    const viewport = () =>
      board.evaluate(() => (document.querySelector('.react-flow__viewport') as HTMLElement).style.transform);
    const before = await viewport();
    const pane = await board.locator('.react-flow__pane').boundingBox();
    if (!pane) throw new Error('no canvas');
    const a = await centre(board, 'Buurthuis open');
    const edge = { x: pane.x + pane.width - 8, y: a.y };

    await board.mouse.move(a.x, a.y);
    await board.mouse.down();
    await board.mouse.move(edge.x, edge.y, { steps: 15 });
    await board.waitForTimeout(700); // held at the edge: the map scrolls
    await board.mouse.up();
    expect(await viewport()).not.toBe(before);
    // Dropped under the pointer, at the edge: further right on the map than b, which stayed.
    await waitFor(() => (readRipple(client.doc, 'a')?.position?.x ?? 0) > 400, 5000, 'a moved past b');
    const dropped = await card(board, 'Buurthuis open').boundingBox();
    expect((dropped?.x ?? 0) + (dropped?.width ?? 0)).toBeGreaterThan(edge.x - 40);
  });

  it('a drag whose release never arrived is cancelled by the next press: the card goes back, nothing is stored', async () => {
    logServerOnFailure();
    const { board, client } = await placedBoard('Kwijt', [
      { id: 'a', text: 'Buurthuis open', x: 0, y: 0 },
      { id: 'b', text: 'Meer vrijwilligers', x: 800, y: 0 },
    ]);
    const start = await centre(board, 'Buurthuis open');
    await board.mouse.move(start.x, start.y);
    await board.mouse.down();
    await board.mouse.move(start.x + 150, start.y + 80, { steps: 10 });
    await expect.poll(async () => (await centre(board, 'Buurthuis open')).x).toBeGreaterThan(start.x + 100);

    // The release went elsewhere (outside the window); the next press is a new pointer.
    const b = await centre(board, 'Meer vrijwilligers');
    await board.evaluate(
      ([x, y]) => {
        const target = document.elementFromPoint(x as number, y as number);
        const init = { pointerId: 99, isPrimary: true, button: 0, bubbles: true, clientX: x, clientY: y };
        target?.dispatchEvent(new PointerEvent('pointerdown', init));
        window.dispatchEvent(new PointerEvent('pointerup', init));
      },
      [b.x, b.y],
    );
    await expect.poll(async () => (await centre(board, 'Buurthuis open')).x).toBeCloseTo(start.x, 0);
    await board.mouse.up();
    await board.waitForTimeout(500);
    expect(readRipple(client.doc, 'a')?.position).toEqual({ x: 0, y: 0 });
  });

  it('on the timeline, a card dragged from the tray onto the axis gets that date, and back in the tray it has none', async () => {
    logServerOnFailure();
    const { session, client } = await seeded('Tijdlijn slepen', (c) =>
      seed(
        c.doc,
        [
          { id: 'jan', text: 'Januari: buurtapp', when: { kind: 'month', value: '2024-01' } },
          { id: 'nov', text: 'November: buurtmarkt', when: { kind: 'month', value: '2024-11' } },
          { id: 'loose', text: 'Zonder datum: wandelgroep' },
        ],
        [],
        { spanStart: '2024-01', spanEnd: '2024-12', layout: 'timeline' },
      ),
    );
    const board = await open(session.boardUrl);
    await board.getByText(/Nog zonder datum/).waitFor(VISIBLE);
    await card(board, 'Zonder datum: wandelgroep').waitFor(VISIBLE);
    await board.waitForTimeout(600);
    const jan = await centre(board, 'Januari: buurtapp');
    const nov = await centre(board, 'November: buurtmarkt');
    const tray = await centre(board, 'Zonder datum: wandelgroep');
    expect(tray.x).toBeLessThan(jan.x);

    // Halfway between January and November: a day in June, stored as a date.
    await drag(board, tray, { x: (jan.x + nov.x) / 2, y: jan.y });
    await waitFor(
      () => readRipple(client.doc, 'loose')?.when?.kind === 'date',
      5000,
      'a date for the ripple',
    );
    const when = readRipple(client.doc, 'loose')?.when;
    expect(when?.kind === 'date' && when.value.slice(0, 7)).toBe('2024-06');
    const dated = await centre(board, 'Zonder datum: wandelgroep');
    expect(dated.x).toBeGreaterThan(jan.x);
    expect(dated.x).toBeLessThan(nov.x);

    // Back left of the axis: in the tray again, without a date.
    await drag(board, dated, tray);
    await waitFor(() => readRipple(client.doc, 'loose')?.when === null, 5000, 'the date taken away');
    await board.waitForTimeout(300);
    expect((await centre(board, 'Zonder datum: wandelgroep')).x).toBeLessThan(jan.x);
  });
});
