import * as Y from 'yjs';
import { addRipple, editRipple, initSession } from '../../shared/doc/commands';
import { readRipples } from '../../shared/doc/read';
import { LIMITS } from '../../shared/model/limits';
import type { Actor } from '../../shared/model/ripple';
import { silentLogger } from '../log';
import { MemoryUpdateStore } from '../storage/MemoryUpdateStore';
import { Room, type RoomPeer } from './Room';

const TEXTS = [
  'We zijn huis aan huis gegaan om te vragen wat bewoners nodig hebben',
  'Bewoners en professionals ontmoeten elkaar nu in het buurthuis',
  'Een groep bewoners organiseert zelf de inloopochtend',
  'Het plan is aangepast aan het tempo van de bewoners',
  'Residents now lead the monthly neighbourhood meeting',
];

/** How many made-up ripples: enough for V8 to compile the update path, at the cost of a slightly slower start-up. */
export const WARM_UP_RIPPLES = 150;

/**
 * Limits of the warm-up room alone: an operator's lower limits (MAX_RIPPLES_PER_SESSION
 * below 150) would refuse the made-up ripples and warm up only the refusal.
 */
const QUOTA = { maxRippleText: LIMITS.rippleText, maxRipples: WARM_UP_RIPPLES, maxLinks: WARM_UP_RIPPLES };

/**
 * Sends made-up ripples through a room of its own, in memory, before the server takes
 * connections: V8 compiles the update path (decode, checks, suggestion, encode) and the
 * classifier builds its index now instead of on the first phones' ripples. On a fresh
 * server the first ripples took many times longer than later ones, and a load run's worst
 * second was its first. Nothing is stored and nobody hears of it.
 */
export async function warmUp(): Promise<{ ripples: number; accepted: number; suggested: number }> {
  const room = await Room.load('warm-up', {
    store: new MemoryUpdateStore(),
    quota: QUOTA,
    log: silentLogger,
    compactEvery: Number.MAX_SAFE_INTEGER,
  });
  const peer = (actor: Actor): RoomPeer => ({
    actor,
    name: null,
    label: 'warm-up',
    awarenessIds: new Set(),
    send() {},
    close() {},
  });
  const facilitator: Actor = { role: 'facilitator', id: 'facilitator' };
  const participant: Actor = { role: 'participant', id: 'warm-up-phone' };
  const board = peer(facilitator);
  const phone = peer(participant);
  room.join(board);
  room.join(phone);

  // Each client's updates go to the room in order, one at a time, as over a socket.
  const clientOf = (from: RoomPeer) => {
    const doc = new Y.Doc();
    const sent: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== room) sent.push(update);
    });
    const receive = () => Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc, Y.encodeStateVector(doc)), room);
    const flush = async () => {
      for (const update of sent.splice(0))
        await room.enqueue(() => room.receiveUpdate(from, update, 'update'));
    };
    return { doc, receive, flush };
  };
  try {
    const boardClient = clientOf(board);
    initSession(boardClient.doc, { title: 'warm-up', programme: 'warm-up' });
    await boardClient.flush();
    const phoneClient = clientOf(phone);
    phoneClient.receive();
    for (let i = 0; i < WARM_UP_RIPPLES; i++) {
      const id = `w${i}`;
      addRipple(phoneClient.doc, participant, { text: TEXTS[i % TEXTS.length] as string }, { id });
      await phoneClient.flush();
      if (i % 3 === 0) {
        boardClient.receive();
        editRipple(boardClient.doc, facilitator, id, { status: 'accepted', position: { x: i, y: i } });
        await boardClient.flush();
      }
    }
    // What the room took: a test sees that the made-up ripples were not refused.
    const ripples = readRipples(room.doc);
    return {
      ripples: ripples.length,
      accepted: ripples.filter((ripple) => ripple.status === 'accepted').length,
      suggested: ripples.filter((ripple) => ripple.suggestedCode !== null).length,
    };
  } finally {
    room.destroy();
  }
}
