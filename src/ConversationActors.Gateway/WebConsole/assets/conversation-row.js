// One conversation rendered as a chat client's list row: avatar, showName, the last message (or the draft), time,
// unread and @ badges, pin, marks and groups. Built with textContent only.
import { el } from "./api.js";

const MARKS = { 1: "★ star", 2: "unread", 4: "fold", 8: "hidden" };
const AT = { AT_ME: "[@me]", AT_ALL: "[@all]", AT_ALL_AT_ME: "[@all @me]" };

function avatar(conversation) {
  const box = el("div", conversation.type === "GROUP" ? "avatar group" : "avatar");
  const url = conversation.faceUrl;
  if (url && /^https?:\/\//i.test(url)) {
    const img = document.createElement("img");
    img.alt = "";
    img.referrerPolicy = "no-referrer";
    img.src = url;
    img.addEventListener("error", () => { img.remove(); box.textContent = initial(conversation); }, { once: true });
    box.append(img);
  } else {
    box.textContent = initial(conversation);
  }
  return box;
}

const initial = (conversation) => (conversation.showName || conversation.conversationID).slice(0, 1).toUpperCase();

function shortTime(ms) {
  if (!ms) return "";
  const date = new Date(ms);
  return date.toDateString() === new Date().toDateString()
    ? date.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", hour12: false })
    : date.toLocaleDateString();
}

/** @param {import("./client/index.js").Conversation} c */
export function conversationRow(c) {
  const li = el("li", c.isPinned ? "conv pinned" : "conv");
  li.dataset.id = c.conversationID;
  li.dataset.testid = "conversation";

  const middle = el("div");
  const name = el("div", "name", c.showName);
  if (c.isPinned) name.append(el("span", "mark pin", "pinned"));
  for (const mark of c.markList ?? []) name.append(el("span", "mark", MARKS[mark] ?? `mark ${mark}`));
  for (const group of c.conversationGroupList ?? []) name.append(el("span", "mark", `▣ ${group}`));
  const line = el("div", "line");
  const at = (c.groupAtInfoList ?? []).map((a) => AT[a.atType] ?? "[@]");
  if (at.length) line.append(el("span", "at", `${[...new Set(at)].join(" ")} `));
  if (c.draftText) {
    line.append(el("span", "draft", "[Draft] "), el("span", "summary", c.draftText));
  } else if (c.lastMessage) {
    const who = c.type === "GROUP" && !c.lastMessage.isSelf ? `${c.lastMessage.senderID}: ` : "";
    line.append(el("span", "summary", `${who}${c.lastMessage.summary}`));
  }
  middle.append(name, line);

  const side = el("div", "side");
  side.append(el("span", "time", shortTime(c.draftText ? c.draftTimestamp : c.lastMessage?.timestamp)));
  if (c.unreadCount > 0) {
    const badge = el("span", c.recvOpt === "RECEIVE" ? "badge" : "badge muted", c.unreadCount > 99 ? "99+" : c.unreadCount);
    badge.dataset.testid = "unread";
    side.append(badge);
  }
  if (c.recvOpt !== "RECEIVE") side.append(el("span", "hint", c.recvOpt === "NOT_RECEIVE" ? "muted" : "no notice"));

  li.append(avatar(c), middle, side);
  li.title = `${c.conversationID} · orderKey ${c.orderKey}`;
  return li;
}

/** Pinned first, then orderKey descending: the order of every list (SPEC 3.3). */
export const listOrder = (a, b) => (a.isPinned === b.isPinned ? b.orderKey - a.orderKey : a.isPinned ? -1 : 1);
