// One chat connection: the WebSocket, its state, reconnecting with backoff when it closes without being asked to, and
// rejoining the room it was in. Knows nothing of the page's elements.

import { reconnectDelay } from './backoff.js';
import { tokenExpiry } from './token.js';

export const State = Object.freeze({
  DISCONNECTED: 'disconnected',
  CONNECTING: 'connecting',
  CONNECTED: 'connected',
  RECONNECTING: 'reconnecting',
});

/** API Gateway's frame limit: a longer frame closes the connection (1009). */
export const MAX_FRAME_BYTES = 32 * 1024;
/** After staying open this long, a connection counts as good again: the next loss starts from the shortest wait. */
const STABLE_MS = 10_000;

export class ChatConnection {
  /**
   * @param {object} options
   * @param {string} options.url the WebSocket API
   * @param {string} [options.token] a sign-in token, offered as the subprotocols ["chat", token]
   * @param {(state: string, detail: object) => void} options.onState every change of state
   * @param {(message: object | string) => void} options.onMessage each frame from the API (parsed JSON, else text)
   * @param {(problem: string) => void} options.onProblem what went wrong, in words for the person
   * @param {(url: string, protocols?: string[]) => WebSocket} [options.createSocket]
   * @param {{setTimeout: Function, clearTimeout: Function}} [options.timers]
   * @param {() => number} [options.random]
   * @param {() => number} [options.now] the time in epoch milliseconds, Date.now by default
   */
  constructor({ url, token = '', onState, onMessage, onProblem,
    createSocket = (u, protocols) => (protocols ? new WebSocket(u, protocols) : new WebSocket(u)),
    timers = globalThis, random = Math.random, now = Date.now }) {
    Object.assign(this, { url, token, onState, onMessage, onProblem, createSocket, timers, random, now });
    this.state = State.DISCONNECTED;
    this.socket = null;
    this.attempt = 0;
    this.retryTimer = null;
    this.stableTimer = null;
    /** The room joined (confirmed by "joined"), rejoined after a reconnect: {room, name} or null. */
    this.membership = null;
    /** Whether the API confirmed the membership on the socket open now (false while a rejoin is on its way). */
    this.membershipConfirmed = false;
    /** The last joinroom sent: {room, name}. */
    this.requestedJoin = null;
    /** A joinroom to send once the connection is open: {room, name} or null. */
    this.pendingJoin = null;
  }

  /** Opens the connection (the person asked): a failure to connect is reported, not retried. */
  connect() {
    if (this.state !== State.DISCONNECTED) {
      return;
    }
    this.open(State.CONNECTING);
  }

