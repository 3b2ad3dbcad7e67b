// EC2 → Instances: the list, Instance state (Stop/Start/Reboot/Terminate), and the Actions menu
// (Instance settings, Images and templates, Monitor and troubleshoot).
import { call, filters, fromBase64, list, nameTag, session, toBase64, when } from "../api.js";
import { dialog, field, flash, h, menu, pageHeader, select, selectableTable, showError, stateBadge, tagEditor, tagSpecification } from "../ui.js";
import { go, refresh } from "../app.js";

const TRANSITIONS = new Set(["pending", "stopping", "shutting-down"]);
const TYPES = ["t2.micro", "t2.small", "t2.medium", "t3.micro", "t3.small", "t3.medium", "t3.large", "m5.large", "m5.xlarge", "c5.large", "r5.large"];
let timer = null;
const FIRST_PAGE = 50;
let preloaded = null;  // {key, instances}: the full list loaded behind the first page, for the next render

async function loadRest(params, token, instances, wantedKey, current) {
  const all = [...instances];
  try {
    while (token) {
      const page = await call("DescribeInstances", { ...params, MaxResults: 1000, NextToken: token });
      all.push(...page.Reservations.flatMap((r) => r.Instances));
      token = page.NextToken;
    }
  } catch (error) {
    return showError(error);
  }
  if (!current()) return;
  preloaded = { key: wantedKey, instances: all };
  refresh();
}

export async function instancesPage(args, current) {
  clearTimeout(timer);
  const params = {};
  const wanted = {};
  if (args.state) wanted["instance-state-name"] = [args.state];
  if (args.tag) wanted["tag-value"] = [args.tag];
  Object.assign(params, filters(wanted));
  // First load: one page of instances from the server, shown at once; the rest load behind it (the full list
  // then replaces the table), so the page appears quickly with thousands of instances.
  const wantedKey = `${session.region} ${JSON.stringify(params)}`;
  let instances;
  let partial = false;
  if (preloaded && preloaded.key === wantedKey) {
    instances = preloaded.instances;
  } else {
    const first = await call("DescribeInstances", { ...params, MaxResults: FIRST_PAGE });
    instances = first.Reservations.flatMap((r) => r.Instances);
    if (first.NextToken) {
      partial = true;
      loadRest(params, first.NextToken, instances, wantedKey, current);
    }
  }
  preloaded = null;
  const byId = new Map(instances.map((i) => [i.InstanceId, i]));
  let chosen = args.selected ? [args.selected] : [];
  const one = () => byId.get(chosen[0]);
  const table = selectableTable("Instances", [
    ["Name", (i) => nameTag(i)],
    ["Instance ID", (i) => i.InstanceId],
    ["Instance state", (i) => stateBadge(i.State.Name)],
    ["Instance type", (i) => i.InstanceType],
    ["Availability Zone", (i) => i.Placement?.AvailabilityZone || ""],
    ["Public IPv4 address", (i) => i.PublicIpAddress || "–"],
    ["Private IP address", (i) => i.PrivateIpAddress || "–"],
    ["Key name", (i) => i.KeyName || "–"],
    ["Security group name", (i) => (i.SecurityGroups || []).map((g) => g.GroupName).join(", ")],
    ["AMI ID", (i) => i.ImageId],
    ["Launch time", (i) => when(i.LaunchTime)],
  ], instances, (i) => i.InstanceId, (ids) => (chosen = ids), chosen);

  const needOne = (fn) => () => (chosen.length === 1 ? fn(one()) : flash("Select one instance."));
  const needSome = (fn) => () => (chosen.length ? fn(chosen) : flash("Select at least one instance."));
  const stateMenu = menu("Instance state", [
    ["Stop instance", needSome((ids) => confirmState("Stop instance", "Stop", "StopInstances", ids))],
    ["Start instance", needSome((ids) => changeState("StartInstances", ids))],
    ["Reboot instance", needSome((ids) => confirmState("Reboot instance", "Reboot", "RebootInstances", ids))],
    ["Terminate (delete) instance", needSome((ids) => confirmState("Terminate (delete) instance", "Terminate (delete)", "TerminateInstances", ids))],
  ]);
  const actionsMenu = menu("Actions", [
    "Instance settings",
    ["Edit user data", needOne(editUserData)],
    ["Change instance type", needOne(changeType)],
    "Images and templates",
    ["Create image", needOne(createImage)],
    "Monitor and troubleshoot",
    ["Get system log", needOne(systemLog)],
  ]);
  const stateFilter = select([["", "All states"], ...["pending", "running", "stopping", "stopped", "shutting-down", "terminated"].map((s) => [s, s, s === args.state])],
    { "aria-label": "Filter by instance state", onchange: (e) => go("instances", { ...args, state: e.target.value }) });
  const tagFilter = h("input", { type: "search", "aria-label": "Filter by tag value", placeholder: "Find instance by tag value", value: args.tag || "",
    onchange: (e) => go("instances", { ...args, tag: e.target.value }) });
  if (instances.some((i) => TRANSITIONS.has(i.State.Name))) {
    timer = setTimeout(() => current() && location.hash.startsWith("#/instances") && refresh(), 2000);
  }
  return h("section", {},
    pageHeader(`Instances (${instances.length}${partial ? "+" : ""})`,
      h("button", { type: "button", onclick: () => refresh() }, "Refresh"),
      stateMenu, actionsMenu,
      h("button", { type: "button", class: "primary", onclick: () => go("launch") }, "Launch instances")),
    h("div", { class: "filters" }, stateFilter, tagFilter),
    table.element);
}

