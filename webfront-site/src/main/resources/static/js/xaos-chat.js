// xaos-chat.js: a dependency-free client of chat-service's WebSocket protocol (docs/chat-protocol.md).
// It keeps one connection open, reconnects with backoff, and resumes every followed room from the last event it
// saw, so a page sees each room's events once and in order across network drops. Sends are acknowledged
// promises and are retried across reconnects with the same clientMessageId (stored once by the server).
//
//   const chat = new XaosChat({ url: "wss://example/ws/chat", token: async () => fetchTokenSomehow() });
//   chat.addEventListener("message", e => show(e.detail.room, e.detail.message));
//   chat.connect(); chat.subscribe(roomId); await chat.send(roomId, "hello");
//
// Events (CustomEvent, details in parentheses): "message" ({room, message}: kind MESSAGE, EDIT or DELETE),
// "typing" ({room, user}), "unsubscribed" ({room, reason}), "gap" ({room, lastSeq}: too far behind to replay;
// page the history over REST), "status" ({state: connecting | open | closed, code, reason}), "problem"
// ({code, detail}: a refused frame that no promise was waiting for).

const PROTOCOL = "xaos-chat.v1";
const PING_EVERY_MS = 25000;
const TYPING_EVERY_MS = 2000;
const FIRST_RETRY_MS = 500;
const LAST_RETRY_MS = 30000;
// Longer than the longest reconnect wait: a send survives an outage and is retried with the same id.
const ACK_TIMEOUT_MS = 60000;
// The server refuses more than 20 frames a second per connection: stay well under it, since frames sent evenly
// can still arrive bunched (a reconnect resubscribes many rooms at once).
const FRAMES_PER_SECOND = 10;

export class XaosChat extends EventTarget {
  /**
   * @param {object} options
   * @param {string} options.url the WebSocket URL of /ws/chat
   * @param {() => Promise<string|null>} [options.token] gives an access token for each (re)connection; none:
   *   the browser's cookie (XAOS_WS_TOKEN) authenticates the handshake
   * @param {typeof WebSocket} [options.WebSocket] the WebSocket class (the global one by default)
   */
  constructor({ url, token = async () => null, WebSocket: Socket = globalThis.WebSocket }) {
    super();
    this.url = url;
    this.token = token;
    this.Socket = Socket;
    this.rooms = new Map(); // room -> last seq seen (null: live from now)
    this.pending = new Map(); // clientMessageId -> {frame, resolve, reject, timer}
    this.lastTyping = new Map();
    this.retryMs = FIRST_RETRY_MS;
    this.closedByUs = true;
    this.socket = null;
    this.outbox = [];
    this.sentAt = [];
    this.confirmed = new Set(); // rooms the server confirmed on this connection
  }

  /** Opens the connection (and keeps it open until close()); calling it again while open does nothing. */
  connect() {
    if (!this.closedByUs) {
      return;
    }
    this.closedByUs = false;
    this.#open();
  }

