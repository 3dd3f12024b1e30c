import type { Actor } from '../../shared/model/ripple';
import type { ClientSpec } from './protocol';
import type { Endpoint, Target } from './serverChild';

/** One bench session's clients, before any of them connects. */
export interface SessionPlan {
  index: number;
  room: string;
  title: string;
  facilitator: ClientSpec;
  phones: ClientSpec[];
}

const PROGRAMME = 'Buurtkracht';

async function post<T>(baseUrl: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(baseUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * Sets up one session the way the real screens do, without connecting anyone: on Kringen
 * through its HTTP API on the first endpoint (create, then one join per phone), so each
 * client gets its credentials for the socket; the reference has no auth, so the room is a
 * name and the facilitator will write the session meta itself (`initDoc`). Phone `p` uses
 * endpoint `p mod n`, the facilitator the last one. Phases are set by the caller.
 */
export async function planSession(
  target: Target,
  endpoints: readonly Endpoint[],
  index: number,
  phoneCount: number,
  joinConcurrency = 8,
): Promise<SessionPlan> {
  const first = endpoints[0];
  const last = endpoints.at(-1);
  if (!first || !last) throw new Error('no server to connect to');
  const title = `Bench sessie ${index + 1}`;
  const names = Array.from({ length: phoneCount }, (_, p) => `Deelnemer ${p + 1}`);
  let room = `bench${index + 1}`;
  let facilitatorParams: Record<string, string> = {};
  let identities: { actor: Actor; params: Record<string, string> }[];

  if (target === 'kringen') {
    const created = await post<{ id: string; facilitatorKey: string; joinCode: string }>(
      first.baseUrl,
      '/api/sessions',
      { title, programme: PROGRAMME },
    );
    room = created.id;
    facilitatorParams = { key: created.facilitatorKey };
    identities = [];
    let next = 0;
    const joinOne = async () => {
      while (next < names.length) {
        const p = next++;
        const joined = await post<{ participantId: string; secret: string }>(first.baseUrl, '/api/join', {
          code: created.joinCode,
          name: names[p],
        });
        identities[p] = {
          actor: { role: 'participant', id: joined.participantId },
          params: { pid: joined.participantId, secret: joined.secret },
        };
      }
    };
    await Promise.all(Array.from({ length: Math.min(joinConcurrency, names.length) }, joinOne));
  } else {
    identities = names.map((_, p) => ({
      actor: { role: 'participant', id: `p${index + 1}x${p + 1}` },
      params: {},
    }));
  }

  return {
    index,
    room,
    title,
    facilitator: {
      session: index,
      role: 'facilitator',
      wsUrl: last.wsUrl,
      room,
      params: facilitatorParams,
      actor: { role: 'facilitator', id: 'facilitator' },
      name: 'Facilitator',
      phase: 0,
    },
    phones: identities.map(({ actor, params }, p) => ({
      session: index,
      role: 'phone',
      wsUrl: (endpoints[p % endpoints.length] as Endpoint).wsUrl,
      room,
      params,
      actor,
      name: names[p] as string,
      phase: 0,
    })),
  };
}

export const SESSION_PROGRAMME = PROGRAMME;
