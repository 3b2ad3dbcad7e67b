// EC2 → Security Groups: the list, a group's inbound and outbound rules, adding and deleting rules.
import { call, nameTag } from "../api.js";
import { dialog, field, flash, h, menu, pageHeader, select, selectableTable } from "../ui.js";
import { go, refresh } from "../app.js";

const RULE_TYPES = { SSH: ["tcp", 22], HTTP: ["tcp", 80], HTTPS: ["tcp", 443], "Custom TCP": ["tcp", null], "All traffic": ["-1", null] };

function ruleRows(permissions) {
  return permissions.flatMap((p) => [
    ...(p.IpRanges || []).map((r) => ({ p, source: r.CidrIp, key: { CidrIp: r.CidrIp } })),
    ...(p.Ipv6Ranges || []).map((r) => ({ p, source: r.CidrIpv6, key: { CidrIpv6: r.CidrIpv6 } })),
    ...(p.UserIdGroupPairs || []).map((r) => ({ p, source: r.GroupId, key: { GroupId: r.GroupId } })),
  ]);
}

function rulesTable(title, group, direction) {
  const rows = ruleRows(direction === "inbound" ? group.IpPermissions || [] : group.IpPermissionsEgress || []);
  const revoke = direction === "inbound" ? "RevokeSecurityGroupIngress" : "RevokeSecurityGroupEgress";
  return h("div", {}, h("h2", {}, title),
    h("table", { "aria-label": title }, h("thead", {}, h("tr", {}, ["Protocol", "Port range", direction === "inbound" ? "Source" : "Destination", ""].map((t) => h("th", {}, t)))),
      h("tbody", {}, rows.map((r) => h("tr", {},
        h("td", {}, r.p.IpProtocol === "-1" ? "All" : r.p.IpProtocol), h("td", {}, r.p.FromPort === undefined ? "All" : `${r.p.FromPort}${r.p.ToPort !== r.p.FromPort ? `-${r.p.ToPort}` : ""}`),
        h("td", {}, r.source), h("td", {}, h("button", { type: "button", "aria-label": `Delete ${direction} rule ${r.p.IpProtocol} ${r.p.FromPort ?? ""} ${r.source}`, onclick: async () => {
          const params = { GroupId: group.GroupId, "IpPermissions.1.IpProtocol": r.p.IpProtocol };
          if (r.p.FromPort !== undefined) Object.assign(params, { "IpPermissions.1.FromPort": r.p.FromPort, "IpPermissions.1.ToPort": r.p.ToPort });
          const [k, v] = Object.entries(r.key)[0];
          params[k === "GroupId" ? "IpPermissions.1.Groups.1.GroupId" : k === "CidrIp" ? "IpPermissions.1.IpRanges.1.CidrIp" : "IpPermissions.1.Ipv6Ranges.1.CidrIpv6"] = v;
          try { await call(revoke, params); refresh(); } catch (e) { flash(`${e.code}: ${e.awsMessage}`); }
        } }, "Delete")))))),
    h("button", { type: "button", onclick: () => addRule(group, direction) }, direction === "inbound" ? "Add inbound rule" : "Add outbound rule"));
}

function addRule(group, direction) {
  const type = select(Object.keys(RULE_TYPES).map((t) => [t, t]));
  const port = h("input", { type: "text", value: "22" });
  const cidr = h("input", { type: "text", value: "0.0.0.0/0" });
  type.addEventListener("change", () => { const p = RULE_TYPES[type.value][1]; if (p) port.value = p; });
  dialog(direction === "inbound" ? "Add inbound rule" : "Add outbound rule", [field("Type", type), field("Port range", port), field(direction === "inbound" ? "Source" : "Destination", cidr)],
    [["Cancel", null], ["Save rules", async (close) => {
      const [protocol] = RULE_TYPES[type.value];
      const params = { GroupId: group.GroupId, "IpPermissions.1.IpProtocol": protocol, "IpPermissions.1.IpRanges.1.CidrIp": cidr.value };
      if (protocol !== "-1") {
        const [from, to] = port.value.split("-").map(Number);
        Object.assign(params, { "IpPermissions.1.FromPort": from, "IpPermissions.1.ToPort": to ?? from });
      }
      await call(direction === "inbound" ? "AuthorizeSecurityGroupIngress" : "AuthorizeSecurityGroupEgress", params);
      close();
      refresh();
    }, { primary: true }]]);
}

export async function securityGroupsPage(args) {
  const { SecurityGroups } = await call("DescribeSecurityGroups");
  const group = SecurityGroups.find((g) => g.GroupId === args.id);
  if (group) {
    return h("section", {}, pageHeader(`${group.GroupId} - ${group.GroupName}`, h("button", { type: "button", onclick: () => go("security-groups") }, "Back to Security Groups")),
      h("p", {}, `Description: ${group.Description}  ·  VPC ID: ${group.VpcId || "–"}`),
      rulesTable("Inbound rules", group, "inbound"), rulesTable("Outbound rules", group, "outbound"));
  }
  let chosen = [];
  const table = selectableTable("Security Groups", [
    ["Name", nameTag], ["Security group ID", (g) => h("a", { href: `#/security-groups?id=${g.GroupId}` }, g.GroupId)], ["Security group name", (g) => g.GroupName],
    ["VPC ID", (g) => g.VpcId || ""], ["Description", (g) => g.Description], ["Inbound rules count", (g) => ruleRows(g.IpPermissions || []).length],
  ], SecurityGroups, (g) => g.GroupId, (ids) => (chosen = ids));
  const name = h("input", { type: "text" });
  const description = h("input", { type: "text" });
  return h("section", {}, pageHeader(`Security Groups (${SecurityGroups.length})`,
    h("button", { type: "button", onclick: () => refresh() }, "Refresh"),
    menu("Actions", [["Delete security groups", () => chosen.length ? dialog("Delete security groups?", [h("p", {}, chosen.join(", "))], [["Cancel", null], ["Delete", async (close) => {
      for (const GroupId of chosen) await call("DeleteSecurityGroup", { GroupId });
      close(); refresh();
    }, { primary: true }]]) : flash("Select at least one security group.")]]),
    h("button", { type: "button", class: "primary", onclick: () => dialog("Create security group", [field("Security group name", name), field("Description", description)], [["Cancel", null], ["Create security group", async (close) => {
      const { GroupId } = await call("CreateSecurityGroup", { GroupName: name.value, GroupDescription: description.value });
      close(); go("security-groups", { id: GroupId });
    }, { primary: true }]]) }, "Create security group")), table.element);
}
