// End to end through the AWS SDK for JavaScript v3: the README's "AMIs, snapshots and volumes" walkthrough
// (Quick Start image → key pair → instance → stop, new user data, start → image → encrypted copy in
// eu-west-1 → the key pair does not follow → deregistering leaves the snapshots), with the SDK's waiters
// and its error names. Run with `node --test` (LOCALEC2_BIN names the server binary).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  CopyImageCommand, CreateImageCommand, CreateKeyPairCommand, DeleteKeyPairCommand, DeleteSnapshotCommand,
  DeregisterImageCommand, DescribeImagesCommand, DescribeInstanceAttributeCommand, DescribeInstancesCommand,
  DescribeSnapshotsCommand, ModifyInstanceAttributeCommand, RunInstancesCommand, StartInstancesCommand,
  StopInstancesCommand, TerminateInstancesCommand, waitUntilImageAvailable, waitUntilInstanceRunning,
  waitUntilInstanceStopped, waitUntilInstanceTerminated,
} from "@aws-sdk/client-ec2";
import { LocalEc2, errorOf, waitOn } from "./localec2.mjs";

const ACCOUNT = "000000000000";
const USER_DATA = "#!/bin/sh\necho configured by the JS SDK\n";

describe("the AMI walkthrough through the AWS SDK for JavaScript v3", () => {
  const server = new LocalEc2();
  let us, eu;  // clients signing for us-east-1 and eu-west-1
  let sourceImage, instanceId, ami, snapshotIds, copy, euInstanceId;

  before(async () => {
    await server.start();
    us = server.client("us-east-1");
    eu = server.client("eu-west-1");
  });
  after(async () => {
    us?.destroy();
    eu?.destroy();
    await server.stop();
  });

  it("finds exactly one Quick Start Amazon Linux 2023 x86_64 image owned by amazon", async () => {
    const { Images } = await us.send(new DescribeImagesCommand({ Owners: ["amazon"], Filters: [
      { Name: "name", Values: ["al2023-ami-*"] }, { Name: "architecture", Values: ["x86_64"] }] }));
    assert.equal(Images.length, 1);
    const [image] = Images;
    assert.match(image.ImageId, /^ami-[0-9a-f]{17}$/);
    assert.deepEqual([image.State, image.ImageOwnerAlias, image.RootDeviceType, image.Architecture, image.Public],
                     ["available", "amazon", "ebs", "x86_64", true]);
    sourceImage = image.ImageId;
  });

  it("creates an ed25519 key pair whose private key comes back once", async () => {
    const key = await us.send(new CreateKeyPairCommand({ KeyName: "lab", KeyType: "ed25519" }));
    assert.equal(key.KeyName, "lab");
    assert.match(key.KeyMaterial, /^-----BEGIN OPENSSH PRIVATE KEY-----\n/);
    assert.match(key.KeyFingerprint, /^[A-Za-z0-9+/]{43}=$/);  // ed25519: base64 SHA-256
    assert.match(key.KeyPairId, /^key-[0-9a-f]{17}$/);
  });

  it("launches an instance with the key and a 20 GiB gp3 data volume, and waits until it runs", async () => {
    const reservation = await us.send(new RunInstancesCommand({
      ImageId: sourceImage, InstanceType: "t3.micro", MinCount: 1, MaxCount: 1, KeyName: "lab",
      BlockDeviceMappings: [{ DeviceName: "/dev/sdf", Ebs: { VolumeSize: 20, VolumeType: "gp3" } }] }));
    assert.equal(reservation.OwnerId, ACCOUNT);
    const [instance] = reservation.Instances;
    assert.match(instance.InstanceId, /^i-[0-9a-f]{17}$/);
    assert.deepEqual(instance.State, { Code: 0, Name: "pending" });
    assert.deepEqual([instance.ImageId, instance.KeyName, instance.InstanceType], [sourceImage, "lab", "t3.micro"]);
    instanceId = instance.InstanceId;
    const waited = await waitUntilInstanceRunning(waitOn(us), { InstanceIds: [instanceId] });
    assert.equal(waited.state, "SUCCESS");
    const described = await us.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
    const running = described.Reservations[0].Instances[0];
    assert.deepEqual(running.State, { Code: 16, Name: "running" });
    assert.deepEqual(running.BlockDeviceMappings.map((m) => m.DeviceName), ["/dev/xvda", "/dev/sdf"]);
  });

  it("refuses new user data while running, takes it once stopped, and starts again", async () => {
    const userData = { Value: new TextEncoder().encode(USER_DATA) };  // the SDK base64-encodes the blob
    const refused = await errorOf(us.send(new ModifyInstanceAttributeCommand({ InstanceId: instanceId, UserData: userData })));
    assert.equal(refused.name, "IncorrectInstanceState");
    assert.equal(refused.$metadata.httpStatusCode, 400);
    assert.match(refused.$metadata.requestId, /^[0-9a-f-]{36}$/);  // from the x-amzn-RequestId header

    const stopped = await us.send(new StopInstancesCommand({ InstanceIds: [instanceId] }));
    assert.deepEqual(stopped.StoppingInstances, [{ InstanceId: instanceId, CurrentState: { Code: 64, Name: "stopping" },
                                                   PreviousState: { Code: 16, Name: "running" } }]);
    assert.equal((await waitUntilInstanceStopped(waitOn(us), { InstanceIds: [instanceId] })).state, "SUCCESS");

    await us.send(new ModifyInstanceAttributeCommand({ InstanceId: instanceId, UserData: userData }));
    const attribute = await us.send(new DescribeInstanceAttributeCommand({ InstanceId: instanceId, Attribute: "userData" }));
    assert.equal(attribute.InstanceId, instanceId);
    assert.equal(Buffer.from(attribute.UserData.Value, "base64").toString(), USER_DATA);

    const started = await us.send(new StartInstancesCommand({ InstanceIds: [instanceId] }));
    assert.deepEqual(started.StartingInstances, [{ InstanceId: instanceId, CurrentState: { Code: 0, Name: "pending" },
                                                   PreviousState: { Code: 80, Name: "stopped" } }]);
    assert.equal((await waitUntilInstanceRunning(waitOn(us), { InstanceIds: [instanceId] })).state, "SUCCESS");
  });

  it("images the instance: one snapshot per EBS volume, no key pair in the image", async () => {
    ({ ImageId: ami } = await us.send(new CreateImageCommand({ InstanceId: instanceId, Name: "my-instance-ami", NoReboot: true })));
    assert.match(ami, /^ami-[0-9a-f]{17}$/);
    assert.equal((await waitUntilImageAvailable(waitOn(us), { ImageIds: [ami] })).state, "SUCCESS");
    const [image] = (await us.send(new DescribeImagesCommand({ ImageIds: [ami] }))).Images;
    assert.deepEqual([image.State, image.Name, image.RootDeviceType, image.RootDeviceName, image.Architecture,
                      image.OwnerId, image.Public, image.SourceInstanceId],
                     ["available", "my-instance-ami", "ebs", "/dev/xvda", "x86_64", ACCOUNT, false, instanceId]);
    assert.equal(image.KeyName, undefined);
    const mappings = Object.fromEntries(image.BlockDeviceMappings.map((m) => [m.DeviceName, m.Ebs]));
    assert.deepEqual(Object.keys(mappings).sort(), ["/dev/sdf", "/dev/xvda"]);
    assert.deepEqual([mappings["/dev/xvda"].VolumeSize, mappings["/dev/sdf"].VolumeSize], [8, 20]);
    assert.equal(mappings["/dev/sdf"].VolumeType, "gp3");
    snapshotIds = Object.values(mappings).map((ebs) => ebs.SnapshotId).sort();

    const { Snapshots } = await us.send(new DescribeSnapshotsCommand({ OwnerIds: ["self"] }));
    assert.deepEqual(Snapshots.map((s) => s.SnapshotId).sort(), snapshotIds);
    for (const snapshot of Snapshots) {
      assert.equal(snapshot.Description, `Created by CreateImage(${instanceId}) for ${ami}`);
      assert.deepEqual([snapshot.State, snapshot.OwnerId, snapshot.Encrypted], ["completed", ACCOUNT, false]);
    }
  });

  it("copies the image to eu-west-1, encrypted, with new snapshots there", async () => {
    ({ ImageId: copy } = await eu.send(new CopyImageCommand({ SourceRegion: "us-east-1", SourceImageId: ami,
                                                              Name: "dr-copy", Encrypted: true })));
    assert.match(copy, /^ami-[0-9a-f]{17}$/);
    assert.notEqual(copy, ami);
    assert.equal((await waitUntilImageAvailable(waitOn(eu), { ImageIds: [copy] })).state, "SUCCESS");
    const [image] = (await eu.send(new DescribeImagesCommand({ ImageIds: [copy] }))).Images;
    assert.deepEqual([image.Name, image.SourceImageId, image.SourceImageRegion], ["dr-copy", ami, "us-east-1"]);
    const { Snapshots } = await eu.send(new DescribeSnapshotsCommand({ OwnerIds: ["self"] }));
    assert.equal(Snapshots.length, 2);
    for (const snapshot of Snapshots) {
      assert.ok(!snapshotIds.includes(snapshot.SnapshotId));
      assert.equal(snapshot.Encrypted, true);
      assert.match(snapshot.KmsKeyId, /^arn:aws:kms:eu-west-1:000000000000:key\/[0-9a-f-]{36}$/);
      assert.match(snapshot.Description,
                   new RegExp(`^Copied for DestinationAmi ${copy} from SourceAmi ${ami} for SourceSnapshot snap-`));
    }
    // The image is not in eu-west-1 under its source id, nor the copy in us-east-1.
    assert.equal((await errorOf(eu.send(new DescribeImagesCommand({ ImageIds: [ami] })))).name, "InvalidAMIID.NotFound");
  });

  it("refuses a launch in eu-west-1 naming us-east-1's key pair with InvalidKeyPair.NotFound", async () => {
    const error = await errorOf(eu.send(new RunInstancesCommand({ ImageId: copy, InstanceType: "t3.micro",
                                                                  MinCount: 1, MaxCount: 1, KeyName: "lab" })));
    assert.equal(error.name, "InvalidKeyPair.NotFound");
    assert.equal(error.Code, "InvalidKeyPair.NotFound");
    assert.equal(error.message, "The key pair 'lab' does not exist");
    assert.equal(error.$metadata.httpStatusCode, 400);
    const { Instances: [instance] } = await eu.send(new RunInstancesCommand({ ImageId: copy, InstanceType: "t3.micro",
                                                                              MinCount: 1, MaxCount: 1 }));
    assert.equal(instance.KeyName, undefined);
    assert.deepEqual(instance.SecurityGroups.map((g) => g.GroupName), ["default"]);
    euInstanceId = instance.InstanceId;
  });

  it("deregisters the image but leaves its snapshots listed (and in use by nothing) until deleted", async () => {
    const inUse = await errorOf(us.send(new DeleteSnapshotCommand({ SnapshotId: snapshotIds[0] })));
    assert.equal(inUse.name, "InvalidSnapshot.InUse");
    assert.equal((await us.send(new DeregisterImageCommand({ ImageId: ami }))).Return, true);
    assert.deepEqual((await us.send(new DescribeImagesCommand({ ImageIds: [ami] }))).Images, []);
    const launch = await errorOf(us.send(new RunInstancesCommand({ ImageId: ami, InstanceType: "t3.micro", MinCount: 1, MaxCount: 1 })));
    assert.equal(launch.name, "InvalidAMIID.NotFound");
    const { Snapshots } = await us.send(new DescribeSnapshotsCommand({ OwnerIds: ["self"] }));
    assert.deepEqual(Snapshots.map((s) => s.SnapshotId).sort(), snapshotIds);
  });

  it("cleans up: instances terminated, the copy deregistered, snapshots and the key pair deleted", async () => {
    await us.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }));
    await eu.send(new TerminateInstancesCommand({ InstanceIds: [euInstanceId] }));
    assert.equal((await waitUntilInstanceTerminated(waitOn(us), { InstanceIds: [instanceId] })).state, "SUCCESS");
    assert.equal((await waitUntilInstanceTerminated(waitOn(eu), { InstanceIds: [euInstanceId] })).state, "SUCCESS");
    for (const SnapshotId of snapshotIds) await us.send(new DeleteSnapshotCommand({ SnapshotId }));
    assert.deepEqual((await us.send(new DescribeSnapshotsCommand({ OwnerIds: ["self"] }))).Snapshots, []);
    const result = await eu.send(new DeregisterImageCommand({ ImageId: copy, DeleteAssociatedSnapshots: true }));
    assert.equal(result.DeleteSnapshotResults.length, 2);
    assert.deepEqual(result.DeleteSnapshotResults.map((r) => r.ReturnCode), ["success", "success"]);
    assert.deepEqual((await eu.send(new DescribeSnapshotsCommand({ OwnerIds: ["self"] }))).Snapshots, []);
    await us.send(new DeleteKeyPairCommand({ KeyName: "lab" }));
    const gone = await errorOf(us.send(new RunInstancesCommand({ ImageId: sourceImage, MinCount: 1, MaxCount: 1, KeyName: "lab" })));
    assert.equal(gone.name, "InvalidKeyPair.NotFound");
  });
});
