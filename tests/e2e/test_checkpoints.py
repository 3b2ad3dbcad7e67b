"""End to end: named checkpoints (README "Checkpoints"). Save, change everything, restore, and every
Describe* answers what it answered at save time; one account's checkpoint leaves the others alone;
restore at start-up (flag and environment variable); checkpoints survive a restart; a SIGKILL during a
save under write load leaves the old list or a whole checkpoint; bad names, methods and queries are
refused with a JSON message and change nothing."""
import json
import os
import random
import signal
import tempfile
import threading
import time
import unittest
import urllib.parse

import botocore.exceptions

from harness import LocalEc2, ServerTestCase, StrictServerTestCase, error_code

ALICE = "111111111111"
BOB = "222222222222"
DESCRIBES = [
    ("describe_instances", {}), ("describe_images", {"Owners": ["self"]}),
    ("describe_snapshots", {"OwnerIds": ["self"]}), ("describe_volumes", {}), ("describe_key_pairs", {}),
    ("describe_security_groups", {}), ("describe_security_group_rules", {}), ("describe_vpcs", {}),
    ("describe_subnets", {}), ("describe_route_tables", {}), ("describe_internet_gateways", {}),
    ("describe_network_interfaces", {}), ("describe_addresses", {}), ("describe_launch_templates", {}),
    ("describe_network_acls", {}), ("describe_dhcp_options", {}), ("describe_placement_groups", {}),
    ("describe_tags", {}),
]


def describe_all(client):
    """Every Describe* listing as one JSON text, to compare states exactly."""
    answers = {}
    for name, kwargs in DESCRIBES:
        answer = getattr(client, name)(**kwargs)
        answer.pop("ResponseMetadata", None)
        answers[name] = answer
    return json.dumps(answers, sort_keys=True, default=str)


def call(server, method, path):
    status, body = server.raw(method=method, path=path)
    return status, json.loads(body) if body else None


def amazon_image(client):
    return client.describe_images(Owners=["amazon"], Filters=[
        {"Name": "name", "Values": ["al2023-ami-*-x86_64"]}])["Images"][0]["ImageId"]


def build_lab(client, eu, image):
    """A state with a bit of everything."""
    client.create_key_pair(KeyName="lab-key", KeyType="ed25519")
    group = client.create_security_group(GroupName="lab-web", Description="web")["GroupId"]
    client.authorize_security_group_ingress(GroupId=group, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}])
    reservation = client.run_instances(ImageId=image, InstanceType="t3.micro", MinCount=2, MaxCount=2,
                                       KeyName="lab-key", SecurityGroupIds=[group], TagSpecifications=[
                                           {"ResourceType": "instance", "Tags": [{"Key": "Lab", "Value": "1"}]}])
    instances = [i["InstanceId"] for i in reservation["Instances"]]
    client.stop_instances(InstanceIds=[instances[1]])
    own_image = client.create_image(InstanceId=instances[0], Name="lab-image")["ImageId"]
    volume = client.create_volume(AvailabilityZone="us-east-1a", Size=8)["VolumeId"]
    vpc = client.create_vpc(CidrBlock="10.1.0.0/16")["Vpc"]["VpcId"]
    client.create_subnet(VpcId=vpc, CidrBlock="10.1.1.0/24")
    client.allocate_address(Domain="vpc")
    # In another region, the default VPC's internet gateway deleted: a derived default's RemovedDefault record.
    default_vpc = eu.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
    gateway = eu.describe_internet_gateways(Filters=[{"Name": "attachment.vpc-id", "Values": [default_vpc]}])
    gateway_id = gateway["InternetGateways"][0]["InternetGatewayId"]
    eu.detach_internet_gateway(InternetGatewayId=gateway_id, VpcId=default_vpc)
    eu.delete_internet_gateway(InternetGatewayId=gateway_id)
    return {"instances": instances, "image": own_image, "volume": volume, "vpc": vpc, "group": group}


def change_everything(client, eu, image, lab):
    client.run_instances(ImageId=image, InstanceType="t3.small", MinCount=1, MaxCount=1)
    client.terminate_instances(InstanceIds=[lab["instances"][0]])
    client.start_instances(InstanceIds=[lab["instances"][1]])
    client.create_image(InstanceId=lab["instances"][1], Name="after-save")
    client.deregister_image(ImageId=lab["image"])
    client.delete_key_pair(KeyName="lab-key")
    client.create_key_pair(KeyName="other-key", KeyType="ed25519")
    client.delete_volume(VolumeId=lab["volume"])
    client.create_vpc(CidrBlock="10.2.0.0/16")
    client.create_tags(Resources=[lab["group"]], Tags=[{"Key": "changed", "Value": "yes"}])
    eu.create_vpc(CidrBlock="10.3.0.0/16")


