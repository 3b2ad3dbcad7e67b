// End to end through the AWS SDK for JavaScript v3: a program given only AWS_EC2_METADATA_SERVICE_ENDPOINT
// (no keys, no config files) takes its role credentials from an instance's metadata service and calls EC2 as
// the instance's account. The JS SDK keeps only the host and port of that variable, so it is pointed at the
// instance's own loopback address on the --imds-port listener (ImdsLoopbackEndpoint). The JS SDK does not
// look up a region there; the program reads placement/region itself. Run with `node --test`.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { dirname } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { RunInstancesCommand, DescribeImagesCommand, waitUntilInstanceRunning } from "@aws-sdk/client-ec2";
import { LocalEc2, waitOn } from "./localec2.mjs";

const ACCOUNT = "111122223333";
const here = dirname(fileURLToPath(import.meta.url));

// What runs "on the instance": the region from the metadata service, the credentials from the SDK's own chain.
const PROGRAM = `
import { EC2Client, DescribeInstancesCommand } from "@aws-sdk/client-ec2";
const base = process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
const token = await (await fetch(base + "/latest/api/token", { method: "PUT",
  headers: { "X-aws-ec2-metadata-token-ttl-seconds": "60" } })).text();
const region = await (await fetch(base + "/latest/meta-data/placement/region",
  { headers: { "X-aws-ec2-metadata-token": token } })).text();
const ec2 = new EC2Client({ region, endpoint: process.env.LOCALEC2_ENDPOINT, maxAttempts: 1 });
const credentials = await ec2.config.credentials();
const { Reservations } = await ec2.send(new DescribeInstancesCommand({}));
console.log(JSON.stringify({ region, key: credentials.accessKeyId,
  ids: Reservations.flatMap((r) => r.Instances.map((i) => i.InstanceId)) }));
`;

describe("the metadata service through the AWS SDK for JavaScript v3", () => {
  const server = new LocalEc2();
  let ec2;

  before(async () => {
    await server.start("--imds-port", "0");
    ec2 = server.client("eu-west-1", ACCOUNT);
  });
  after(async () => {
    ec2?.destroy();
    await server.stop();
  });

  it("finds role credentials at the instance's loopback endpoint and acts as its account", async () => {
    const { Images } = await ec2.send(new DescribeImagesCommand({ Owners: ["amazon"], Filters: [
      { Name: "name", Values: ["al2023-ami-*"] }, { Name: "architecture", Values: ["x86_64"] }] }));
    const { Instances } = await ec2.send(new RunInstancesCommand({ ImageId: Images[0].ImageId, MinCount: 1,
      MaxCount: 1, IamInstanceProfile: { Name: "app" }, MetadataOptions: { HttpTokens: "required" } }));
    const instanceId = Instances[0].InstanceId;
    await waitUntilInstanceRunning(waitOn(ec2), { InstanceIds: [instanceId] });
    const view = await (await fetch(`${server.endpoint}/_localec2/instances/${instanceId}?account=${ACCOUNT}&region=eu-west-1`)).json();
    assert.match(view.ImdsLoopbackEndpoint, /^http:\/\/127\.\d+\.\d+\.\d+:\d+$/);

    const env = { PATH: process.env.PATH, HOME: "/nonexistent", AWS_CONFIG_FILE: "/nonexistent",
                  AWS_SHARED_CREDENTIALS_FILE: "/nonexistent", LOCALEC2_ENDPOINT: server.endpoint,
                  AWS_EC2_METADATA_SERVICE_ENDPOINT: view.ImdsLoopbackEndpoint };
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", PROGRAM],
                                                 { cwd: here, env, timeout: 60000 });
    const found = JSON.parse(stdout);
    assert.equal(found.region, "eu-west-1");
    assert.match(found.key, /^ASIA[A-Z2-7]{16}$/);
    assert.deepEqual(found.ids, [instanceId]);
  });
});
