// EC2 → Launch instances: Name and tags, Application and OS Images (four tabs), Instance type,
// Key pair (login), Network settings, Configure storage, Advanced details, Summary.
// Opened from an AMI (#/launch?image=ami-…) it has that image chosen and no key pair or group chosen.
import { call, filters, list, nameTag, toBase64 } from "../api.js";
import { dialog, download, field, flash, h, select, tagEditor, tagSpecification } from "../ui.js";
import { flashAfterNavigation, go } from "../app.js";

const TYPES = ["t2.micro", "t2.small", "t2.medium", "t3.micro", "t3.small", "t3.medium", "t3.large", "m5.large", "c5.large", "r5.large"];
const TABS = ["Quick Start", "My AMIs", "AWS Marketplace AMIs", "Community AMIs"];

async function imagesFor(tab) {
  if (tab === "Quick Start") return (await call("DescribeImages", list("Owner", ["amazon"]))).Images;
  if (tab === "My AMIs") return (await call("DescribeImages", list("Owner", ["self"]))).Images;
  if (tab === "AWS Marketplace AMIs") return (await call("DescribeImages", list("Owner", ["aws-marketplace"]))).Images;
  const { Images } = await call("DescribeImages", { ...list("ExecutableBy", ["all"]), ...filters({ "is-public": ["true"] }) });
  return Images.filter((i) => !i.ImageOwnerAlias);
}

