// The console's shell: one view at a time, chosen by the URL's hash (#cluster, #user/alice, #travel/alice,
// #events/alice), so a view can be bookmarked or reloaded; the userID box applies to the three user views.
import { hideCluster, showCluster } from "./cluster.js";
import { showEvents } from "./events.js";
import { showTravel } from "./travel.js";
import { hideUser, showUser } from "./user.js";

const VIEWS = ["cluster", "user", "travel", "events"];

function route() {
  const [view = "cluster", encoded = ""] = location.hash.slice(1).split("/");
  const name = VIEWS.includes(view) ? view : "cluster";
  const userID = encoded ? decodeURIComponent(encoded) : null;
  if (userID) document.getElementById("user-id").value = userID;
  for (const v of VIEWS) document.getElementById(`view-${v}`).hidden = v !== name;
  for (const link of document.querySelectorAll("nav a")) {
    const v = link.dataset.view;
    link.classList.toggle("active", v === name);
    link.href = v === "cluster" || !userID ? `#${v}` : `#${v}/${encodeURIComponent(userID)}`;
  }
  if (name !== "cluster") hideCluster();
  if (name !== "user") hideUser();
  document.body.dataset.view = name;
  const shown = { cluster: () => showCluster(), user: () => showUser(userID), travel: () => showTravel(userID), events: () => showEvents(userID) }[name]();
  Promise.resolve(shown).finally(() => { document.body.dataset.ready = `${name}/${userID ?? ""}`; });
}

document.getElementById("user-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const userID = document.getElementById("user-id").value.trim();
  const [view] = location.hash.slice(1).split("/");
  const target = view === "travel" || view === "events" ? view : "user";
  location.hash = `#${target}/${encodeURIComponent(userID)}`;
});
window.addEventListener("hashchange", route);
route();
