import { describe, expect, it } from 'vitest';
import { moveRipples } from '../../shared/doc/commands';
import { readRipple } from '../../shared/doc/read';
import { NODE_SIZE, rectsOverlap } from '../../shared/layouts';
import { hasChromium } from '../helpers/chromium';
import { waitFor } from '../helpers/yClient';
import { boardHarness } from './boardHarness';
import { card, FACILITATOR, seed, VISIBLE } from './boardSeed';

/**
 * The board without a mouse (issue 4: every map action by keyboard) and "tidy up", in real
 * Chromium against the real server; what the board did is read back from the document
 * through a second client.
 */

describe.skipIf(!hasChromium)('the facilitator board by keyboard, and tidy up', () => {
  const { seeded, open, logServerOnFailure } = boardHarness();
  const sessionWith = (ripples: { id: string; text: string }[], links: [string, string][] = []) =>
    seeded('Toetsenbord', (client) => seed(client.doc, ripples, links));

  it('tabs to a ripple, opens it with Enter, moves it with the arrow keys and removes it with Delete', async () => {
    logServerOnFailure();
    const { session, client } = await sessionWith([
      { id: 'a', text: 'Buren kennen elkaar' },
      { id: 'b', text: 'Meer vrijwilligers' },
    ]);
    const board = await open(session.boardUrl);
    await card(board, 'Buren kennen elkaar').waitFor(VISIBLE);

    // Tab from the top of the page until a card has the focus.
    const focusedCard = () =>
      board.evaluate(() => document.activeElement?.closest('.map-card')?.getAttribute('data-id') ?? null);
    let focused: string | null = null;
    for (let i = 0; i < 80 && !focused; i++) {
      await board.keyboard.press('Tab');
      focused = await focusedCard();
    }
    expect(focused).not.toBeNull();
    const id = focused as string;
    const text = readRipple(client.doc, id)?.text as string;

    // Enter opens the edit panel for that ripple.
    await board.keyboard.press('Enter');
    const panel = board.getByRole('heading', { name: 'Rimpeling bewerken' });
    await panel.waitFor(VISIBLE);
    await expect.poll(() => board.getByRole('textbox').first().inputValue()).toBe(text);

    // Arrow keys move the selected card; the new place is stored in the document.
    await card(board, text).focus();
    const before = readRipple(client.doc, id)?.position ?? null;
    const boxBefore = await card(board, text).boundingBox();
    for (let i = 0; i < 4; i++) await board.keyboard.press('ArrowRight');
    for (let i = 0; i < 3; i++) await board.keyboard.press('ArrowDown');
    await waitFor(
      () => {
        const p = readRipple(client.doc, id)?.position;
        return !!p && (p.x !== before?.x || p.y !== before?.y);
      },
      5000,
      'the moved position in the document',
    );
    const after = readRipple(client.doc, id)?.position as { x: number; y: number };
    const boxAfter = await card(board, text).boundingBox();
    expect(boxAfter?.x).toBeGreaterThan(boxBefore?.x ?? Number.POSITIVE_INFINITY);
    expect(boxAfter?.y).toBeGreaterThan(boxBefore?.y ?? Number.POSITIVE_INFINITY);
    if (before) {
      expect(after.x).toBeGreaterThan(before.x);
      expect(after.y).toBeGreaterThan(before.y);
    }

    // Delete removes it, on the board and in the document; the other ripple stays.
    await card(board, text).focus();
    await board.keyboard.press('Delete');
    await waitFor(() => readRipple(client.doc, id) === null, 5000, 'the ripple gone from the document');
    await card(board, text).waitFor({ state: 'detached', timeout: 10_000 });
    const other = id === 'a' ? 'Meer vrijwilligers' : 'Buren kennen elkaar';
    await card(board, other).waitFor(VISIBLE);
    // The focus went on to the card that stayed, so the keyboard keeps its place on the map.
    await expect.poll(focusedCard).toBe(id === 'a' ? 'b' : 'a');
  });

  it('tidies a free map of piled-up cards into one where no two cards overlap, causes left of effects', async () => {
    logServerOnFailure();
    const ids = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'];
    const { session, client } = await sessionWith(
      ids.map((id, i) => ({ id, text: `Kaart ${i + 1}` })),
      [
        ['c1', 'c2'],
        ['c2', 'c3'],
        ['c1', 'c4'],
        ['c5', 'c6'],
      ],
    );
    // Everything stored on (nearly) the same spot: a pile.
    moveRipples(
      client.doc,
      FACILITATOR,
      new Map(ids.map((id, i) => [id, { x: 40 + i * 10, y: 40 + i * 5 }])),
    );
    const board = await open(session.boardUrl);
    await card(board, 'Kaart 1').waitFor(VISIBLE);

    await board.getByRole('button', { name: 'Netjes ordenen' }).click();
    const stored = () => ids.map((id) => readRipple(client.doc, id)?.position ?? null);
    const piled = stored();
    await waitFor(
      () => stored().every((p, i) => p !== null && (p.x !== piled[i]?.x || p.y !== piled[i]?.y)),
      15_000,
      'tidied positions in the document',
    );

    // In the document: no two cards overlap, and a cause sits left of its effect.
    const positions = stored() as { x: number; y: number }[];
    const rect = (p: { x: number; y: number }) => ({ ...p, ...NODE_SIZE });
    for (let i = 0; i < positions.length; i++) {
      for (let j = i + 1; j < positions.length; j++) {
        expect(rectsOverlap(rect(positions[i] as never), rect(positions[j] as never))).toBe(false);
      }
    }
    const x = (id: string) => positions[ids.indexOf(id)]?.x ?? Number.NaN;
    expect(x('c1')).toBeLessThan(x('c2'));
    expect(x('c2')).toBeLessThan(x('c3'));
    expect(x('c5')).toBeLessThan(x('c6'));

    // On screen too: the cards' boxes do not overlap.
    await board.waitForTimeout(800);
    const boxes = await Promise.all(ids.map((_, i) => card(board, `Kaart ${i + 1}`).boundingBox()));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        expect(rectsOverlap(boxes[i] as never, boxes[j] as never)).toBe(false);
      }
    }
  });
});
