// Time travel: a slider over the user's journal by seq. Each position shows the list as of that seq
// (`?asOfSeq=`, folded by the server from the journal) beside the event at that seq; the diff compares two seqs.
import { el, listAsOfSeq, readJournal, status, time } from "./api.js";
import { conversationRow } from "./conversation-row.js";

let state = { userID: null, events: [], request: 0 };

export async function showTravel(userID) {
  document.getElementById("travel-user").textContent = userID ?? "pick a user";
  const slider = document.getElementById("seq");
  state = { userID, events: [], request: 0 };
  if (!userID) return;
  try {
    state.events = await readJournal(userID);
  } catch (error) {
    status(`${userID}: ${error.desc ?? error.message}`, true);
    return;
  }
  const last = state.events.at(-1)?.seq ?? 0;
  slider.max = String(last);
  slider.value = String(last);
  slider.oninput = () => move(Number(slider.value));
  document.getElementById("diff-from").max = String(last);
  document.getElementById("diff-to").max = String(last);
  document.getElementById("diff-form").onsubmit = (e) => {
    e.preventDefault();
    diff(Number(document.getElementById("diff-from").value), Number(document.getElementById("diff-to").value));
  };
  document.getElementById("diff").replaceChildren();
  await move(last);
}

async function move(seq) {
  const request = ++state.request;
  const event = state.events.find((e) => e.seq === seq);
  document.getElementById("seq-label").textContent = String(seq);
  document.getElementById("seq-time").textContent = event ? time(event.timestamp) : seq === 0 ? "before the first event" : "";
  document.getElementById("diff-from").value = String(Math.max(0, seq - 1));
  document.getElementById("diff-to").value = String(seq);
  const box = document.getElementById("asof-event");
  box.replaceChildren();
  if (event) {
    box.append(el("b", null, event.type), el("span", "hint", ` seq ${event.seq} · ${time(event.timestamp)}`), el("pre", null, JSON.stringify(event.event, null, 2)));
  } else {
    box.append(el("span", "hint", "the empty list before the first event"));
  }
  try {
    const list = await listAsOfSeq(state.userID, seq);
    if (request !== state.request) return; // the slider moved on meanwhile
    document.getElementById("asof-seq").textContent = String(seq);
    const unread = list.filter((c) => c.recvOpt === "RECEIVE").reduce((n, c) => n + c.unreadCount, 0);
    document.getElementById("asof-total").textContent = `${list.length} conversations, ${unread} unread`;
    const rows = list.map(conversationRow);
    document.getElementById("asof-list").replaceChildren(...(rows.length ? rows : [el("li", "conv hint", "no conversations")]));
    document.getElementById("asof-list").dataset.seq = String(seq);
  } catch (error) {
    status(`asOfSeq ${seq}: ${error.desc ?? error.message}`, true);
  }
}

const FIELDS = ["showName", "lastMessage", "unreadCount", "draftText", "isPinned", "orderKey", "recvOpt", "groupAtInfoList", "markList", "customData", "conversationGroupList"];

const short = (value) => {
  if (value && typeof value === "object" && "summary" in value) return `"${value.summary}"${value.isRevoked ? " (revoked)" : ""}`;
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
};

async function diff(from, to) {
  const box = document.getElementById("diff");
  box.replaceChildren(el("span", "hint", "comparing…"));
  try {
    const [a, b] = await Promise.all([listAsOfSeq(state.userID, from), listAsOfSeq(state.userID, to)]);
    const before = new Map(a.map((c, i) => [c.conversationID, { c, i }]));
    const after = new Map(b.map((c, i) => [c.conversationID, { c, i }]));
    const added = b.filter((c) => !before.has(c.conversationID)).map((c) => `${c.conversationID} at #${after.get(c.conversationID).i + 1}`);
    const removed = a.filter((c) => !after.has(c.conversationID)).map((c) => `${c.conversationID} (was #${before.get(c.conversationID).i + 1})`);
    const moved = [];
    const changed = [];
    for (const [id, { c, i }] of after) {
      const old = before.get(id);
      if (!old) continue;
      if (old.i !== i) moved.push(`${id}: #${old.i + 1} → #${i + 1}`);
      for (const field of FIELDS) {
        if (JSON.stringify(old.c[field]) !== JSON.stringify(c[field])) changed.push(`${id} ${field}: ${short(old.c[field])} → ${short(c[field])}`);
      }
    }
    box.replaceChildren(el("p", "hint", `seq ${from} → seq ${to}`));
    box.dataset.from = String(from);
    box.dataset.to = String(to);
    for (const [title, lines, cls] of [["added", added, "added"], ["removed", removed, "removed"], ["moved", moved, "moved"], ["changed fields", changed, "changed"]]) {
      const section = el("div");
      section.dataset.testid = `diff-${cls}`;
      section.append(el("b", null, `${title} (${lines.length})`));
      const list = el("ul", cls);
      list.append(...lines.map((line) => el("li", null, line)));
      section.append(list);
      box.append(section);
    }
  } catch (error) {
    box.replaceChildren(el("span", "status error", error.desc ?? error.message));
  }
}