export async function launchPage(args) {
  const [keys, subnets, groups] = await Promise.all([
    call("DescribeKeyPairs").then((o) => o.KeyPairs),
    call("DescribeSubnets").then((o) => o.Subnets),
    call("DescribeSecurityGroups").then((o) => o.SecurityGroups),
  ]);
  let image = null;
  if (args.image) image = (await call("DescribeImages", list("ImageId", [args.image]))).Images[0] || null;

  // Name and tags
  const name = h("input", { type: "text", placeholder: "e.g. My Web Server" });
  const extraTags = tagEditor("Additional tags");

  // Application and OS Images
  const chosenImage = h("p", { class: "chosen", "aria-live": "polite" });
  const imageNote = h("div", { "aria-live": "polite" });
  const rootSize = h("input", { type: "number", min: 1, value: 8 });
  const rootType = select(["gp3", "gp2", "io1", "io2", "standard"].map((t) => [t, t]));
  const setImage = (img) => {
    image = img;
    chosenImage.textContent = img ? `AMI ID: ${img.ImageId} — ${img.Name || ""}` : "No AMI chosen";
    imageNote.replaceChildren();
    if (!img) return;
    const root = (img.BlockDeviceMappings || []).find((m) => m.DeviceName === img.RootDeviceName)?.Ebs;
    if (root?.VolumeSize) rootSize.value = root.VolumeSize;
    if (root?.VolumeType) rootType.value = root.VolumeType;
    if (img.ImageOwnerAlias === "aws-marketplace" && (img.ProductCodes || []).length) {
      imageNote.replaceChildren(h("p", { class: "info" }, "Subscribe on instance launch: this AWS Marketplace AMI requires a subscription, which is made when you launch the instance."));
    } else if (img.Public && !img.ImageOwnerAlias && img.OwnerId !== args.owner) {
      imageNote.replaceChildren(h("p", { class: "alert" }, "Community AMIs are shared by other users. Verify the source of this AMI before you use it."));
    }
  };
  const tabPanel = h("div", { role: "tabpanel", class: "image-list" });
  const tabButtons = TABS.map((tab) => h("button", { type: "button", role: "tab", "aria-selected": "false", onclick: () => showTab(tab) }, tab));
  const showTab = async (tab) => {
    tabButtons.forEach((b) => b.setAttribute("aria-selected", String(b.textContent === tab)));
    tabPanel.replaceChildren(h("p", {}, "Loading…"));
    try {
      const images = await imagesFor(tab);
      tabPanel.replaceChildren(...(images.length ? images.map((img) => h("label", { class: "image-choice" },
        h("input", { type: "radio", name: "ami", value: img.ImageId, checked: image?.ImageId === img.ImageId, onchange: () => setImage(img) }),
        ` ${img.Name || img.ImageId} (${img.ImageId})`, img.Description ? h("span", { class: "muted" }, ` ${img.Description}`) : null))
        : [h("p", {}, "No AMIs found")]));
    } catch (error) {
      tabPanel.replaceChildren(h("p", { role: "alert" }, `${error.code}: ${error.awsMessage}`));
    }
  };
  setImage(image);
  showTab(image && image.OwnerId && !image.ImageOwnerAlias && !image.Public ? "My AMIs" : "Quick Start");

  // Instance type
  const type = select(TYPES.map((t) => [t, t, t === "t2.micro"]));

  // Key pair (login): nothing chosen until the user chooses (the guide's lesson)
  const keyPair = select([["", "Select"], ["__none__", "Proceed without a key pair (Not recommended)"], ...keys.map((k) => [k.KeyName, k.KeyName])]);
  const createKey = h("button", { type: "button", onclick: () => createKeyPairDialog((newName) => {
    keyPair.append(h("option", { value: newName }, newName));
    keyPair.value = newName;
  }) }, "Create new key pair");

  // Network settings
  const subnet = select([["", "No preference (Default subnet in any availability zone)"], ...subnets.map((s) => [s.SubnetId, `${s.SubnetId} (${s.AvailabilityZone}) ${nameTag(s)}`])]);
  const createGroup = h("input", { type: "radio", name: "firewall", id: "fw-create", checked: true });
  const existingGroup = h("input", { type: "radio", name: "firewall", id: "fw-existing" });
  const allowSsh = h("input", { type: "checkbox", id: "allow-ssh", checked: true });
  const sshFrom = h("input", { type: "text", value: "0.0.0.0/0", "aria-label": "Allow SSH traffic from (CIDR)" });
  const groupList = h("select", { multiple: true, size: Math.min(6, Math.max(2, groups.length)),
    onchange: () => (existingGroup.checked = groupList.selectedOptions.length > 0 || existingGroup.checked) },
  groups.map((g) => h("option", { value: g.GroupId }, `${g.GroupName} (${g.GroupId})`)));

  // Configure storage
  const extraVolumes = h("div", {});
  const addVolume = h("button", { type: "button", onclick: () => {
    const n = extraVolumes.children.length;
    const device = `/dev/sd${String.fromCharCode(98 + n)}`;
    extraVolumes.append(h("div", { class: "field inline", "data-device": device }, `${device}: `,
      h("input", { type: "number", min: 1, value: 8, "aria-label": `Size (GiB) of ${device}` }),
      select(["gp3", "gp2", "st1", "sc1"].map((t) => [t, t]), { "aria-label": `Volume type of ${device}` })));
  } }, "Add new volume");

  // Advanced details
  const profile = h("input", { type: "text", placeholder: "Instance profile name or ARN" });
  const shutdown = select([["stop", "Stop"], ["terminate", "Terminate"]]);
  const termination = select([["", "Don't include in launch template"], ["true", "Enable"], ["false", "Disable"]]);
  const stopProtection = select([["", "Don't include in launch template"], ["true", "Enable"], ["false", "Disable"]]);
  const userData = h("textarea", { rows: 6 });
  const count = h("input", { type: "number", min: 1, value: 1 });

  const launch = async () => {
    if (!image) throw { code: "MissingParameter", awsMessage: "Choose an AMI under Application and OS Images." };
    if (!keyPair.value) throw { code: "MissingParameter", awsMessage: "Key pair name is required: choose a key pair or Proceed without a key pair." };
    const params = { ImageId: image.ImageId, InstanceType: type.value, MinCount: Number(count.value), MaxCount: Number(count.value),
      InstanceInitiatedShutdownBehavior: shutdown.value };
    if (keyPair.value !== "__none__") params.KeyName = keyPair.value;
    if (subnet.value) params.SubnetId = subnet.value;
    const tags = [...(name.value ? [{ Key: "Name", Value: name.value }] : []), ...extraTags.tags()];
    Object.assign(params, tagSpecification(1, "instance", tags));
    if (termination.value) params.DisableApiTermination = termination.value;
    if (stopProtection.value) params.DisableApiStop = stopProtection.value;
    if (userData.value) params.UserData = toBase64(userData.value);
    if (profile.value) params[profile.value.startsWith("arn:") ? "IamInstanceProfile.Arn" : "IamInstanceProfile.Name"] = profile.value;
    let b = 1;
    params[`BlockDeviceMapping.${b}.DeviceName`] = image.RootDeviceName;
    params[`BlockDeviceMapping.${b}.Ebs.VolumeSize`] = Number(rootSize.value);
    params[`BlockDeviceMapping.${b}.Ebs.VolumeType`] = rootType.value;
    for (const row of extraVolumes.children) {
      b += 1;
      const [size, kind] = row.querySelectorAll("input,select");
      params[`BlockDeviceMapping.${b}.DeviceName`] = row.dataset.device;
      params[`BlockDeviceMapping.${b}.Ebs.VolumeSize`] = Number(size.value);
      params[`BlockDeviceMapping.${b}.Ebs.VolumeType`] = kind.value;
    }
    let groupIds = [...groupList.selectedOptions].map((o) => o.value);
    if (existingGroup.checked && !groupIds.length) throw { code: "MissingParameter", awsMessage: "Select at least one security group, or choose Create security group." };
    if (createGroup.checked) {
      const vpcId = subnet.value ? subnets.find((s) => s.SubnetId === subnet.value).VpcId : (await call("DescribeVpcs", filters({ "is-default": ["true"] }))).Vpcs[0]?.VpcId;
      const groupName = `launch-wizard-${Date.now() % 100000}`;
      const gParams = { GroupName: groupName, GroupDescription: `${groupName} created ${new Date().toISOString()}` };
      if (vpcId) gParams.VpcId = vpcId;
      const { GroupId } = await call("CreateSecurityGroup", gParams);
      if (allowSsh.checked) {
        await call("AuthorizeSecurityGroupIngress", { GroupId, "IpPermissions.1.IpProtocol": "tcp", "IpPermissions.1.FromPort": 22,
          "IpPermissions.1.ToPort": 22, "IpPermissions.1.IpRanges.1.CidrIp": sshFrom.value });
      }
      groupIds = [GroupId];
    }
    Object.assign(params, list("SecurityGroupId", groupIds));
    await subscribeOnLaunch(image);
    const { Instances } = await call("RunInstances", params);
    const ids = Instances.map((i) => i.InstanceId);
    flashAfterNavigation(`Success: Successfully initiated launch of instance (${ids.join(", ")})`);
    go("instances", { selected: ids[0] });
  };
  const launchError = h("div", { role: "alert", class: "dialog-error" });
  const launchButton = h("button", { type: "button", class: "primary", onclick: async () => {
    launchError.replaceChildren();
    launchButton.disabled = true;
    try { await launch(); } catch (error) { launchError.replaceChildren(`${error.code}: ${error.awsMessage}`); } finally { launchButton.disabled = false; }
  } }, "Launch instance");

  const section = (title, ...content) => h("section", { class: "panel", "aria-label": title }, h("h2", {}, title), ...content);
  return h("div", { class: "launch" },
    h("h1", {}, "Launch an instance"),
    section("Name and tags", field("Name", name), extraTags.element),
    section("Application and OS Images (Amazon Machine Image)", h("div", { role: "tablist", "aria-label": "AMI sources" }, tabButtons), tabPanel, chosenImage, imageNote),
    section("Instance type", field("Instance type", type)),
    section("Key pair (login)", field("Key pair name", keyPair), createKey),
    section("Network settings", field("Subnet", subnet), h("fieldset", {}, h("legend", {}, "Firewall (security groups)"),
      h("div", { class: "field inline" }, createGroup, h("label", { for: "fw-create" }, "Create security group")),
      h("div", { class: "field inline" }, allowSsh, h("label", { for: "allow-ssh" }, "Allow SSH traffic from"), sshFrom),
      h("div", { class: "field inline" }, existingGroup, h("label", { for: "fw-existing" }, "Select existing security group")),
      field("Common security groups", groupList))),
    section("Configure storage", field("Root volume size (GiB)", rootSize), field("Root volume type", rootType), extraVolumes, addVolume),
    h("details", { class: "panel" }, h("summary", {}, "Advanced details"),
      field("IAM instance profile", profile), field("Shutdown behavior", shutdown), field("Termination protection", termination),
      field("Stop protection", stopProtection), field("User data - optional", userData)),
    section("Summary", field("Number of instances", count), launchError, launchButton));
}