class CheckpointRoundTripTest(ServerTestCase):
    reset_between_tests = True

    def test_restore_answers_every_describe_as_at_save_time(self):
        client = self.server.client(access_key=ALICE)
        eu = self.server.client(access_key=ALICE, region="eu-west-1")
        image = amazon_image(client)
        lab = build_lab(client, eu, image)
        before = describe_all(client) + describe_all(eu)
        self.assertEqual(len(eu.describe_internet_gateways()["InternetGateways"]), 0)
        status, info = call(self.server, "POST", "/_localec2/checkpoints/lab-start")
        self.assertEqual(status, 200, info)
        self.assertEqual(info["name"], "lab-start")
        self.assertIsNone(info["account"])
        self.assertEqual(info["counts"]["instance"], 2)
        self.assertEqual(info["counts"]["key-pair"], 1)
        self.assertGreater(info["sizeBytes"], 1000)

        change_everything(client, eu, image, lab)
        self.assertNotEqual(describe_all(client) + describe_all(eu), before)

        status, restored = call(self.server, "POST", "/_localec2/checkpoints/lab-start/restore")
        self.assertEqual(status, 200, restored)
        self.assertEqual(restored, {"restored": "lab-start", "account": None, "resources": info["resources"]})
        self.assertEqual(describe_all(client) + describe_all(eu), before)

        # Restoring twice is the same state; the listing shows the checkpoint with its counts.
        call(self.server, "POST", "/_localec2/checkpoints/lab-start/restore")
        self.assertEqual(describe_all(client) + describe_all(eu), before)
        status, listed = call(self.server, "GET", "/_localec2/checkpoints")
        self.assertEqual(status, 200)
        self.assertIn(info, listed["checkpoints"])

        # And it survives a restart, as does the restored state.
        self.server.restart()
        client = self.server.client(access_key=ALICE)  # the port changed
        eu = self.server.client(access_key=ALICE, region="eu-west-1")
        self.assertEqual(describe_all(client) + describe_all(eu), before)
        self.assertEqual(call(self.server, "GET", "/_localec2/checkpoints/lab-start"), (200, info))
        change_everything(client, eu, image, lab)
        call(self.server, "POST", "/_localec2/checkpoints/lab-start/restore")
        self.assertEqual(describe_all(client) + describe_all(eu), before)

    def test_one_accounts_checkpoint_leaves_the_others_alone(self):
        alice, bob = self.server.client(access_key=ALICE), self.server.client(access_key=BOB)
        alice.create_key_pair(KeyName="alice-1", KeyType="ed25519")
        bob.create_key_pair(KeyName="bob-1", KeyType="ed25519")
        alice_before = describe_all(alice)
        status, info = call(self.server, "POST", f"/_localec2/checkpoints/alice?account={ALICE}")
        self.assertEqual(status, 200, info)
        self.assertEqual(info["account"], ALICE)
        alice.create_key_pair(KeyName="alice-2", KeyType="ed25519")
        bob.create_key_pair(KeyName="bob-2", KeyType="ed25519")
        bob_now = describe_all(bob)

        status, restored = call(self.server, "POST", "/_localec2/checkpoints/alice/restore")
        self.assertEqual((status, restored["account"]), (200, ALICE))
        self.assertEqual(describe_all(alice), alice_before)
        self.assertEqual(describe_all(bob), bob_now)
        # It cannot be poured into another account.
        status, refused = call(self.server, "POST", f"/_localec2/checkpoints/alice/restore?account={BOB}")
        self.assertEqual(status, 400)
        self.assertEqual(refused["error"], f"The checkpoint 'alice' holds account {ALICE}, not {BOB}.")
        self.assertEqual(describe_all(bob), bob_now)

        # One account's part of a whole checkpoint.
        call(self.server, "POST", "/_localec2/checkpoints/everyone")
        alice.delete_key_pair(KeyName="alice-1")
        bob.delete_key_pair(KeyName="bob-1")
        bob_after = describe_all(bob)
        status, restored = call(self.server, "POST", f"/_localec2/checkpoints/everyone/restore?account={ALICE}")
        self.assertEqual((status, restored["account"]), (200, ALICE))
        self.assertEqual(describe_all(alice), alice_before)
        self.assertEqual(describe_all(bob), bob_after)

    def test_delete_and_unknown_checkpoints(self):
        call(self.server, "POST", "/_localec2/checkpoints/gone")
        self.assertEqual(call(self.server, "DELETE", "/_localec2/checkpoints/gone"), (200, {"deleted": "gone"}))
        missing = {"error": "There is no checkpoint named 'gone'."}
        self.assertEqual(call(self.server, "DELETE", "/_localec2/checkpoints/gone"), (404, missing))
        self.assertEqual(call(self.server, "GET", "/_localec2/checkpoints/gone"), (404, missing))
        self.assertEqual(call(self.server, "POST", "/_localec2/checkpoints/gone/restore"), (404, missing))
        names = [c["name"] for c in call(self.server, "GET", "/_localec2/checkpoints")[1]["checkpoints"]]
        self.assertNotIn("gone", names)

    def test_reset_keeps_the_checkpoints(self):
        self.server.client().create_key_pair(KeyName="k", KeyType="ed25519")
        call(self.server, "POST", "/_localec2/checkpoints/kept")
        self.server.reset()
        self.assertEqual(call(self.server, "GET", "/_localec2/checkpoints/kept")[0], 200)
        call(self.server, "POST", "/_localec2/checkpoints/kept/restore")
        self.assertEqual([k["KeyName"] for k in self.server.client().describe_key_pairs()["KeyPairs"]], ["k"])


