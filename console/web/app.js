// The console's shell: the region selector, the navigation and a hash router (#/page?arg=value).
import { call, session, setRegion } from "./api.js";
import { clearFlash, flash, h, showError } from "./ui.js";
import { instancesPage } from "./pages/instances.js";
import { launchPage } from "./pages/launch.js";
import { amisPage } from "./pages/amis.js";
import { snapshotsPage, volumesPage } from "./pages/ebs.js";
import { keyPairsPage } from "./pages/keys.js";
import { securityGroupsPage } from "./pages/groups.js";

const pages = {
  instances: instancesPage,
  launch: launchPage,
  amis: amisPage,
  volumes: volumesPage,
  snapshots: snapshotsPage,
  "key-pairs": keyPairsPage,
  "security-groups": securityGroupsPage,
};

export function go(page, args = {}) {
  const query = new URLSearchParams(args).toString();
  location.hash = `#/${page}${query ? `?${query}` : ""}`;
}

let renderId = 0;
let pendingFlash = null;
// Shows `message` once the next page has rendered (a navigation clears the banner first).
export function flashAfterNavigation(message) {
  pendingFlash = message;
}

// Renders the page the hash names. A navigation clears the banner and shows "Loading…"; a refresh
// (after an action, or while instances are in transition) keeps both the banner and the current table.
async function route(navigation = true) {
  const [path, query] = location.hash.replace(/^#\/?/, "").split("?");
  const page = pages[path] ? path : "instances";
  const id = ++renderId;
  const main = document.getElementById("main");
  for (const a of document.querySelectorAll("nav a")) {
    a.toggleAttribute("aria-current", a.getAttribute("href") === `#/${page}`);
  }
  if (navigation) {
    clearFlash();
    main.replaceChildren(h("p", { class: "loading" }, "Loading…"));
  }
  try {
    const content = await pages[page](Object.fromEntries(new URLSearchParams(query || "")), () => id === renderId);
    if (id === renderId) main.replaceChildren(content);
    if (id === renderId && pendingFlash) {
      flash(pendingFlash, "success");
      pendingFlash = null;
    }
  } catch (error) {
    if (id === renderId) main.replaceChildren();
    showError(error);
  }
}
export const refresh = () => route(false);

async function start() {
  const selector = document.getElementById("region");
  selector.addEventListener("change", () => {
    setRegion(selector.value);
    route();
  });
  try {
    const { Regions } = await call("DescribeRegions", { AllRegions: true });
    const names = Regions.map((r) => r.RegionName).sort();
    if (!names.includes(session.region)) setRegion("us-east-1");
    selector.replaceChildren(...names.map((name) => h("option", { value: name, selected: name === session.region }, name)));
  } catch (error) {
    showError(error);
  }
  window.addEventListener("hashchange", () => route());
  route();
}
start();
