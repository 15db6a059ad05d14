// chat-room.js: makes the room page live. The page works without it (a plain form, refresh to see more); with it,
// messages arrive as they are sent and the form sends without leaving the page. The connection goes to this
// site's /chat/live, which relays it to chat with the visitor's token (the browser never holds one).
const list = document.getElementById("messages");
/** The site's relay closes with this when the visitor is not signed in (any more). */
const SIGNED_OUT = 4403;
const when = new Intl.DateTimeFormat("en-GB", {
  day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone: "UTC",
});

if (list) {
  start();
}

async function start() {
  // The client module's address comes from the page: static files are served only under content-hashed names.
  const { XaosChat } = await import(list.dataset.client);
  const room = list.dataset.room;
  const status = document.getElementById("chat-status");
  const form = document.getElementById("composer");
  const input = form.querySelector("textarea");
  const button = form.querySelector("button");
  const chat = new XaosChat({ url: (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/chat/live" });

  chat.addEventListener("status", (e) => {
    const { state, code } = e.detail;
    if (state === "open") {
      say(status, "Live: new messages appear as they are sent.");
    } else if (code === SIGNED_OUT) {
      // The site no longer knows the visitor (signed out elsewhere, or the session ended): no point retrying.
      chat.close();
      say(status, "Your sign-in has ended: reload the page to sign in again.");
    } else {
      // Including 4401 (the token ran out): the client reconnects and the site hands chat a fresh one.
      say(status, state === "connecting" ? "Connecting…" : "Disconnected: reconnecting…");
    }
  });
  chat.addEventListener("message", (e) => show(e.detail.message));
  chat.addEventListener("gap", () => say(status, "Some messages could not be replayed: reload the page to see them."));
  chat.addEventListener("unsubscribed", (e) => {
    say(status, "You no longer follow this room (" + e.detail.reason + ").");
    form.hidden = true;
  });
  chat.connect();
  chat.subscribe(room, Number(list.dataset.after));
  list.scrollTop = list.scrollHeight;

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const body = input.value;
    if (!body.trim()) {
      input.focus();
      return;
    }
    button.disabled = true;
    try {
      show(await chat.send(room, body));
      input.value = "";
      clearError(form);
    } catch (failure) {
      showError(form, input, failure.message || "The message could not be sent; try again.");
    } finally {
      button.disabled = false;
      input.focus();
    }
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  input.addEventListener("input", () => chat.typing(room));
}

/** Adds a message, or applies an edit or deletion to the one it names; what the page shows already is skipped. */
function show(message) {
  if (message.kind === "MESSAGE") {
    if (list.querySelector(`li[data-id="${message.id}"]`)) {
      return;
    }
    document.getElementById("no-messages")?.remove();
    const item = document.createElement("li");
    item.dataset.id = message.id;
    item.dataset.seq = message.seq;
    const mine = message.senderId === list.dataset.me;
    item.classList.toggle("mine", mine);
    const who = document.createElement("span");
    who.className = "who";
    // A sender who erased their account is no longer named.
    who.textContent = mine ? "You" : message.senderId ? "Member " + message.senderId.slice(0, 6) : "Former member";
    const time = document.createElement("time");
    time.className = "meta";
    time.dateTime = message.createdAt;
    time.textContent = when.format(new Date(message.createdAt)) + " UTC";
    const body = document.createElement("p");
    body.className = "body";
    // Message text is plain text, never markup.
    body.textContent = message.body;
    item.append(who, " ", time, body);
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    list.append(item);
    if (atBottom || mine) {
      list.scrollTop = list.scrollHeight;
    }
    return;
  }
  const target = list.querySelector(`li[data-id="${message.targetId}"] .body`);
  if (!target) {
    return;
  }
  if (message.kind === "EDIT") {
    target.textContent = message.body;
  } else if (message.kind === "DELETE") {
    target.replaceChildren(Object.assign(document.createElement("em"), { textContent: "deleted" }));
  }
}

function say(element, text) {
  if (element.textContent !== text) {
    element.textContent = text;
  }
}

function showError(form, input, text) {
  let error = form.querySelector(".error");
  if (!error) {
    error = Object.assign(document.createElement("p"), { id: "send-error", className: "error" });
    error.setAttribute("role", "alert");
    form.prepend(error);
  }
  error.textContent = text;
  input.setAttribute("aria-describedby", error.id);
}

function clearError(form) {
  form.querySelector(".error")?.remove();
  form.querySelector("textarea").removeAttribute("aria-describedby");
}
