// EC2 → AMIs: Owned by me / Public images / Private images, Launch instance from AMI, and Actions →
// Copy AMI, Edit AMI permissions, Deregister AMI (listing the snapshots left behind).
import { call, filters, list, session, when } from "../api.js";
import { dialog, field, flash, h, menu, pageHeader, select, selectableTable } from "../ui.js";
import { go, refresh } from "../app.js";

const VIEWS = { owned: "Owned by me", public: "Public images", private: "Private images" };

function snapshotsOf(image) {
  return (image.BlockDeviceMappings || []).map((m) => m.Ebs?.SnapshotId).filter(Boolean);
}

export async function amisPage(args) {
  const view = VIEWS[args.view] ? args.view : "owned";
  const params = view === "owned" ? list("Owner", ["self"]) : view === "public" ? filters({ "is-public": ["true"] }) : { ...list("Owner", ["self"]), ...filters({ "is-public": ["false"] }) };
  const all = (await call("DescribeImages", params)).Images;
  const query = (args.q || "").toLowerCase();
  const Images = all.filter((i) => !query || [i.Name, i.ImageId, i.Description].some((v) => (v || "").toLowerCase().includes(query)));
  const byId = new Map(Images.map((i) => [i.ImageId, i]));
  let chosen = args.selected ? [args.selected] : [];
  const one = (fn) => () => (chosen.length === 1 ? fn(byId.get(chosen[0])) : flash("Select one AMI."));
  const table = selectableTable("AMIs", [
    ["Name", (i) => i.Name || ""],
    ["AMI ID", (i) => i.ImageId],
    ["Source", (i) => i.ImageLocation || ""],
    ["Owner", (i) => i.ImageOwnerAlias || i.OwnerId],
    ["Visibility", (i) => (i.Public ? "Public" : "Private")],
    ["Status", (i) => i.State],
    ["Deprecation time", (i) => when(i.DeprecationTime)],
    ["Deregistration protection", (i) => i.DeregistrationProtection || "disabled"],
    ["Creation date", (i) => when(i.CreationDate)],
    ["Root device type", (i) => i.RootDeviceType],
    ["Block devices", (i) => (i.BlockDeviceMappings || []).map((m) => `${m.DeviceName}=${m.Ebs ? `${m.Ebs.SnapshotId || ""}:${m.Ebs.VolumeSize}:${m.Ebs.DeleteOnTermination}:${m.Ebs.VolumeType}` : m.VirtualName}`).join(", ")],
  ], Images, (i) => i.ImageId, (ids) => (chosen = ids), chosen);
  const viewSelect = select(Object.entries(VIEWS).map(([k, label]) => [k, label, k === view]),
    { "aria-label": "Filter AMIs by owner and visibility", onchange: (e) => go("amis", { view: e.target.value }) });
  return h("section", {},
    pageHeader(`Amazon Machine Images (AMIs) (${Images.length})`,
      h("button", { type: "button", onclick: () => refresh() }, "Refresh"),
      menu("Actions", [
        ["Copy AMI", one(copyAmi)],
        ["Edit AMI permissions", one(editPermissions)],
        ["Deregister AMI", one(deregister)],
        ["Manage AMI deprecation", one(manageDeprecation)],
        ["Manage AMI deregistration protection", one(manageProtection)],
      ]),
      h("button", { type: "button", class: "primary", onclick: one((i) => go("launch", { image: i.ImageId })) }, "Launch instance from AMI")),
    h("div", { class: "filters" }, viewSelect, h("input", { type: "search", "aria-label": "Find AMI by name, ID or description",
      placeholder: "Find AMI by name, ID or description", value: args.q || "", onchange: (e) => go("amis", { view, q: e.target.value }) })),
    table.element);
}

async function copyAmi(image) {
  const { Regions } = await call("DescribeRegions", { AllRegions: true });
  const region = select(Regions.map((r) => r.RegionName).sort().map((r) => [r, r, r === session.region]));
  const name = h("input", { type: "text", value: image.Name || "" });
  const description = h("input", { type: "text", value: `[Copied ${image.ImageId} from ${session.region}] ${image.Name || ""}` });
  const encrypt = h("input", { type: "checkbox", id: "copy-encrypt" });
  const kms = h("input", { type: "text", placeholder: "(default) aws/ebs" });
  const tags = h("input", { type: "checkbox", id: "copy-tags" });
  dialog("Copy AMI", [
    h("p", {}, `Source AMI: ${image.ImageId} in ${session.region}`),
    field("AMI copy name", name), field("AMI copy description", description), field("Destination Region", region),
    h("div", { class: "field inline" }, encrypt, h("label", { for: "copy-encrypt" }, "Encrypt EBS snapshots of AMI copy")),
    field("KMS key", kms),
    h("div", { class: "field inline" }, tags, h("label", { for: "copy-tags" }, "Copy tags")),
  ], [["Cancel", null], ["Copy AMI", async (close) => {
    const params = { SourceImageId: image.ImageId, SourceRegion: session.region, Name: name.value };
    if (description.value) params.Description = description.value;
    if (encrypt.checked) params.Encrypted = true;
    if (kms.value) params.KmsKeyId = kms.value;
    if (tags.checked) params.CopyImageTags = true;
    const { ImageId } = await call("CopyImage", params, region.value);
    close();
    flash(`Successfully started copying ${image.ImageId} to ${ImageId} in ${region.value}. Switch to ${region.value} to see the copy.`, "success");
  }, { primary: true }]]);
}

