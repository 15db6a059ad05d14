// Drives webfront's xaos-chat.js against a running chat-service (run by BrowserModuleTest):
// two users, a message, a dropped connection that resumes, an edit, a refused edit and typing.
// Prints one JSON line of what it saw.
import { pathToFileURL } from "node:url";

const { XAOS_CHAT_MODULE, XAOS_CHAT_URL, TOKEN_A, TOKEN_B, ROOM, MORE_ROOMS } = process.env;
const moreRooms = MORE_ROOMS.split(",");
const { XaosChat } = await import(pathToFileURL(XAOS_CHAT_MODULE).href);

const waitFor = async (what, condition) => {
  const deadline = Date.now() + 20000;
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
const problemsOfBob = [];
bob.addEventListener("problem", (e) => problemsOfBob.push(e.detail.code));
bob.addEventListener("message", (e) => seenByBob.push(e.detail.message));
bob.addEventListener("status", (e) => statusesOfBob.push(e.detail.state));
alice.addEventListener("typing", (e) => typingSeenByAlice.push(e.detail.user));

alice.connect();
bob.connect();
await waitFor("both open", () => alice.socket?.readyState === 1 && bob.socket?.readyState === 1);
alice.subscribe(ROOM);
bob.subscribe(ROOM);
moreRooms.forEach((room) => bob.subscribe(room));
await waitFor("both subscribed", () => alice.lastSeq(ROOM) !== null && bob.lastSeq(ROOM) !== null
  && moreRooms.every((room) => bob.lastSeq(room) !== null));

const first = await alice.send(ROOM, "<b>hello</b> Bob");
await waitFor("the first message", () => seenByBob.some((m) => m.id === first.id));

bob.socket.close(4000, "the network went away");
await waitFor("bob noticing", () => statusesOfBob.includes("closed"));
const missed = await alice.send(ROOM, "while you were away");
await waitFor("the missed message after resuming", () => seenByBob.some((m) => m.id === missed.id));
const lastRoom = moreRooms[moreRooms.length - 1];
const elsewhere = await alice.send(lastRoom, "in the last of many rooms");
await waitFor("a message in the last room resubscribed", () => seenByBob.some((m) => m.id === elsewhere.id));
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

const inRoom = seenByBob.filter((m) => m.roomId === ROOM);
console.log(JSON.stringify({
  seqs: inRoom.map((m) => m.seq),
  kinds: inRoom.map((m) => m.kind),
  problems: problemsOfBob,
  firstBody: inRoom[0].body,
  reconnected: statusesOfBob.filter((s) => s === "open").length,
  refused,
  typing: typingSeenByAlice[0],
}));
alice.close();
bob.close();
process.exit(0);