class CheckpointRefusalTest(ServerTestCase):
    def test_path_tricky_names_are_refused(self):
        client = self.server.client()
        client.create_key_pair(KeyName="kept", KeyType="ed25519")
        before = describe_all(client)
        cases = {
            "/_localec2/checkpoints/../x": "A checkpoint name may contain only letters, digits, '.', '_' and '-'.",
            "/_localec2/checkpoints/%2e%2e%2fx": "A checkpoint name may contain only letters, digits, '.', '_' "
                                                 "and '-'.",
            "/_localec2/checkpoints/a/b": "A checkpoint name may contain only letters, digits, '.', '_' and '-'.",
            "/_localec2/checkpoints/a%00b": "A checkpoint name may contain only letters, digits, '.', '_' and '-'.",
            "/_localec2/checkpoints/..": "A checkpoint name must not start with '.'.",
            "/_localec2/checkpoints/.hidden": "A checkpoint name must not start with '.'.",
            "/_localec2/checkpoints/": "A checkpoint name must not be empty.",
            "/_localec2/checkpoints//restore": "A checkpoint name must not be empty.",
            "/_localec2/checkpoints/" + "a" * 129: "A checkpoint name has at most 128 characters.",
            "/_localec2/checkpoints/%zz": "The checkpoint name has a bad %-escape.",
            "/_localec2/checkpoints/..%2F..%2Fetc/restore": "A checkpoint name may contain only letters, digits, "
                                                           "'.', '_' and '-'.",
        }
        for path, message in cases.items():
            for method in ("POST", "DELETE"):
                with self.subTest(path=path, method=method):
                    self.assertEqual(call(self.server, method, path), (400, {"error": message}))
        self.assertEqual(call(self.server, "POST", "/_localec2/checkpoints/" + "a" * 128)[0], 200)
        self.assertEqual(describe_all(client), before)
        names = [c["name"] for c in call(self.server, "GET", "/_localec2/checkpoints")[1]["checkpoints"]]
        self.assertEqual(names, ["a" * 128])
        self.assertEqual(sorted(os.listdir(os.path.join(self.server.data_dir, "checkpoints"))),
                         ["a" * 128 + ".ckpt"])

    def test_bad_methods_and_queries(self):
        self.assertEqual(call(self.server, "PUT", "/_localec2/checkpoints/x"),
                         (405, {"error": "Use POST to save a checkpoint, GET to describe it, DELETE to delete it."}))
        self.assertEqual(call(self.server, "GET", "/_localec2/checkpoints/x/restore"),
                         (405, {"error": "Use POST to restore a checkpoint."}))
        self.assertEqual(call(self.server, "POST", "/_localec2/checkpoints"),
                         (405, {"error": "Use GET to list checkpoints."}))
        status, body = call(self.server, "POST", "/_localec2/checkpoints/x?acount=111111111111")
        self.assertEqual((status, body), (400, {"error": "The parameter acount is not recognized; only account is."}))
        status, body = call(self.server, "POST", "/_localec2/checkpoints/x?account=12")
        self.assertEqual((status, body), (400, {"error": "Value (12) for parameter account is invalid: 12 digits."}))
        status, body = call(self.server, "POST", "/_localec2/checkpoints/x/restore?account=%zz")
        self.assertEqual(status, 400)
        self.assertEqual(body["error"], "The query does not decode; it takes only ?account=ACCOUNT_ID.")
        self.assertEqual(call(self.server, "DELETE", f"/_localec2/checkpoints/x?account={ALICE}"),
                         (400, {"error": "GET and DELETE of a checkpoint take no account parameter."}))
        self.assertEqual(call(self.server, "GET", "/_localec2/checkpoints"), (200, {"checkpoints": []}))
        self.assertServerStillAnswers()


