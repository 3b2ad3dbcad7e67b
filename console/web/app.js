// The console's shell: the region selector, the navigation and a hash router (#/page?arg=value).
import { call, session, setKeys, setRegion } from "./api.js";
import { clearFlash, dialog, field, flash, h, showError } from "./ui.js";
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
let started = false;
let signedIn = false;  // after the sign-in dialog (--auth strict), the page renders again
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
    if (error.code !== "AuthFailure" || session.keys) showError(error);  // no keys yet: the sign-in dialog asks
  }
}
export const refresh = () => route(false);

// Under --auth strict the console acts as the account whose keys the user enters here.
function signIn() {
  const keyId = h("input", { type: "text", autocomplete: "username" });
  const secret = h("input", { type: "password", autocomplete: "current-password" });
  dialog("Sign in with access keys", [
    h("p", {}, "This localec2 runs with --auth strict: enter the access key ID and secret access key of the account to act as. They are kept in this browser tab only."),
    field("Access key ID", keyId), field("Secret access key", secret),
  ], [["Sign in", async (close) => {
    setKeys(keyId.value, secret.value);
    await call("DescribeRegions");
    close();
    signedIn = true;
    start();
  }, { primary: true }]]);
}

async function start() {
  const selector = document.getElementById("region");
  selector.onchange = () => {
    setRegion(selector.value);
    route();
  };
  // The page loads while the region list does (both are needed, neither waits for the other).
  if (!started) {
    started = true;
    window.addEventListener("hashchange", () => route());
    route();
  }
  try {
    const { Regions } = await call("DescribeRegions", { AllRegions: true });
    const names = Regions.map((r) => r.RegionName).sort();
    if (!names.includes(session.region)) {
      setRegion("us-east-1");
      route();
    }
    selector.replaceChildren(...names.map((name) => h("option", { value: name, selected: name === session.region }, name)));
  } catch (error) {
    if (error.code === "AuthFailure") return signIn();
    showError(error);
  }
  if (signedIn) route();
}
start();
