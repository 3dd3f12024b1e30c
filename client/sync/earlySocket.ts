/**
 * The board's socket, opened before the board's code has loaded.
 *
 * A board opens on a big map: the server's answer to the first sync request is the whole
 * document, hundreds of kilobytes. Waiting for React, React Flow and Yjs to download
 * and start before even asking for it cost much of the first render on a small laptop
 * (bench/boardRender.ts). So the first module of the page opens the socket and sends the
 * sync request of an empty document at once; what the server sends is kept here until
 * `connectSession` creates its y-websocket provider, which adopts the socket through its
 * `WebSocketPolyfill` option and reads the kept frames as if they had just arrived.
 *
 * This module imports nothing: it is part of every page's first download, phones too.
 */

/**
 * The y-websocket sync step 1 of an empty document: message type sync (0), sub-type
 * step 1 (0), then the state vector (no clients) as a length-prefixed byte array.
 */
const EMPTY_SYNC_STEP_1 = new Uint8Array([0, 0, 1, 0]);

/** How many of the socket's first events get a User Timing mark (see `keep`). */
const MARKED_EVENTS = 8;

/** Unclaimed after this long (the board's code failed to load, or the key was refused): closed. */
const UNCLAIMED_TIMEOUT_MS = 20_000;

type Handler<E> = ((event: E) => void) | null;
type Kept =
  | { type: 'open'; event: Event }
  | { type: 'message'; event: MessageEvent }
  | { type: 'close'; event: CloseEvent }
  | { type: 'error'; event: Event };

export function webSocketBase(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

/**
 * The URL y-websocket connects to for `room` with `params` (its `url` getter, with lib0's
 * encodeQueryParams), so an early socket is adopted only by the connection it was opened for.
 */
export function sessionSocketUrl(room: string, params: Record<string, string>): string {
  const query = Object.entries(params)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&');
  return `${webSocketBase()}/${room}${query ? `?${query}` : ''}`;
}

/**
 * A socket opened early, looking to y-websocket like a fresh WebSocket: it sets the `on…`
 * handlers right after construction, and the events that happened before (open, the
 * server's frames) are replayed to them in order, in a task of their own.
 */
class AdoptedSocket {
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  onopen: Handler<Event> = null;
  onmessage: Handler<MessageEvent> = null;
  onclose: Handler<CloseEvent> = null;
  onerror: Handler<Event> = null;
  /** Frames always arrive as ArrayBuffer (set before the first one); y-websocket sets this too. */
  binaryType: BinaryType = 'arraybuffer';
  private adopted = false;
  private scheduled = false;
  private readonly kept: Kept[] = [];
  private marked = 0;
  /** Whether the provider's own first sync step 1 is still to come (we sent the same one). */
  private duplicateStep1Pending = true;
  private readonly timeout: ReturnType<typeof setTimeout>;

  constructor(
    readonly url: string,
    private readonly socket: WebSocket,
  ) {
    socket.binaryType = 'arraybuffer';
    socket.addEventListener('open', (event) => {
      socket.send(EMPTY_SYNC_STEP_1);
      this.keep({ type: 'open', event });
    });
    socket.addEventListener('message', (event) => this.keep({ type: 'message', event }));
    socket.addEventListener('close', (event) => this.keep({ type: 'close', event }));
    socket.addEventListener('error', (event) => this.keep({ type: 'error', event }));
    this.timeout = setTimeout(() => {
      if (!this.adopted) this.discard();
    }, UNCLAIMED_TIMEOUT_MS);
  }

  get readyState(): number {
    return this.socket.readyState;
  }

  get isUsable(): boolean {
    return this.socket.readyState === WebSocket.CONNECTING || this.socket.readyState === WebSocket.OPEN;
  }

  adopt(): void {
    performance.mark('kringen: socket adopted');
    this.adopted = true;
    clearTimeout(this.timeout);
    this.schedule();
  }

  discard(): void {
    clearTimeout(this.timeout);
    this.kept.length = 0;
    this.socket.close();
  }

  send(data: Parameters<WebSocket['send']>[0]): void {
    if (this.duplicateStep1Pending) {
      this.duplicateStep1Pending = false;
      // y-websocket sends sync step 1 on open; from a still empty document it is the one
      // we sent already, and a second one would make the server send the whole map twice.
      if (isEmptySyncStep1(data)) return;
    }
    this.socket.send(data);
  }

  close(code?: number, reason?: string): void {
    this.kept.length = 0;
    this.socket.close(code, reason);
  }

  private keep(event: Kept): void {
    // User Timing marks: bench/boardRender.ts --timeline shows when the page had what. Only
    // the first few: the browser keeps every mark, and a session lasts for hours of messages.
    if (this.marked < MARKED_EVENTS) {
      this.marked += 1;
      performance.mark(`kringen: socket ${event.type}`, {
        detail: event.type === 'message' ? sizeOf(event.event.data) : null,
      });
    }
    this.kept.push(event);
    if (this.adopted) this.schedule();
  }

  /** One task per batch, after y-websocket has set its handlers; later events queue behind earlier ones. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      for (let next = this.kept.shift(); next; next = this.kept.shift()) this.dispatch(next);
    }, 0);
  }

  private dispatch(kept: Kept): void {
    switch (kept.type) {
      case 'open':
        this.onopen?.(kept.event);
        break;
      case 'message':
        this.onmessage?.(kept.event);
        break;
      case 'close':
        this.onclose?.(kept.event);
        break;
      case 'error':
        this.onerror?.(kept.event);
        break;
    }
  }
}

function sizeOf(data: unknown): number | null {
  return data instanceof ArrayBuffer ? data.byteLength : null;
}

function isEmptySyncStep1(data: Parameters<WebSocket['send']>[0]): boolean {
  if (!(data instanceof Uint8Array)) return false;
  const bytes = data;
  return bytes.length === EMPTY_SYNC_STEP_1.length && bytes.every((byte, i) => byte === EMPTY_SYNC_STEP_1[i]);
}

let early: AdoptedSocket | null = null;

/** Opens the socket for `url` now; `connectSession` adopts it (see the module comment). */
export function openEarlySocket(url: string): void {
  if (typeof WebSocket === 'undefined') return;
  early?.discard();
  try {
    early = new AdoptedSocket(url, new WebSocket(url));
  } catch {
    early = null;
  }
}

/**
 * For y-websocket's `WebSocketPolyfill` option: the early socket when it was opened for
 * this URL and is still usable (once), else a new WebSocket. An early socket for another
 * URL is closed: one screen, one connection.
 */
export const EarlyOrNewWebSocket = function EarlyOrNewWebSocket(url: string, protocols?: string | string[]) {
  const candidate = early;
  early = null;
  if (candidate?.url === url && candidate.isUsable) {
    candidate.adopt();
    return candidate;
  }
  candidate?.discard();
  return new WebSocket(url, protocols);
} as unknown as typeof WebSocket;