KEYS = [{"AccessKeyId": "AKIAALICE0000000001", "SecretAccessKey": "alice-secret", "AccountId": ALICE},
        {"AccessKeyId": "AKIABOB00000000002", "SecretAccessKey": "bob-secret", "AccountId": BOB}]


class StrictCheckpointTest(StrictServerTestCase):
    keys = KEYS

    def signed(self, index, method, path):
        """A request to `path` hand-signed with key `index` (SigV4 over the path and query, as clients sign)."""
        from botocore.auth import SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials
        request = AWSRequest(method=method, url=f"{self.server.endpoint}{path}", data=b"")
        key = KEYS[index]
        SigV4Auth(Credentials(key["AccessKeyId"], key["SecretAccessKey"]), "ec2", "us-east-1").add_auth(request)
        status, body = self.server.raw(b"", method=method, path=path, headers=dict(request.headers.items()))
        return status, body

    def test_a_signed_request_saves_and_restores_only_its_own_account(self):
        alice = self.server.client(access_key=KEYS[0]["AccessKeyId"], secret_key=KEYS[0]["SecretAccessKey"])
        bob = self.server.client(access_key=KEYS[1]["AccessKeyId"], secret_key=KEYS[1]["SecretAccessKey"])
        alice.create_key_pair(KeyName="alice-1", KeyType="ed25519")
        bob.create_key_pair(KeyName="bob-1", KeyType="ed25519")

        status, body = self.server.raw(b"", path="/_localec2/checkpoints/x")  # unsigned
        self.assertEqual((status, error_code(body)), (401, "MissingAuthenticationToken"))
        # ?account= cannot widen it: the signer's account is saved.
        status, body = self.signed(0, "POST", f"/_localec2/checkpoints/alice?account={BOB}")
        self.assertEqual(status, 200, body)
        self.assertEqual(json.loads(body)["account"], ALICE)

        alice.delete_key_pair(KeyName="alice-1")
        bob.delete_key_pair(KeyName="bob-1")
        status, body = self.signed(1, "POST", "/_localec2/checkpoints/alice/restore")
        self.assertEqual(status, 403)
        self.assertEqual(json.loads(body)["error"], "The checkpoint 'alice' is not your account's; a signed "
                                                    "request acts only on its own account's checkpoints.")
        self.assertEqual(self.signed(1, "DELETE", "/_localec2/checkpoints/alice")[0], 403)
        self.assertEqual(json.loads(self.signed(1, "GET", "/_localec2/checkpoints")[1]), {"checkpoints": []})

        status, body = self.signed(0, "POST", "/_localec2/checkpoints/alice/restore")
        self.assertEqual((status, json.loads(body)["account"]), (200, ALICE), body)
        self.assertEqual([k["KeyName"] for k in alice.describe_key_pairs()["KeyPairs"]], ["alice-1"])
        self.assertEqual(bob.describe_key_pairs()["KeyPairs"], [])


