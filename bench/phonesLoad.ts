/**
 * Many phones at once (issue 5, point 8): N stock y-websocket phone clients and one
 * facilitator in one session on the real server (in-process, loopback only). Each phone
 * adds a ripple every `interval` seconds (staggered); we measure the delay from `addRipple`
 * on the phone to the ripple appearing in the facilitator's document.
 *
 *   node --import tsx bench/phonesLoad.ts [--phones 200] [--seconds 60] [--interval 10]
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { addRipple } from '../shared/doc/commands';
import { roots } from '../shared/doc/schema';
import { startServerProcess } from '../tests/helpers/serverProcess';
import { connectClient, type TestClient } from '../tests/helpers/yClient';

const { values } = parseArgs({
  options: {
    phones: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '60' },
    interval: { type: 'string', default: '10' },
  },
});
const PHONES = Number(values.phones);
const SECONDS = Number(values.seconds);
const INTERVAL_MS = Number(values.interval) * 1000;

const server = await startServerProcess();
const wsUrl = `ws://127.0.0.1:${server.port}/ws`;
const post = async <T>(path: string, body: unknown): Promise<T> => {
  const res = await fetch(`${server.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};
const session = await post<{ id: string; joinCode: string; facilitatorKey: string }>('/api/sessions', {
  title: 'Bench',
});
const facilitator = connectClient(wsUrl, session.id, { key: session.facilitatorKey });
await facilitator.synced;

const sentAt = new Map<string, number>();
const delays: number[] = [];
roots(facilitator.doc).ripples.observe((event) => {
  const now = performance.now();
  for (const key of event.keysChanged) {
    const start = sentAt.get(key);
    if (start !== undefined && roots(facilitator.doc).ripples.has(key)) {
      delays.push(now - start);
      sentAt.delete(key);
    }
  }
});

const phones: { client: TestClient; actor: { role: 'participant'; id: string } }[] = [];
for (let i = 0; i < PHONES; i++) {
  const joined = await post<{ participantId: string; secret: string }>('/api/join', {
    code: session.joinCode,
    name: `Telefoon ${i}`,
  });
  const client = connectClient(wsUrl, session.id, {
    pid: joined.participantId,
    secret: joined.secret,
  });
  phones.push({ client, actor: { role: 'participant', id: joined.participantId } });
}
await Promise.all(phones.map((p) => p.client.synced));
console.log(
  `${PHONES} phones and 1 facilitator connected; sending for ${SECONDS} s, one ripple per phone every ${INTERVAL_MS / 1000} s`,
);

let errors = 0;
let sent = 0;
const timers: ReturnType<typeof setInterval>[] = [];
phones.forEach((phone, i) => {
  const start = setTimeout(
    () => {
      const send = () => {
        const result = addRipple(phone.client.doc, phone.actor, { text: `Rimpeling ${i} ${sent}` });
        if (result.ok) {
          sentAt.set(result.value.id, performance.now());
          sent++;
        } else errors++;
      };
      send();
      timers.push(setInterval(send, INTERVAL_MS));
    },
    (i * INTERVAL_MS) / PHONES,
  );
  timers.push(start as unknown as ReturnType<typeof setInterval>);
});

/** The server's resident memory, from /proc (Linux). */
const serverRss = (): number => {
  try {
    const status = readFileSync(`/proc/${server.pid()}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
};
let peakRss = 0;
const rssTimer = setInterval(() => {
  peakRss = Math.max(peakRss, serverRss());
}, 500);
await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
for (const timer of timers) clearInterval(timer);
await new Promise((resolve) => setTimeout(resolve, 2000));
clearInterval(rssTimer);

const closes = phones.reduce((n, p) => n + p.client.closes.length, 0);
const sorted = [...delays].sort((a, b) => a - b);
const pct = (p: number) =>
  sorted.length ? (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0) : 0;
const cpu = cpus()[0]?.model ?? 'unknown cpu';
console.log(`machine: ${cpu}, ${cpus().length} cores, node ${process.version}`);
console.log(`phones ${PHONES}, duration ${SECONDS} s, interval ${INTERVAL_MS / 1000} s`);
console.log(
  `ripples sent ${sent}, seen by facilitator ${delays.length}, lost ${sentAt.size}, command errors ${errors}, socket closes ${closes}`,
);
console.log(
  `phone → facilitator delay: p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms, max ${(sorted.at(-1) ?? 0).toFixed(1)} ms`,
);
console.log(`server peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB`);

for (const phone of phones) phone.client.destroy();
facilitator.destroy();
await server.stop();
process.exit(sentAt.size > 0 || errors > 0 ? 1 : 0);