  /** Closes the connection (the person asked): no reconnect, and the room is forgotten. */
  disconnect() {
    this.cancelTimers();
    this.membership = null;
    this.pendingJoin = null;
    this.requestedJoin = null;
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.onerror = null;
      socket.onmessage = null;
      socket.close(1000, 'the person disconnected');
    }
    this.setState(State.DISCONNECTED);
  }

  /** Joins a room (moving out of any other), connecting first when needed. */
  join(room, name) {
    this.pendingJoin = { room, name };
    if (this.state === State.CONNECTED) {
      this.sendJoin();
    } else if (this.state === State.DISCONNECTED) {
      this.connect();
    } // connecting or reconnecting: sent once open
  }

  /**
   * Whether the API has this connection in a room right now: connected, and the join confirmed on this very socket.
   * Right after a reconnect the rejoin is still on its way, and a message sent then could reach the API first (each
   * frame is its own invocation): it would go to no room, refused with sign-in on, and to everyone with it off.
   */
  get inRoom() {
    return this.state === State.CONNECTED && this.membership !== null && this.membershipConfirmed;
  }

  /** Leaves the room: the connection stays open. */
  leave() {
    return this.send({ action: 'leaveroom' });
  }

  /**
   * Sends one message. Refuses (with a problem reported) rather than sending what the API would close the connection
   * for.
   *
   * @returns {boolean} whether it was sent
   */
  send(message) {
    if (this.state !== State.CONNECTED || !this.socket) {
      this.onProblem('Not connected: nothing was sent.');
      return false;
    }
    const frame = JSON.stringify(message);
    const bytes = new TextEncoder().encode(frame).length;
    if (bytes > MAX_FRAME_BYTES) {
      this.onProblem(`Too long to send: ${Math.ceil(bytes / 1024)} KB; a message can be at most `
        + `${MAX_FRAME_BYTES / 1024} KB.`);
      return false;
    }
    this.socket.send(frame);
    return true;
  }

  /** Tries at once when the browser says the network is back (instead of waiting out the backoff). */
  networkIsBack() {
    if (this.state === State.RECONNECTING && this.retryTimer !== null) {
      this.timers.clearTimeout(this.retryTimer);
      this.retryTimer = null;
      this.open(State.RECONNECTING);
    }
  }

  // ---------------------------------------------------------------- inside

  open(state) {
    let socket;
    try {
      socket = this.createSocket(this.url, this.token ? ['chat', this.token] : undefined);
    } catch (error) {
      // The URL or the token cannot be used at all (e.g. a token with spaces): retrying would not help.
      this.cancelTimers();
      this.setState(State.DISCONNECTED);
      this.onProblem(`Cannot connect to ${this.url}: ${error.message}`);
      return;
    }
    this.socket = socket;
    this.setState(state, state === State.RECONNECTING ? { attempt: this.attempt } : {});
    let opened = false;
    socket.onopen = () => {
      opened = true;
      this.membershipConfirmed = false;
      this.setState(State.CONNECTED);
      this.stableTimer = this.timers.setTimeout(() => { this.attempt = 0; }, STABLE_MS);
      if (this.pendingJoin === null && this.membership !== null) {
        this.pendingJoin = this.membership; // rejoin the room it was in
      }
      if (this.pendingJoin !== null) {
        this.sendJoin();
      }
    };
    socket.onmessage = (event) => this.received(event.data);
    socket.onclose = (event) => {
      if (this.socket !== socket) {
        return;
      }
      this.socket = null;
      this.cancelTimers();
      // Refused at the handshake (an HTTP status such as 401 or 403) or not reached: a browser sees only close 1006,
      // never the status. A first attempt is not retried (the person is there to fix it and press Join), nor is
      // a reconnect with a token that has expired (it would be refused every time); anything else backs off.
      if (!opened && (state === State.CONNECTING || this.tokenHasExpired())) {
        this.membership = null;
        this.pendingJoin = null;
        this.setState(State.DISCONNECTED, { couldNotConnect: true });
        this.onProblem(this.refusal());
        return;
      }
      this.scheduleReconnect(event.code);
    };
  }

  tokenHasExpired() {
    const expiry = tokenExpiry(this.token);
    return expiry !== null && expiry.getTime() <= this.now();
  }

  /** Why a handshake may have failed, and what the person can do, in words. */
  refusal() {
    const start = `Could not connect to ${this.url}: the API refused the connection or cannot be reached.`;
    if (this.tokenHasExpired()) {
      return `${start} Your sign-in token expired at ${tokenExpiry(this.token).toLocaleString()}: get a new one, `
        + 'put it in Token and press Join.';
    }
    if (this.token) {
      return `${start} If it asks for sign-in, check the token in Token (it may be for another API), then press Join.`;
    }
    return `${start} If it asks for sign-in, put a sign-in token in Token (or open the page with ?token=...), `
      + 'then press Join.';
  }

  scheduleReconnect(closeCode) {
    if (closeCode === 1009) {
      this.onProblem('The API closed the connection: a message was too big.');
    }
    const delay = reconnectDelay(this.attempt, this.random);
    this.setState(State.RECONNECTING, { attempt: this.attempt + 1, delayMs: delay, closeCode });
    this.attempt += 1;
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      this.open(State.RECONNECTING);
    }, delay);
  }

  sendJoin() {
    const { room, name } = this.pendingJoin;
    this.pendingJoin = null;
    this.requestedJoin = { room, name };
    this.send({ action: 'joinroom', room, name });
  }

  received(data) {
    let message = data;
    try {
      message = JSON.parse(data);
    } catch {
      // Not JSON (echo answers a string as it is): handed on as text.
    }
    // An error reply changes nothing on the API's side, so it changes no membership here either.
    if (message && typeof message === 'object' && message.type === 'joined') {
      // The name the room knows: with sign-in on, the token's, whatever was sent.
      const name = typeof message.name === 'string' ? message.name : this.requestedJoin?.name ?? '';
      this.membership = { room: message.room, name };
      this.membershipConfirmed = true;
    } else if (message && typeof message === 'object' && message.type === 'left') {
      this.membership = null;
    }
    this.onMessage(message);
  }

  setState(state, detail = {}) {
    this.state = state;
    this.onState(state, detail);
  }

  cancelTimers() {
    for (const timer of [this.retryTimer, this.stableTimer]) {
      if (timer !== null) {
        this.timers.clearTimeout(timer);
      }
    }
    this.retryTimer = null;
    this.stableTimer = null;
  }
}