class CheckpointStartUpTest(unittest.TestCase):
    def test_restore_at_start_up_by_flag_and_by_environment(self):
        with tempfile.TemporaryDirectory() as data_dir:
            with LocalEc2("--quiet", data_dir=data_dir) as server:
                client = server.client()
                client.create_key_pair(KeyName="lab-key", KeyType="ed25519")
                client.run_instances(ImageId=amazon_image(client), InstanceType="t3.micro", MinCount=1, MaxCount=1)
                expected = describe_all(client)
                self.assertEqual(call(server, "POST", "/_localec2/checkpoints/lab")[0], 200)
                client.delete_key_pair(KeyName="lab-key")
                client.create_vpc(CidrBlock="10.9.0.0/16")
            with LocalEc2("--quiet", "--restore-checkpoint", "lab", data_dir=data_dir) as server:
                self.assertIn("restored checkpoint lab", server.output())
                client = server.client()
                self.assertEqual(describe_all(client), expected)
                client.delete_key_pair(KeyName="lab-key")
            os.environ["LOCALEC2_RESTORE_CHECKPOINT"] = "lab"
            try:
                with LocalEc2("--quiet", data_dir=data_dir) as server:
                    self.assertEqual(describe_all(server.client()), expected)
                server = LocalEc2("--quiet", "--restore-checkpoint", "nope", data_dir=data_dir)
                with self.assertRaises(RuntimeError) as failed:
                    server.start()
                self.assertIn("--restore-checkpoint: there is no checkpoint named 'nope'", str(failed.exception))
                server = LocalEc2("--quiet", "--restore-checkpoint", "../lab", data_dir=data_dir)
                with self.assertRaises(RuntimeError) as failed:
                    server.start()
                self.assertIn("--restore-checkpoint ../lab: A checkpoint name may contain only letters",
                              str(failed.exception))
            finally:
                del os.environ["LOCALEC2_RESTORE_CHECKPOINT"]

    def test_in_memory_checkpoints(self):
        with LocalEc2("--quiet", "--in-memory") as server:
            client = server.client()
            client.create_key_pair(KeyName="k", KeyType="ed25519")
            expected = describe_all(client)
            self.assertEqual(call(server, "POST", "/_localec2/checkpoints/m")[0], 200)
            client.delete_key_pair(KeyName="k")
            self.assertEqual(call(server, "POST", "/_localec2/checkpoints/m/restore")[0], 200)
            self.assertEqual(describe_all(client), expected)
            self.assertFalse(os.path.exists(os.path.join(server.data_dir, "checkpoints")))


class CheckpointCrashTest(unittest.TestCase):
    CYCLES = 8

    def test_sigkill_during_a_save_under_write_load(self):
        rng = random.Random(20261205)
        with tempfile.TemporaryDirectory() as data_dir:
            server = LocalEc2("--quiet", data_dir=data_dir)
            server.start()
            client = server.client()
            image = amazon_image(client)
            for i in range(10):
                client.run_instances(ImageId=image, InstanceType="t3.micro", MinCount=50, MaxCount=50)
            listed = [c["name"] for c in call(server, "GET", "/_localec2/checkpoints")[1]["checkpoints"]]
            for cycle in range(self.CYCLES):
                stop = threading.Event()

                def write(client=server.client()):
                    n = 0
                    while not stop.is_set():
                        n += 1
                        try:
                            client.create_security_group(GroupName=f"c{cycle}-{n}", Description="load")
                        except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError, ConnectionError):
                            return

                def save():
                    for i in range(1000):
                        if stop.is_set():
                            return
                        try:
                            call(server, "POST", f"/_localec2/checkpoints/cycle{cycle}-{i % 3}")
                        except (ConnectionError, OSError):
                            return

                threads = [threading.Thread(target=write), threading.Thread(target=save)]
                for thread in threads:
                    thread.start()
                time.sleep(rng.uniform(0.2, 0.8))
                server.stop(signal.SIGKILL)
                stop.set()
                for thread in threads:
                    thread.join(timeout=60)
                server.start()
                # Every listed checkpoint is whole: it restores (which reads every record) and its counts
                # add up; nothing but whole checkpoint files is left in the directory.
                now = call(server, "GET", "/_localec2/checkpoints")[1]["checkpoints"]
                names = [c["name"] for c in now]
                self.assertTrue(set(listed) <= set(names))
                for checkpoint in now:
                    self.assertEqual(sum(checkpoint["counts"].values()), checkpoint["resources"])
                    self.assertGreaterEqual(checkpoint["counts"]["instance"], 500)
                files = sorted(os.listdir(os.path.join(data_dir, "checkpoints"))) if names else []
                self.assertEqual(files, sorted(n + ".ckpt" for n in names))
                listed = names
            self.assertGreater(len(listed), 0)
            newest = listed[-1]
            status, restored = call(server, "POST", f"/_localec2/checkpoints/{newest}/restore")
            self.assertEqual(status, 200, restored)
            reservations = server.client().describe_instances()["Reservations"]
            self.assertEqual(len([i for r in reservations for i in r["Instances"]]), 500)
            server.stop()


if __name__ == "__main__":
    unittest.main()
