// EC2 → Elastic Block Store: Volumes (create, attach, detach, modify, delete) and Snapshots
// (Create volume from snapshot, delete).
import { call, filters, list, nameTag, when } from "../api.js";
import { dialog, field, flash, h, menu, pageHeader, select, selectableTable, stateBadge } from "../ui.js";
import { refresh } from "../app.js";

const TYPES = ["gp3", "gp2", "io1", "io2", "st1", "sc1", "standard"];

async function zones() {
  return (await call("DescribeAvailabilityZones")).AvailabilityZones.map((z) => z.ZoneName);
}

function volumeDialog(title, snapshot, zoneNames) {
  const size = h("input", { type: "number", min: 1, value: snapshot?.VolumeSize || 8 });
  const type = select(TYPES.map((t) => [t, t]));
  const zone = select(zoneNames.map((z) => [z, z]));
  dialog(title, [snapshot ? h("p", {}, `Snapshot ID: ${snapshot.SnapshotId}`) : null, field("Volume type", type), field("Size (GiB)", size), field("Availability Zone", zone)],
    [["Cancel", null], ["Create volume", async (close) => {
      const params = { VolumeType: type.value, Size: Number(size.value), AvailabilityZone: zone.value };
      if (snapshot) params.SnapshotId = snapshot.SnapshotId;
      const { VolumeId } = await call("CreateVolume", params);
      close();
      flash(`Successfully created volume ${VolumeId}`, "success");
      refresh();
    }, { primary: true }]]);
}

export async function volumesPage() {
  const [{ Volumes }, zoneNames] = await Promise.all([call("DescribeVolumes"), zones()]);
  const byId = new Map(Volumes.map((v) => [v.VolumeId, v]));
  let chosen = [];
  const one = (fn) => () => (chosen.length === 1 ? fn(byId.get(chosen[0])) : flash("Select one volume."));
  const table = selectableTable("Volumes", [
    ["Name", nameTag], ["Volume ID", (v) => v.VolumeId], ["Type", (v) => v.VolumeType], ["Size", (v) => `${v.Size} GiB`],
    ["Snapshot", (v) => v.SnapshotId || "–"], ["Availability Zone", (v) => v.AvailabilityZone], ["Volume state", (v) => stateBadge(v.State)],
    ["Attached resources", (v) => (v.Attachments || []).map((a) => `${a.InstanceId}: ${a.Device} (${a.State})`).join(", ")],
    ["Encryption", (v) => (v.Encrypted ? "Encrypted" : "Not encrypted")],
  ], Volumes, (v) => v.VolumeId, (ids) => (chosen = ids));
  return h("section", {}, pageHeader(`Volumes (${Volumes.length})`,
    h("button", { type: "button", onclick: () => refresh() }, "Refresh"),
    menu("Actions", [
      ["Modify volume", one(modifyVolume)], ["Attach volume", one(attachVolume)], ["Detach volume", one(detachVolume)], ["Delete volume", one(deleteVolume)],
    ]),
    h("button", { type: "button", class: "primary", onclick: () => volumeDialog("Create volume", null, zoneNames) }, "Create volume")), table.element);
}

function modifyVolume(volume) {
  const size = h("input", { type: "number", min: 1, value: volume.Size });
  const type = select(TYPES.map((t) => [t, t, t === volume.VolumeType]));
  dialog("Modify volume", [h("p", {}, `Volume ID: ${volume.VolumeId}`), field("Volume type", type), field("Size (GiB)", size)], [["Cancel", null], ["Modify", async (close) => {
    await call("ModifyVolume", { VolumeId: volume.VolumeId, Size: Number(size.value), VolumeType: type.value });
    close();
    flash(`Successfully requested the modification of ${volume.VolumeId}`, "success");
    refresh();
  }, { primary: true }]]);
}

async function attachVolume(volume) {
  const { Reservations } = await call("DescribeInstances", filters({ "availability-zone": [volume.AvailabilityZone], "instance-state-name": ["running", "stopped"] }));
  const instance = select(Reservations.flatMap((r) => r.Instances).map((i) => [i.InstanceId, `${i.InstanceId} ${nameTag(i)}`]));
  const device = h("input", { type: "text", value: "/dev/sdf" });
  dialog("Attach volume", [h("p", {}, `Volume ID: ${volume.VolumeId}`), field("Instance", instance), field("Device name", device)], [["Cancel", null], ["Attach volume", async (close) => {
    await call("AttachVolume", { VolumeId: volume.VolumeId, InstanceId: instance.value, Device: device.value });
    close();
    refresh();
  }, { primary: true }]]);
}

function detachVolume(volume) {
  dialog("Detach volume?", [h("p", {}, `Detach ${volume.VolumeId}?`)], [["Cancel", null], ["Detach", async (close) => {
    await call("DetachVolume", { VolumeId: volume.VolumeId });
    close();
    refresh();
  }, { primary: true }]]);
}

function deleteVolume(volume) {
  dialog("Delete volume?", [h("p", {}, `Delete ${volume.VolumeId}? This cannot be undone.`)], [["Cancel", null], ["Delete", async (close) => {
    await call("DeleteVolume", { VolumeId: volume.VolumeId });
    close();
    refresh();
  }, { primary: true }]]);
}

export async function snapshotsPage(args) {
  const params = list("Owner", ["self"]);
  const [{ Snapshots }, zoneNames] = await Promise.all([call("DescribeSnapshots", params), zones()]);
  const byId = new Map(Snapshots.map((s) => [s.SnapshotId, s]));
  let chosen = args.id && byId.has(args.id) ? [args.id] : [];
  const one = (fn) => () => (chosen.length === 1 ? fn(byId.get(chosen[0])) : flash("Select one snapshot."));
  const table = selectableTable("Snapshots", [
    ["Name", nameTag], ["Snapshot ID", (s) => s.SnapshotId], ["Volume size", (s) => `${s.VolumeSize} GiB`], ["Description", (s) => s.Description || ""],
    ["Snapshot status", (s) => stateBadge(s.State)], ["Started", (s) => when(s.StartTime)], ["Progress", (s) => s.Progress || ""],
    ["Encryption", (s) => (s.Encrypted ? "Encrypted" : "Not encrypted")], ["Source volume", (s) => s.VolumeId || ""],
  ], Snapshots, (s) => s.SnapshotId, (ids) => (chosen = ids), chosen);
  return h("section", {}, pageHeader(`Snapshots (${Snapshots.length})`,
    h("button", { type: "button", onclick: () => refresh() }, "Refresh"),
    menu("Actions", [
      ["Create volume from snapshot", one((s) => volumeDialog("Create volume from snapshot", s, zoneNames))],
      ["Delete snapshot", one((s) => dialog("Delete snapshot?", [h("p", {}, `Delete ${s.SnapshotId}?`)], [["Cancel", null], ["Delete", async (close) => {
        await call("DeleteSnapshot", { SnapshotId: s.SnapshotId });
        close();
        refresh();
      }, { primary: true }]]))],
    ])), table.element);
}
