// The cluster view: the answering node's health (its event store apart from entities failing on their own data),
// members (status, release, roles, reachability, up since) with a line saying whether they all run one release (a
// rolling upgrade shows "mixed releases: 1.0.0 ×1, 1.1.0 ×2") and, per entity type, the shards and live entities each node hosts,
// as a bar (its share of the shards) and a grid (one cell per shard, darker = more entities). Polls
// GET /v1/admin/cluster every few seconds while the view is shown.
import { admin, el, status, time } from "./api.js";

const EVERY_MS = 3000;
let timer = null;
let generation = 0;
/** Members seen since the page opened: one that leaves the membership (downed, exited) stays listed as removed. */
const seen = new Map();

export function showCluster() {
  hideCluster();
  const mine = ++generation;
  const tick = async () => {
    try {
      render(await admin("/v1/admin/cluster"));
      status("");
    } catch (error) {
      status(`cluster: ${error.desc ?? error.message}`, true);
    }
    if (mine === generation) timer = setTimeout(tick, EVERY_MS);
  };
  document.getElementById("cluster-every").textContent = String(EVERY_MS / 1000);
  tick();
}

export function hideCluster() {
  generation++;
  clearTimeout(timer);
}

function render(cluster) {
  document.getElementById("cluster-self").textContent = `seen from ${cluster.self}`;
  document.getElementById("cluster-updated").textContent = `updated ${new Date().toLocaleTimeString(undefined, { hour12: false })}`;
  renderHealth(cluster.health);
  renderReleases(cluster.members);
  const now = Date.now();
  for (const m of cluster.members) seen.set(m.address, { ...m, removedAt: null });
  for (const [address, m] of seen) {
    if (!cluster.members.some((c) => c.address === address) && m.removedAt === null) seen.set(address, { ...m, removedAt: now });
  }
  const members = [...cluster.members, ...[...seen.values()].filter((m) => m.removedAt !== null)];
  const body = document.querySelector("#members tbody");
  body.replaceChildren(...members.map((m) => {
    const row = el("tr");
    row.dataset.testid = "member";
    row.dataset.address = m.address;
    const statusPill = m.removedAt
      ? el("span", "pill bad", `Removed ${new Date(m.removedAt).toLocaleTimeString(undefined, { hour12: false })}`)
      : el("span", m.status === "Up" ? "pill up" : "pill bad", m.status);
    if (m.removedAt) row.className = "removed";
    const reach = m.removedAt
      ? el("span", "hint", "—")
      : el("span", m.reachable ? "pill up" : "pill bad", m.reachable ? "reachable" : "unreachable");
    const tags = el("td");
    if (m.address === cluster.self) tags.append(el("span", "pill self", "this node"));
    if (m.address === cluster.leader) tags.append(el("span", "pill", "leader"));
    const roles = el("td");
    roles.append(...(m.roles.length ? m.roles.map((r) => el("span", "pill", r)) : [el("span", "hint", "none")]));
    const release = el("td");
    release.dataset.testid = "member-release";
    release.append(el("code", null, releaseOf(m)));
    const cells = [el("td"), el("td"), release, roles, el("td"), el("td", null, time(m.upSince ? Date.parse(m.upSince) : 0)), tags];
    cells[0].append(el("code", null, m.address));
    cells[1].append(statusPill);
    cells[4].append(reach);
    row.append(...cells);
    return row;
  }));

  const sharding = document.getElementById("sharding");
  sharding.replaceChildren(...Object.entries(cluster.sharding).map(([type, stats]) => entityType(type, stats)));
}

/** The release a member announced (akka.cluster.app-version); a node older than 1.1.0 does not say. */
const releaseOf = (member) => member.appVersion ?? "unknown";

/** One release on every member, or how many members run each (oldest first) while they differ. */
function renderReleases(members) {
  const counts = new Map();
  for (const m of members) counts.set(releaseOf(m), (counts.get(releaseOf(m)) ?? 0) + 1);
  const releases = [...counts.keys()].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  const pill = releases.length === 1
    ? el("span", "pill up", `release ${releases[0]} on every member`)
    : el("span", "pill warn", `mixed releases: ${releases.map((r) => `${r} ×${counts.get(r)}`).join(", ")}`);
  pill.dataset.testid = "releases";
  document.getElementById("releases").replaceChildren(pill);
}

/** The store's pill (node-wide) and, apart from it, the entities that fail on their own (each affects one user). */
function renderHealth(health) {
  const box = document.getElementById("node-health");
  const store = health.store.available
    ? el("span", "pill up", "store available")
    : el("span", "pill bad", `store unavailable since ${new Date(health.store.since).toLocaleTimeString(undefined, { hour12: false })}: ${health.store.cause}`);
  store.dataset.testid = "store-status";
  const faults = health.entityFaults;
  const summary = faults.count === 0
    ? el("span", "pill up", "no entity faults")
    : el("span", "pill bad", `${faults.count} entit${faults.count === 1 ? "y fails" : "ies fail"} on its own data (one user each)`);
  summary.dataset.testid = "entity-faults";
  const line = el("p");
  line.append(el("span", "hint", "this node: "), store, summary, el("span", "hint", ` ${faults.total} entity fault(s) since start`));
  const rows = faults.entities.map((f) => {
    const row = el("tr");
    row.dataset.testid = "entity-fault";
    const id = el("td");
    id.append(el("code", null, f.persistenceId));
    row.append(id, el("td", null, f.what), el("td", null, String(f.failures)), el("td", null, f.cause),
      el("td", null, new Date(f.retryAt).toLocaleTimeString(undefined, { hour12: false })));
    return row;
  });
  if (rows.length === 0) {
    box.replaceChildren(line);
    return;
  }
  const table = el("table", "grid");
  const head = el("thead");
  head.innerHTML = "<tr><th>entity</th><th>failed</th><th>times</th><th>cause</th><th>retried at</th></tr>";
  const body = el("tbody");
  body.append(...rows);
  table.append(head, body);
  box.replaceChildren(line, table);
}

function entityType(type, stats) {
  const box = el("div", "entity-type");
  box.dataset.type = type;
  const totalShards = stats.nodes.reduce((n, node) => n + node.shardCount, 0);
  const totalEntities = stats.nodes.reduce((n, node) => n + node.entityCount, 0);
  box.append(el("h3", null, `${type}: ${totalShards} shards, ${totalEntities} entities on ${stats.nodes.length} node(s)`));
  if (stats.error) box.append(el("p", "status error", stats.error));
  const most = Math.max(1, ...stats.nodes.flatMap((node) => Object.values(node.shards)));
  for (const node of stats.nodes) {
    const row = el("div", "node-row");
    row.dataset.testid = "node-shards";
    row.dataset.address = node.address;
    const label = el("div");
    label.append(el("code", null, node.address), el("div", "hint", `${node.shardCount} shards · ${node.entityCount} entities`));
    const right = el("div");
    const bar = el("div", "bar");
    const fill = el("span");
    fill.style.width = `${totalShards ? (100 * node.shardCount) / totalShards : 0}%`;
    bar.append(fill, el("b", null, totalShards ? `${Math.round((100 * node.shardCount) / totalShards)}%` : "0%"));
    const grid = el("div", "shards");
    for (const [shard, entities] of Object.entries(node.shards)) {
      const cell = el("i", entities === 0 ? "" : entities * 2 > most ? "hot" : "busy");
      cell.title = `shard ${shard}: ${entities} entities`;
      grid.append(cell);
    }
    right.append(bar, grid);
    row.append(label, right);
    box.append(row);
  }
  return box;
}