async function editPermissions(image) {
  const { LaunchPermissions } = await call("DescribeImageAttribute", { ImageId: image.ImageId, Attribute: "launchPermission" });
  const isPublic = LaunchPermissions.some((p) => p.Group === "all");
  const shared = LaunchPermissions.filter((p) => p.UserId).map((p) => p.UserId);
  const visibility = select([["private", "Private", !isPublic], ["public", "Public", isPublic]]);
  const accounts = h("textarea", { rows: 3 }, shared.join("\n"));
  dialog("Edit AMI permissions", [field("AMI availability", visibility), field("Shared accounts (one AWS account ID per line)", accounts)],
    [["Cancel", null], ["Save changes", async (close) => {
      const wanted = accounts.value.split(/\s+/).filter(Boolean);
      const params = { ImageId: image.ImageId, Attribute: "launchPermission" };
      const add = wanted.filter((a) => !shared.includes(a)).map((a) => ({ UserId: a }));
      const remove = shared.filter((a) => !wanted.includes(a)).map((a) => ({ UserId: a }));
      if (visibility.value === "public" && !isPublic) add.push({ Group: "all" });
      if (visibility.value === "private" && isPublic) remove.push({ Group: "all" });
      add.forEach((p, i) => Object.entries(p).forEach(([k, v]) => (params[`LaunchPermission.Add.${i + 1}.${k}`] = v)));
      remove.forEach((p, i) => Object.entries(p).forEach(([k, v]) => (params[`LaunchPermission.Remove.${i + 1}.${k}`] = v)));
      if (add.length || remove.length) await call("ModifyImageAttribute", params);
      close();
      flash(`Successfully saved the permissions of ${image.ImageId}`, "success");
      refresh();
    }, { primary: true }]]);
}

function deregister(image) {
  const snapshots = snapshotsOf(image);
  dialog(`Deregister AMI?`, [
    h("p", {}, `Deregister ${image.ImageId} (${image.Name || ""})? You will no longer be able to launch instances from it.`),
    snapshots.length ? h("div", { class: "alert" },
      h("p", {}, "The following snapshots will be left behind after you deregister the AMI. They keep costing storage until you delete them:"),
      h("ul", { "aria-label": "Snapshots left behind" }, snapshots.map((s) => h("li", {}, h("a", { href: `#/snapshots?id=${s}` }, s)))))
      : null,
  ], [["Cancel", null], ["Deregister AMI", async (close) => {
    await call("DeregisterImage", { ImageId: image.ImageId });
    close();
    flash(`Successfully deregistered ${image.ImageId}; its snapshots ${snapshots.join(", ")} are kept.`, "success");
    refresh();
  }, { primary: true }]]);
}

function manageDeprecation(image) {
  const enable = h("input", { type: "checkbox", id: "deprecation-on", checked: !!image.DeprecationTime });
  const at = h("input", { type: "datetime-local", value: image.DeprecationTime ? image.DeprecationTime.slice(0, 16) : "" });
  dialog("Manage AMI deprecation", [
    h("p", {}, `AMI: ${image.ImageId}`),
    h("div", { class: "field inline" }, enable, h("label", { for: "deprecation-on" }, "Enable AMI deprecation")),
    field("Deprecation date (UTC)", at),
  ], [["Cancel", null], ["Save", async (close) => {
    if (enable.checked) await call("EnableImageDeprecation", { ImageId: image.ImageId, DeprecateAt: `${at.value}:00Z` });
    else await call("DisableImageDeprecation", { ImageId: image.ImageId });
    close();
    flash(`Successfully saved the deprecation of ${image.ImageId}`, "success");
    refresh();
  }, { primary: true }]]);
}

function manageProtection(image) {
  const on = String(image.DeregistrationProtection || "disabled").startsWith("enabled");
  const enable = h("input", { type: "radio", name: "protection", id: "protection-on", checked: on });
  const disable = h("input", { type: "radio", name: "protection", id: "protection-off", checked: !on });
  const cooldown = h("input", { type: "checkbox", id: "protection-cooldown" });
  dialog("Manage AMI deregistration protection", [
    h("p", {}, `AMI: ${image.ImageId} — currently ${image.DeregistrationProtection || "disabled"}`),
    h("div", { class: "field inline" }, enable, h("label", { for: "protection-on" }, "Enable deregistration protection")),
    h("div", { class: "field inline" }, cooldown, h("label", { for: "protection-cooldown" }, "Add 24-hour cooldown period")),
    h("div", { class: "field inline" }, disable, h("label", { for: "protection-off" }, "Disable deregistration protection")),
  ], [["Cancel", null], ["Save", async (close) => {
    if (enable.checked) await call("EnableImageDeregistrationProtection", { ImageId: image.ImageId, WithCooldown: cooldown.checked });
    else await call("DisableImageDeregistrationProtection", { ImageId: image.ImageId });
    close();
    flash(`Successfully saved the deregistration protection of ${image.ImageId}`, "success");
    refresh();
  }, { primary: true }]]);
}
