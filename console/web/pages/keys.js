// EC2 → Key pairs: create (the private key downloads once; it is not kept), import, delete.
import { call, when } from "../api.js";
import { dialog, field, flash, h, menu, pageHeader, selectableTable } from "../ui.js";
import { refresh } from "../app.js";
import { createKeyPairDialog } from "./launch.js";

export async function keyPairsPage() {
  const { KeyPairs } = await call("DescribeKeyPairs");
  let chosen = [];
  const table = selectableTable("Key pairs", [
    ["Name", (k) => k.KeyName], ["Type", (k) => k.KeyType], ["Created", (k) => when(k.CreateTime)],
    ["Fingerprint", (k) => k.KeyFingerprint], ["ID", (k) => k.KeyPairId],
  ], KeyPairs, (k) => k.KeyName, (ids) => (chosen = ids));
  return h("section", {},
    pageHeader(`Key pairs (${KeyPairs.length})`,
      h("button", { type: "button", onclick: () => refresh() }, "Refresh"),
      menu("Actions", [
        ["Import key pair", importKeyPair],
        ["Delete", () => (chosen.length ? deleteKeys(chosen) : flash("Select at least one key pair."))],
      ]),
      h("button", { type: "button", class: "primary", onclick: () => createKeyPairDialog(() => refresh()) }, "Create key pair")),
    h("p", { class: "info" }, "localec2 keeps only the public key of a key pair. The private key is offered once, when you create the key pair; it cannot be downloaded again."),
    table.element);
}

function importKeyPair() {
  const name = h("input", { type: "text" });
  const material = h("textarea", { rows: 5, placeholder: "ssh-rsa AAAA… or ssh-ed25519 AAAA…" });
  dialog("Import key pair", [field("Name", name), field("Public key contents", material)], [["Cancel", null], ["Import key pair", async (close) => {
    await call("ImportKeyPair", { KeyName: name.value, PublicKeyMaterial: btoa(material.value.trim()) });
    close();
    flash(`Successfully imported key pair ${name.value}`, "success");
    refresh();
  }, { primary: true }]]);
}

function deleteKeys(names) {
  dialog("Delete key pairs?", [h("p", {}, `Delete ${names.join(", ")}? Instances launched with them keep their keys.`)], [["Cancel", null], ["Delete", async (close) => {
    for (const KeyName of names) await call("DeleteKeyPair", { KeyName });
    close();
    refresh();
  }, { primary: true }]]);
}