// "Subscribe on instance launch": an AWS Marketplace AMI's products are subscribed to (localec2's stand-in for
// the Marketplace page, /_localec2/marketplace/subscriptions) before RunInstances, which refuses otherwise.
async function subscribeOnLaunch(image) {
  if (image.ImageOwnerAlias !== "aws-marketplace") return;
  for (const code of (image.ProductCodes || []).filter((c) => c.ProductCodeType === "marketplace")) {
    const response = await fetch("/_localec2/marketplace/subscriptions", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ ProductCode: code.ProductCodeId }) });
    if (!response.ok) {
      const text = await response.text();
      throw { code: "OptInRequired", awsMessage: `Subscribing to ${code.ProductCodeId} failed (${response.status}): ${text}` };
    }
  }
}

// Create key pair: the private key is offered once as a download; localec2 keeps only the public key.
export function createKeyPairDialog(onCreated = () => {}) {
  const keyName = h("input", { type: "text" });
  const keyType = select([["rsa", "RSA"], ["ed25519", "ED25519"]]);
  const format = select([["pem", ".pem (For use with OpenSSH)"], ["ppk", ".ppk (For use with PuTTY)"]]);
  dialog("Create key pair", [
    field("Key pair name", keyName), field("Key pair type", keyType), field("Private key file format", format),
    h("p", { class: "info" }, "When prompted, store the private key in a secure and accessible location on your computer. You will need it later to connect to your instance. localec2, like AWS, does not keep the private key: this is the only time you can download it."),
  ], [["Cancel", null], ["Create key pair", async (close) => {
    const out = await call("CreateKeyPair", { KeyName: keyName.value, KeyType: keyType.value, KeyFormat: format.value });
    download(`${out.KeyName}.${format.value}`, out.KeyMaterial);
    close();
    onCreated(out.KeyName);
    flash(`Successfully created key pair ${out.KeyName}; its private key was downloaded as ${out.KeyName}.${format.value}`, "success");
  }, { primary: true }]]);
}