async function changeState(action, ids) {
  try {
    await call(action, list("InstanceId", ids));
    flash(`Successfully ${action.replace("Instances", "").toLowerCase().replace(/p$/, "pp")}ed ${ids.join(", ")}`, "success");
    setTimeout(refresh, 0);
  } catch (error) {
    showError(error);
  }
}

function confirmState(title, verb, action, ids) {
  dialog(`${title}?`, [h("p", {}, `${verb} the following instances? `, ids.join(", "))],
    [["Cancel", null], [verb, async (close) => {
      await call(action, list("InstanceId", ids));
      close();
      flash(`${verb}: ${ids.join(", ")}`, "success");
      refresh();
    }, { primary: true }]]);
}

async function editUserData(instance) {
  const stopped = instance.State.Name === "stopped";
  const { UserData } = await call("DescribeInstanceAttribute", { InstanceId: instance.InstanceId, Attribute: "userData" });
  const text = h("textarea", { rows: 10, readonly: !stopped }, UserData?.Value ? fromBase64(UserData.Value) : "");
  const body = [h("p", {}, `Instance ID: ${instance.InstanceId}`)];
  if (!stopped) body.push(h("p", { class: "alert" }, "To edit the user data of an instance, the instance must be in the stopped state."));
  body.push(field("New user data", text));
  dialog("Edit user data", body, [["Cancel", null], ["Save", async (close) => {
    await call("ModifyInstanceAttribute", { InstanceId: instance.InstanceId, "UserData.Value": toBase64(text.value) });
    close();
    flash(`Successfully edited user data of ${instance.InstanceId}`, "success");
  }, { primary: true, disabled: !stopped }]]);
}

function changeType(instance) {
  const stopped = instance.State.Name === "stopped";
  const types = TYPES.includes(instance.InstanceType) ? TYPES : [instance.InstanceType, ...TYPES];
  const type = select(types.map((t) => [t, t, t === instance.InstanceType]), { disabled: !stopped });
  const body = [h("p", {}, `Instance ID: ${instance.InstanceId}`), h("p", {}, `Current instance type: ${instance.InstanceType}`)];
  if (!stopped) body.push(h("p", { class: "alert" }, "To change the instance type, the instance must be in the stopped state."));
  body.push(field("New instance type", type));
  dialog("Change instance type", body, [["Cancel", null], ["Apply", async (close) => {
    await call("ModifyInstanceAttribute", { InstanceId: instance.InstanceId, "InstanceType.Value": type.value });
    close();
    flash(`Successfully changed the instance type of ${instance.InstanceId} to ${type.value}`, "success");
    refresh();
  }, { primary: true, disabled: !stopped }]]);
}

async function createImage(instance) {
  const { Volumes } = await call("DescribeVolumes", filters({ "attachment.instance-id": [instance.InstanceId] }));
  const name = h("input", { type: "text", required: true });
  const description = h("input", { type: "text" });
  const noReboot = h("input", { type: "checkbox", id: "no-reboot" });
  const tags = tagEditor("Image tags");
  const rows = (instance.BlockDeviceMappings || []).map((m) => {
    const volume = Volumes.find((v) => v.VolumeId === m.Ebs?.VolumeId) || {};
    const device = m.DeviceName;
    return {
      device,
      size: h("input", { type: "number", min: 1, value: volume.Size || 8, "aria-label": `Size (GiB) of ${device}` }),
      type: select(["gp3", "gp2", "io1", "io2", "st1", "sc1", "standard"].map((t) => [t, t, t === (volume.VolumeType || "gp3")]), { "aria-label": `Volume type of ${device}` }),
      remove: h("input", { type: "checkbox", checked: m.Ebs?.DeleteOnTermination !== false, "aria-label": `Delete on termination of ${device}` }),
    };
  });
  const volumes = h("table", { "aria-label": "Instance volumes" },
    h("thead", {}, h("tr", {}, ["Device", "Size (GiB)", "Volume type", "Delete on termination"].map((t) => h("th", {}, t)))),
    h("tbody", {}, rows.map((r) => h("tr", {}, h("td", {}, r.device), h("td", {}, r.size), h("td", {}, r.type), h("td", {}, r.remove)))));
  dialog("Create image", [
    h("p", {}, `Instance ID: ${instance.InstanceId}`),
    field("Image name", name),
    field("Image description - optional", description),
    h("div", { class: "field inline" }, noReboot, h("label", { for: "no-reboot" }, "No reboot")),
    h("h3", {}, "Instance volumes"), volumes,
    h("h3", {}, "Tags - optional"), tags.element,
  ], [["Cancel", null], ["Create image", async (close) => {
    const params = { InstanceId: instance.InstanceId, Name: name.value, NoReboot: noReboot.checked };
    if (description.value) params.Description = description.value;
    rows.forEach((r, i) => {
      const p = `BlockDeviceMapping.${i + 1}`;
      params[`${p}.DeviceName`] = r.device;
      params[`${p}.Ebs.VolumeSize`] = Number(r.size.value);
      params[`${p}.Ebs.VolumeType`] = r.type.value;
      params[`${p}.Ebs.DeleteOnTermination`] = r.remove.checked;
    });
    Object.assign(params, tagSpecification(1, "image", tags.tags()));
    const { ImageId } = await call("CreateImage", params);
    close();
    flash(`Currently creating ${ImageId} from instance ${instance.InstanceId}.`, "success");
  }, { primary: true }]]);
}

async function systemLog(instance) {
  const { Output } = await call("GetConsoleOutput", { InstanceId: instance.InstanceId });
  dialog("Get system log", [h("pre", { class: "log", tabindex: 0 }, Output ? fromBase64(Output) : "No system log is available yet.")], [["Close", null]]);
}
