// The journal as a table: every event of the user (read in pages of 1,000), filtered by conversationID and event
// type (the manifest, e.g. MessageAdded.v1), shown a page at a time.
import { canonicalConversationID } from "./client/index.js";
import { el, readJournal, status, time } from "./api.js";

let state = { events: [], page: 0 };

const conversationOf = (e) => e.event.conversationID ?? (e.event.peerID ? `C2C${e.event.peerID}` : "");

export async function showEvents(userID) {
  document.getElementById("events-user").textContent = userID ?? "pick a user";
  state = { events: [], page: 0 };
  render();
  if (!userID) return;
  try {
    state.events = await readJournal(userID);
  } catch (error) {
    status(`${userID}: ${error.desc ?? error.message}`, true);
    return;
  }
  const select = document.getElementById("filter-type");
  const chosen = select.value;
  const types = [...new Set(state.events.map((e) => e.type))].sort();
  select.replaceChildren(el("option", null, "any"), ...types.map((t) => el("option", null, t)));
  select.firstChild.value = "";
  select.value = types.includes(chosen) ? chosen : "";
  const form = document.getElementById("events-filter");
  form.oninput = () => { state.page = 0; render(); };
  form.onsubmit = (e) => e.preventDefault();
  document.getElementById("events-prev").onclick = () => { state.page--; render(); };
  document.getElementById("events-next").onclick = () => { state.page++; render(); };
  render();
}

function filtered() {
  const text = document.getElementById("filter-conversation").value.trim();
  let id = text;
  try {
    id = text ? canonicalConversationID(text) : "";
  } catch {
    // not an ID the client knows: match it as typed
  }
  const type = document.getElementById("filter-type").value;
  return state.events.filter((e) => (!id || conversationOf(e) === id) && (!type || e.type === type));
}

function render() {
  const rows = filtered();
  const size = Number(document.getElementById("events-page-size").value);
  const pages = Math.max(1, Math.ceil(rows.length / size));
  state.page = Math.min(Math.max(0, state.page), pages - 1);
  const shown = rows.slice(state.page * size, (state.page + 1) * size);
  document.querySelector("#events tbody").replaceChildren(...shown.map((e) => {
    const tr = el("tr");
    tr.dataset.testid = "event";
    tr.dataset.seq = String(e.seq);
    const { at: _at, conversationID: _id, ...rest } = e.event;
    const body = el("td");
    body.append(el("code", null, JSON.stringify(rest)));
    tr.append(el("td", null, e.seq), el("td", null, time(e.timestamp)), el("td", null, e.type), el("td", null, conversationOf(e)), body);
    return tr;
  }));
  document.getElementById("events-page").textContent = `page ${state.page + 1} of ${pages} · ${rows.length} of ${state.events.length} events`;
  document.getElementById("events-prev").disabled = state.page === 0;
  document.getElementById("events-next").disabled = state.page >= pages - 1;
}
