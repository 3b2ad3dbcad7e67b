"""End to end: GET /_localec2/cost prices a fixed state exactly as computed by hand (a t3.micro running 10
hours, a 100 GiB gp3 volume, two 8 GiB snapshots a deregistered image left behind, an idle Elastic IP), flags
what the AMI guide warns about, answers a terminal table with Accept: text/plain and refuses malformed
queries. Time is controlled with ?at= (the cost of the state as the clock will have settled it then)."""
import json
import unittest
import urllib.parse
from datetime import timedelta, timezone

from harness import ServerTestCase, StrictServerTestCase

PATH = "/_localec2/cost"
HOUR_MS = 3600 * 1000


def iso(moment):
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def ms(moment):
    return round(moment.timestamp() * 1000)


def round6(dollars):
    """The endpoint's rounding: half away from zero to 6 decimals (no figure here lands on a half)."""
    return round(dollars * 1e6) / 1e6


class CostView(ServerTestCase):
    reset_between_tests = True

    def cost(self, query="", accept=None):
        headers = {"Accept": accept} if accept else {}
        status, text = self.server.raw(b"", method="GET", path=PATH + ("?" + query if query else ""), headers=headers)
        if accept == "text/plain":
            return status, text
        return status, json.loads(text) if text else None

    def build_lab(self, ec2):
        """The fixed state; returns the ids and the times the API reported."""
        ami = ec2.describe_images(Owners=["amazon"], Filters=[
            {"Name": "name", "Values": ["al2023-ami-2023.9.20251117.1-kernel-6.1-x86_64"]}])["Images"][0]["ImageId"]
        instance = ec2.run_instances(ImageId=ami, InstanceType="t3.micro", MinCount=1, MaxCount=1,
                                     BlockDeviceMappings=[{"DeviceName": "/dev/sdf",
                                                           "Ebs": {"VolumeSize": 8, "VolumeType": "gp3"}}]
                                     )["Instances"][0]
        image = ec2.create_image(InstanceId=instance["InstanceId"], Name="golden", NoReboot=True)["ImageId"]
        ec2.deregister_image(ImageId=image)
        volume = ec2.create_volume(AvailabilityZone="us-east-1a", Size=100, VolumeType="gp3")
        address = ec2.allocate_address(Domain="vpc")
        return instance, image, volume, address

    def test_a_fixed_state_costs_what_was_computed_by_hand(self):
        ec2 = self.server.client()
        instance, image, volume, address = self.build_lab(ec2)
        launched = ec2.describe_instances(InstanceIds=[instance["InstanceId"]])["Reservations"][0]["Instances"][0]
        at = launched["LaunchTime"] + timedelta(hours=10)
        status, answer = self.cost("region=us-east-1&at=" + urllib.parse.quote(iso(at)))
        self.assertEqual(status, 200, answer)
        self.assertEqual(answer["AccountId"], "000000000000")
        self.assertEqual(answer["Regions"], ["us-east-1"])
        self.assertEqual(answer["At"], iso(at))
        self.assertEqual(answer["Currency"], "USD")
        self.assertEqual(answer["Prices"]["AsOf"], "2025-06-01")
        items = {item["ResourceId"]: item for item in answer["Resources"]}
        at_ms = ms(at)

        compute = items[instance["InstanceId"]]
        self.assertEqual((compute["ResourceType"], compute["Charge"]), ("instance", "t3.micro Linux/UNIX On-Demand"))
        self.assertEqual((compute["Hourly"], compute["Monthly"], compute["Accrued"]), (0.0104, 7.488, 0.104))
        self.assertEqual(compute["Since"], iso(launched["LaunchTime"]))
        self.assertEqual(compute["Flags"], [])

        big = items[volume["VolumeId"]]
        self.assertEqual(big["Charge"], "gp3 100 GiB, 3000 IOPS, 125 MB/s")
        self.assertEqual((big["Hourly"], big["Monthly"]), (round6(8 / 720), 8.0))
        self.assertEqual(big["Accrued"], round6(8 / 720 * (at_ms - ms(volume["CreateTime"])) / HOUR_MS))
        self.assertEqual(big["Flags"], [{"Flag": "volume-not-attached", "Message":
                                         f"Volume {volume['VolumeId']} is not attached to an instance and costs "
                                         "$8.00 a month."}])

        snapshots = ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"]
        self.assertEqual(sorted(s["VolumeSize"] for s in snapshots), [8, 8])
        for snapshot in snapshots:
            item = items[snapshot["SnapshotId"]]
            self.assertEqual((item["Charge"], item["Hourly"], item["Monthly"]), ("8 GiB", round6(0.4 / 720), 0.4))
            self.assertEqual(item["Accrued"], round6(0.4 / 720 * (at_ms - ms(snapshot["StartTime"])) / HOUR_MS))
            self.assertEqual(item["Flags"], [{"Flag": "snapshot-of-deregistered-image", "Message":
                                              f"Snapshot {snapshot['SnapshotId']} was left behind by deregistered "
                                              f"image {image}; it costs $0.40 a month until it is deleted."}])

        eip = items[address["AllocationId"]]
        self.assertEqual((eip["ResourceType"], eip["Hourly"], eip["Monthly"], eip["Accrued"], eip["Since"]),
                         ("elastic-ip", 0.005, 3.6, None, None))
        self.assertEqual(eip["Flags"][0]["Flag"], "elastic-ip-not-associated")

        # The instance's own volumes (root and /dev/sdf, 8 GiB gp3 each) and its launch public IP also pay.
        attached = [i for i in answer["Resources"] if i["ResourceType"] == "volume" and i["ResourceId"] != volume["VolumeId"]]
        self.assertEqual([(i["Monthly"], i["Flags"]) for i in attached], [(0.64, []), (0.64, [])])
        public = [i for i in answer["Resources"] if i["ResourceType"] == "public-ipv4"]
        self.assertEqual([(i["Hourly"], i["Accrued"]) for i in public], [(0.005, 0.05)])
        self.assertEqual(len(answer["Resources"]), 8)

        # Per hour 0.0104 + 2 × 0.005 + (2 × 0.64 + 8 + 2 × 0.40) / 720; per month that × 720.
        self.assertEqual((answer["Total"]["Hourly"], answer["Total"]["Monthly"]), (0.0344, 24.768))
        # The total is the unrounded figures' sum, rounded once: within 8 half-millionths of the rounded items'.
        self.assertAlmostEqual(answer["Total"]["Accrued"],
                               sum(i["Accrued"] for i in answer["Resources"] if i["Accrued"] is not None), delta=4e-6)
        self.assertEqual(sorted(f["Flag"] for f in answer["Flags"]),
                         ["elastic-ip-not-associated", "snapshot-of-deregistered-image",
                          "snapshot-of-deregistered-image", "volume-not-attached"])

        status, text = self.cost("region=us-east-1&at=" + urllib.parse.quote(iso(at)), accept="text/plain")
        self.assertEqual(status, 200)
        row = next(line for line in text.splitlines() if instance["InstanceId"] in line)
        self.assertEqual(row.split()[-3:], ["0.0104", "7.49", "0.10"])
        total = next(line for line in text.splitlines() if line.startswith("TOTAL"))
        self.assertEqual(total.split()[1:3], ["0.0344", "24.77"])
        self.assertIn(f"[snapshot-of-deregistered-image] Snapshot {snapshots[0]['SnapshotId']} was left behind", text)

    def test_a_stopped_instance_is_flagged_and_a_cost_tag_flags_the_untagged(self):
        ec2 = self.server.client()
        instance = ec2.run_instances(ImageId=ec2.describe_images(Owners=["amazon"], Filters=[
            {"Name": "name", "Values": ["al2023-ami-2023.9.20251117.1-kernel-6.1-x86_64"]}])["Images"][0]["ImageId"],
            InstanceType="t3.micro", MinCount=1, MaxCount=1,
            TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Project", "Value": "lab"}]}]
        )["Instances"][0]["InstanceId"]
        ec2.stop_instances(InstanceIds=[instance])
        status, answer = self.cost("cost-tag=Project")
        self.assertEqual(status, 200, answer)
        flags = {(f["ResourceId"], f["Flag"]) for f in answer["Flags"]}
        root = [i["ResourceId"] for i in answer["Resources"] if i["ResourceType"] == "volume"]
        self.assertEqual(len(root), 1)
        self.assertEqual(flags, {(instance, "stopped-instance-paying-for-ebs"), (root[0], "missing-cost-tag")})
        self.assertEqual(answer["Total"]["Monthly"], 0.64)  # the 8 GiB root volume alone
        self.assertEqual(answer["Regions"], ["us-east-1"])

    def test_another_account_and_an_empty_state_cost_nothing(self):
        self.build_lab(self.server.client())
        status, answer = self.cost("account=111111111111")
        self.assertEqual(status, 200)
        self.assertEqual((answer["AccountId"], answer["Resources"], answer["Flags"], answer["Regions"]),
                         ("111111111111", [], [], []))
        self.assertEqual(answer["Total"], {"Hourly": 0, "Monthly": 0, "Accrued": 0})

    def test_malformed_queries_are_refused_naming_the_problem(self):
        cases = {
            "acount=000000000000": "The parameter acount is not recognized; the cost view takes account, region, "
                                   "cost-tag and at.",
            "account=12": "Value (12) for parameter account is invalid: 12 digits.",
            "region=mars-1": "Value (mars-1) for parameter region is invalid: not a region localec2 knows.",
            "cost-tag=": "Value () for parameter cost-tag is invalid: a tag key of 1 to 128 characters.",
            "at=yesterday": "Value (yesterday) for parameter at is invalid: a UTC time such as 2026-01-02T03:04:05Z.",
            "at=2026-13-01T00:00:00Z": "Value (2026-13-01T00:00:00Z) for parameter at is invalid: a UTC time such "
                                       "as 2026-01-02T03:04:05Z.",
            "at=2000-01-01T00:00:00Z": "The time to price at must not be before now: the state before now is not kept.",
            "region=%zz": "The query does not decode; it takes account, region, cost-tag and at.",
            "region=us-east-1&region=eu-west-1": "The query does not decode; it takes account, region, cost-tag and at.",
        }
        for query, message in cases.items():
            with self.subTest(query=query):
                status, answer = self.cost(query)
                self.assertEqual((status, answer), (400, {"error": message}))
        status, text = self.server.raw(b"", method="POST", path=PATH)
        self.assertEqual((status, json.loads(text)), (405, {"error": "Method POST is not allowed here; use GET."}))
        self.assertServerStillAnswers()


