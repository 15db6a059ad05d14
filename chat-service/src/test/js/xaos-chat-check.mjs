// Drives webfront's xaos-chat.js against a running chat-service (run by BrowserModuleTest):
// two users, a message, a dropped connection that resumes, an edit, a refused edit and typing.
// Prints one JSON line of what it saw.
import { pathToFileURL } from "node:url";

const { XAOS_CHAT_MODULE, XAOS_CHAT_URL, TOKEN_A, TOKEN_B, ROOM } = process.env;
const { XaosChat } = await import(pathToFileURL(XAOS_CHAT_MODULE).href);

const waitFor = async (what, condition) => {
  const deadline = Date.now() + 10000;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error("timed out waiting for " + what);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
};

const alice = new XaosChat({ url: XAOS_CHAT_URL, token: async () => TOKEN_A });
const bob = new XaosChat({ url: XAOS_CHAT_URL, token: async () => TOKEN_B });
const seenByBob = [];
const typingSeenByAlice = [];
const statusesOfBob = [];
bob.addEventListener("message", (e) => seenByBob.push(e.detail.message));
bob.addEventListener("status", (e) => statusesOfBob.push(e.detail.state));
alice.addEventListener("typing", (e) => typingSeenByAlice.push(e.detail.user));

alice.connect();
bob.connect();
await waitFor("both open", () => alice.socket?.readyState === 1 && bob.socket?.readyState === 1);
alice.subscribe(ROOM);
bob.subscribe(ROOM);
await waitFor("both subscribed", () => alice.lastSeq(ROOM) !== null && bob.lastSeq(ROOM) !== null);

const first = await alice.send(ROOM, "<b>hello</b> Bob");
await waitFor("the first message", () => seenByBob.some((m) => m.id === first.id));

bob.socket.close(4000, "the network went away");
await waitFor("bob noticing", () => statusesOfBob.includes("closed"));
const missed = await alice.send(ROOM, "while you were away");
await waitFor("the missed message after resuming", () => seenByBob.some((m) => m.id === missed.id));
await alice.edit(ROOM, missed.id, "while you were away (edited)");
await waitFor("the edit", () => seenByBob.some((m) => m.kind === "EDIT" && m.targetId === missed.id));

let refused = null;
try {
  await bob.edit(ROOM, first.id, "not mine");
} catch (e) {
  refused = e.code;
}
bob.typing(ROOM);
await waitFor("typing", () => typingSeenByAlice.length > 0);

console.log(JSON.stringify({
  seqs: seenByBob.map((m) => m.seq),
  kinds: seenByBob.map((m) => m.kind),
  firstBody: seenByBob[0].body,
  reconnected: statusesOfBob.filter((s) => s === "open").length,
  refused,
  typing: typingSeenByAlice[0],
}));
alice.close();
bob.close();
process.exit(0);
