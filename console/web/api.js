// The console's only way to localec2: POST /_localec2/console/api with an EC2 action, the region the
// header's selector names and the Query API's parameter names. Errors come back with AWS's code and words.
export class ApiError extends Error {
  constructor(code, message) {
    super(`${code}: ${message}`);
    this.code = code;
    this.awsMessage = message;
  }
}

// The keys the user entered under --auth strict: kept for this tab only (sessionStorage), sent with each call.
export const session = {
  region: localStorage.getItem("localec2.region") || "us-east-1",
  keys: JSON.parse(sessionStorage.getItem("localec2.keys") || "null"),
};

export function setKeys(accessKeyId, secretAccessKey) {
  session.keys = { AccessKeyId: accessKeyId, SecretAccessKey: secretAccessKey };
  sessionStorage.setItem("localec2.keys", JSON.stringify(session.keys));
}

export function setRegion(region) {
  session.region = region;
  localStorage.setItem("localec2.region", region);
}

// Runs `action` in `region` (the selected one by default) and resolves to its output members.
export async function call(action, params = {}, region = session.region) {
  const response = await fetch("/_localec2/console/api", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ Action: action, Region: region, Params: params, ...(session.keys || {}) }),
  });
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError("InternalError", `The server answered ${response.status} without a JSON body.`);
  }
  if (body.Error) throw new ApiError(body.Error.Code, body.Error.Message);
  return body.Output;
}

// Query-style list parameters: list("InstanceId", ["i-1", "i-2"]) → {"InstanceId.1": "i-1", …}.
export function list(name, values) {
  const out = {};
  values.forEach((value, i) => (out[`${name}.${i + 1}`] = value));
  return out;
}

// Query-style filters: filters({"instance-state-name": ["running"]}) → Filter.1.Name / Filter.1.Value.1.
export function filters(map) {
  const out = {};
  Object.entries(map).forEach(([name, values], i) => {
    out[`Filter.${i + 1}.Name`] = name;
    values.forEach((value, j) => (out[`Filter.${i + 1}.Value.${j + 1}`] = value));
  });
  return out;
}

// Base64 of a string's UTF-8 bytes (user data), and back.
export function toBase64(text) {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}
export function fromBase64(text) {
  return new TextDecoder().decode(Uint8Array.from(atob(text), (c) => c.charCodeAt(0)));
}

export function nameTag(resource) {
  const tag = (resource.Tags || []).find((t) => t.Key === "Name");
  return tag ? tag.Value : "";
}

// A timestamp member as the console API answers it (epoch milliseconds) or a string, shown as AWS does.
export function when(value) {
  if (value === undefined || value === null || value === "") return "";
  const date = new Date(typeof value === "number" ? value : Date.parse(value));
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString().replace(".000Z", "Z");
}