class StrictCostView(StrictServerTestCase):
    keys = [{"AccessKeyId": "AKIAALICE0000000001", "SecretAccessKey": "alice-secret", "AccountId": "111111111111"}]

    def signed_get(self, query):
        from botocore.auth import SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials
        request = AWSRequest(method="GET", url=f"{self.server.endpoint}{PATH}?{query}")
        SigV4Auth(Credentials("AKIAALICE0000000001", "alice-secret"), "ec2", "us-east-1").add_auth(request)
        return self.server.raw(b"", method="GET", path=f"{PATH}?{query}", headers=dict(request.headers.items()))

    def test_a_signed_request_prices_only_its_own_account(self):
        status, _ = self.server.raw(b"", method="GET", path=PATH + "?region=us-east-1")
        self.assertEqual(status, 401)
        status, text = self.signed_get("region=us-east-1")
        self.assertEqual(status, 200, text)
        self.assertEqual(json.loads(text)["AccountId"], "111111111111")
        status, text = self.signed_get("account=111111111111")
        self.assertEqual((status, json.loads(text)["AccountId"]), (200, "111111111111"))
        status, text = self.signed_get("account=222222222222")
        self.assertEqual((status, json.loads(text)),
                         (403, {"error": "A signed request may price only its own account."}))


if __name__ == "__main__":
    unittest.main()