  /** Closes for good: no reconnect; sends not yet acknowledged are rejected. */
  close() {
    this.closedByUs = true;
    clearInterval(this.pinger);
    clearTimeout(this.retry);
    if (this.socket) {
      this.socket.close(1000, "bye");
    }
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      waiting.reject(new Error("closed"));
      this.pending.delete(id);
    }
  }

  /** Follows a room, from after `afterSeq` when given (else from now; later reconnects resume where it was). */
  subscribe(room, afterSeq = null) {
    this.rooms.set(room, afterSeq);
    this.#write({ type: "subscribe", room, ...(afterSeq === null ? {} : { afterSeq }) });
  }

  unsubscribe(room) {
    this.rooms.delete(room);
    this.#write({ type: "unsubscribe", room });
  }

  /** The newest event number seen in a room (null before any). */
  lastSeq(room) {
    return this.rooms.get(room) ?? null;
  }

  /** Sends a message; resolves with the stored message once the server acknowledged it. */
  send(room, body) {
    return this.#request({ type: "send", room, body });
  }

  /** Edits one's own message; resolves with the EDIT event. */
  edit(room, messageId, body) {
    return this.#request({ type: "edit", room, messageId, body });
  }

  /** Deletes a message; resolves with the DELETE event (null if it was deleted already). */
  delete(room, messageId) {
    return this.#request({ type: "delete", room, messageId });
  }

  /** Says the user is typing in a room (sent at most every 2 s per room). */
  typing(room) {
    const now = Date.now();
    if (now - (this.lastTyping.get(room) ?? 0) >= TYPING_EVERY_MS) {
      this.lastTyping.set(room, now);
      this.#write({ type: "typing", room });
    }
  }

  /** Moves the user's read marker in a room forward to `seq`. */
  markRead(room, seq) {
    this.#write({ type: "read", room, seq });
  }

  #request(frame) {
    const clientMessageId = newId();
    const sent = { ...frame, clientMessageId };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(clientMessageId);
        reject(new Error("no acknowledgement within " + ACK_TIMEOUT_MS / 1000 + " s"));
      }, ACK_TIMEOUT_MS);
      this.pending.set(clientMessageId, { frame: sent, resolve, reject, timer });
      this.#write(sent);
    });
  }

  async #open() {
    this.#status("connecting");
    let token = null;
    try {
      token = await this.token();
    } catch (e) {
      this.#scheduleReconnect();
      return;
    }
    if (this.closedByUs) {
      return;
    }
    const protocols = token ? [PROTOCOL, "bearer." + token] : [PROTOCOL];
    let socket;
    try {
      socket = new this.Socket(this.url, protocols);
    } catch (e) {
      this.#scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.retryMs = FIRST_RETRY_MS;
      this.#status("open");
      this.outbox = [];
      this.confirmed.clear();
      for (const [room, seq] of this.rooms) {
        this.#write({ type: "subscribe", room, ...(seq === null ? {} : { afterSeq: seq }) });
      }
      // Unacknowledged sends go again: the same clientMessageId is stored once.
      for (const waiting of this.pending.values()) {
        this.#write(waiting.frame);
      }
      clearInterval(this.pinger);
      this.pinger = setInterval(() => this.#write({ type: "ping" }), PING_EVERY_MS);
    };
    socket.onmessage = (event) => this.#receive(JSON.parse(event.data));
    socket.onclose = (event) => {
      clearInterval(this.pinger);
      if (this.socket === socket) {
        this.socket = null;
      }
      this.#status("closed", event.code, event.reason);
      if (!this.closedByUs) {
        this.#scheduleReconnect(event.code);
      }
    };
  }

  #scheduleReconnect(code) {
    // Too many connections or flooding: wait the longest; otherwise back off, doubling, with jitter.
    const wait = code === 4429 || code === 1008 ? LAST_RETRY_MS : this.retryMs;
    this.retryMs = Math.min(LAST_RETRY_MS, this.retryMs * 2);
    clearTimeout(this.retry);
    this.retry = setTimeout(() => this.#open(), wait / 2 + Math.random() * wait / 2);
  }

  #receive(frame) {
    switch (frame.type) {
      case "message": {
        const seen = this.rooms.get(frame.room);
        if (seen !== undefined && (seen === null || frame.message.seq > seen)) {
          this.rooms.set(frame.room, frame.message.seq);
          this.#emit("message", { room: frame.room, message: frame.message });
        }
        break;
      }
      case "subscribed":
        this.confirmed.add(frame.room);
        if (this.rooms.has(frame.room)) {
          const seen = this.rooms.get(frame.room);
          if (seen === null || !frame.recovered) {
            this.rooms.set(frame.room, frame.lastSeq);
          }
          if (!frame.recovered) {
            this.#emit("gap", { room: frame.room, lastSeq: frame.lastSeq });
          }
        }
        break;
      case "ack":
        this.#settle(frame.clientMessageId, (waiting) => waiting.resolve(frame.message));
        break;
      case "error":
        if (frame.code === "rate-limited" && !frame.clientMessageId) {
          // A subscribe (or another frame without an id) was dropped: subscribe again where unconfirmed.
          clearTimeout(this.resubscribeTimer);
          this.resubscribeTimer = setTimeout(() => this.#resubscribeUnconfirmed(), 1000);
        }
        if (!this.#settle(frame.clientMessageId, (waiting) => waiting.reject(Object.assign(new Error(frame.detail),
          { code: frame.code })))) {
          this.#emit("problem", { code: frame.code, detail: frame.detail });
        }
        break;
      case "typing":
        this.#emit("typing", { room: frame.room, user: frame.user });
        break;
      case "unsubscribed":
        if (frame.reason === "unsubscribed" && this.rooms.has(frame.room)) {
          // The answer to an unsubscribe the page has since taken back by subscribing again.
        } else if (frame.reason === "resubscribe" && this.rooms.has(frame.room)) {
          setTimeout(() => this.subscribe(frame.room, this.rooms.get(frame.room)), FIRST_RETRY_MS);
        } else {
          this.rooms.delete(frame.room);
          this.#emit("unsubscribed", { room: frame.room, reason: frame.reason });
        }
        break;
      default:
        break;
    }
  }

  #resubscribeUnconfirmed() {
    for (const [room, seq] of this.rooms) {
      if (!this.confirmed.has(room)) {
        this.#write({ type: "subscribe", room, ...(seq === null ? {} : { afterSeq: seq }) });
      }
    }
  }

  #settle(clientMessageId, settle) {
    const waiting = clientMessageId && this.pending.get(clientMessageId);
    if (!waiting) {
      return false;
    }
    clearTimeout(waiting.timer);
    this.pending.delete(clientMessageId);
    settle(waiting);
    return true;
  }

  /** Queues a frame and sends what the pace allows (frames written while closed are dropped). */
  #write(frame) {
    if (this.socket && this.socket.readyState === 1) {
      this.outbox.push(JSON.stringify(frame));
      this.#flush();
    }
  }

  #flush() {
    const now = Date.now();
    this.sentAt = this.sentAt.filter((at) => now - at < 1000);
    while (this.outbox.length > 0 && this.sentAt.length < FRAMES_PER_SECOND && this.socket?.readyState === 1) {
      this.socket.send(this.outbox.shift());
      this.sentAt.push(now);
    }
    if (this.outbox.length > 0 && !this.flushTimer) {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = null;
        this.#flush();
      }, 1000 - (now - this.sentAt[0]) + 1);
    }
  }

  #status(state, code, reason) {
    this.#emit("status", { state, code, reason });
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

function newId() {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
