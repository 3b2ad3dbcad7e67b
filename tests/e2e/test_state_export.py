"""End to end: export and import of an account's state (README "Export and import state"). A rich state
exported, the server reset, the document imported: every Describe* answers exactly what it answered
before (the full JSON answers, nothing excluded), instance states by the clock included. Malformed
documents, queries and methods are refused whole with the first problem named, and change nothing;
--auth strict acts on the signer's account only."""
import base64
import copy
import json
import time
import unittest

from harness import LocalEc2, ServerTestCase, StrictServerTestCase, error_code

ALICE = "111111111111"
BOB = "222222222222"
PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMtD0kiOMXbm9sM/RQE/dWplDwNR5RLv1EbYy+76/L5Z lab"
DESCRIBES = [
    ("describe_instances", {}), ("describe_images", {"Owners": ["self"]}),
    ("describe_snapshots", {"OwnerIds": ["self"]}), ("describe_volumes", {}), ("describe_key_pairs", {}),
    ("describe_security_groups", {}), ("describe_security_group_rules", {}), ("describe_vpcs", {}),
    ("describe_subnets", {}), ("describe_route_tables", {}), ("describe_internet_gateways", {}),
    ("describe_network_interfaces", {}), ("describe_addresses", {}), ("describe_launch_templates", {}),
    ("describe_launch_template_versions", {"LaunchTemplateName": "lab-template"}),
    ("describe_network_acls", {}), ("describe_dhcp_options", {}), ("describe_placement_groups", {}),
    ("describe_tags", {}),
]


def describe_all(client):
    """Every Describe* listing as one JSON text, to compare states exactly."""
    answers = {}
    for name, kwargs in DESCRIBES:
        if name == "describe_launch_template_versions" and not client.describe_launch_templates()["LaunchTemplates"]:
            continue
        answer = getattr(client, name)(**kwargs)
        answer.pop("ResponseMetadata", None)
        answers[name] = answer
    return json.dumps(answers, sort_keys=True, default=str)


def amazon_image(client):
    return client.describe_images(Owners=["amazon"], Filters=[
        {"Name": "name", "Values": ["al2023-ami-*-x86_64"]}])["Images"][0]["ImageId"]


def export(server, query=f"?account={ALICE}"):
    status, body = server.raw(method="GET", path="/_localec2/state" + query)
    return status, json.loads(body)


def import_document(server, document, query=f"?account={ALICE}"):
    body = document if isinstance(document, bytes) else json.dumps(document).encode()
    status, text = server.raw(body, method="POST", path="/_localec2/state" + query,
                              headers={"Content-Type": "application/json"})
    return status, json.loads(text)


def build_rich_state(client, eu, image):
    """Instances running and stopped, an image and its snapshots, a deregistered image's leftover
    snapshots, a volume, key pairs imported and created, groups with rules, a VPC with subnet, internet
    gateway, route table and Elastic IP, a launch template, tags; in eu-west-1 a VPC and a removed default."""
    client.create_key_pair(KeyName="made", KeyType="ed25519")
    client.create_key_pair(KeyName="made-rsa")
    client.import_key_pair(KeyName="brought", PublicKeyMaterial=PUBLIC_KEY.encode())
    web = client.create_security_group(GroupName="web", Description="web servers")["GroupId"]
    db = client.create_security_group(GroupName="db", Description="databases")["GroupId"]
    client.authorize_security_group_ingress(GroupId=web, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    client.authorize_security_group_ingress(GroupId=db, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "UserIdGroupPairs": [{"GroupId": web}]}])
    client.authorize_security_group_egress(GroupId=db, IpPermissions=[
        {"IpProtocol": "udp", "FromPort": 53, "ToPort": 53, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}])
    reservation = client.run_instances(
        ImageId=image, InstanceType="t3.micro", MinCount=3, MaxCount=3, KeyName="brought",
        SecurityGroupIds=[web], UserData="#!/bin/sh\necho lab\n",
        TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Project", "Value": "lab"}]}])
    instances = [i["InstanceId"] for i in reservation["Instances"]]
    client.stop_instances(InstanceIds=[instances[1]])
    client.terminate_instances(InstanceIds=[instances[2]])
    kept = client.create_image(InstanceId=instances[0], Name="kept-image")["ImageId"]
    dropped = client.create_image(InstanceId=instances[0], Name="dropped-image")["ImageId"]
    client.deregister_image(ImageId=dropped)  # its snapshots stay behind
    volume = client.create_volume(AvailabilityZone="us-east-1b", Size=20, VolumeType="gp3", TagSpecifications=[
        {"ResourceType": "volume", "Tags": [{"Key": "Name", "Value": "scratch"}]}])["VolumeId"]
    vpc = client.create_vpc(CidrBlock="10.1.0.0/16")["Vpc"]["VpcId"]
    subnet = client.create_subnet(VpcId=vpc, CidrBlock="10.1.1.0/24", AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
    gateway = client.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    client.attach_internet_gateway(InternetGatewayId=gateway, VpcId=vpc)
    table = client.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    client.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0", GatewayId=gateway)
    client.associate_route_table(RouteTableId=table, SubnetId=subnet)
    inside = client.run_instances(ImageId=image, InstanceType="t3.small", MinCount=1, MaxCount=1,
                                  SubnetId=subnet)["Instances"][0]["InstanceId"]
    allocation = client.allocate_address(Domain="vpc")["AllocationId"]
    client.associate_address(AllocationId=allocation, InstanceId=inside)
    client.allocate_address(Domain="vpc")  # idle
    client.create_launch_template(LaunchTemplateName="lab-template", LaunchTemplateData={
        "ImageId": image, "InstanceType": "t3.nano", "KeyName": "made",
        "NetworkInterfaces": [{"DeviceIndex": 0, "SubnetId": subnet, "Groups": [web]}]})
    client.create_tags(Resources=[vpc, subnet, web, kept], Tags=[{"Key": "Project", "Value": "lab"}])
    default_vpc = eu.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
    eu_gateway = eu.describe_internet_gateways(Filters=[
        {"Name": "attachment.vpc-id", "Values": [default_vpc]}])["InternetGateways"][0]["InternetGatewayId"]
    eu.detach_internet_gateway(InternetGatewayId=eu_gateway, VpcId=default_vpc)
    eu.delete_internet_gateway(InternetGatewayId=eu_gateway)
    eu.create_vpc(CidrBlock="10.3.0.0/16")
    return {"instances": instances + [inside], "image": kept, "volume": volume, "vpc": vpc, "subnet": subnet}


class StateRoundTripTest(ServerTestCase):
    reset_between_tests = True

    def test_export_reset_import_answers_every_describe_as_before(self):
        client = self.server.client(access_key=ALICE)
        eu = self.server.client(access_key=ALICE, region="eu-west-1")
        lab = build_rich_state(client, eu, amazon_image(client))
        before = describe_all(client) + describe_all(eu)

        status, document = export(self.server)
        self.assertEqual(status, 200, document)
        self.assertEqual(document["Version"], 1)
        self.assertEqual(document["Account"], ALICE)
        self.assertEqual(sorted(document["Regions"]), ["eu-west-1", "us-east-1"])
        east = document["Regions"]["us-east-1"]
        self.assertEqual(sorted(i["InstanceId"] for i in east["Instances"]), sorted(lab["instances"]))
        self.assertEqual(sorted(k["KeyName"] for k in east["KeyPairs"]), ["brought", "made", "made-rsa"])
        brought = next(k for k in east["KeyPairs"] if k["KeyName"] == "brought")
        self.assertEqual(brought["PublicKey"], PUBLIC_KEY)
        for key in east["KeyPairs"]:  # public key material only, never a private key
            self.assertEqual(sorted(key), ["CreateTime", "Fingerprint", "KeyName", "KeyPairId", "KeyType",
                                           "PublicKey", "Tags"])
        self.assertEqual(len(east["Images"]), 2)  # the deregistered one is kept as AWS shows it (a tombstone)
        scratch = next(v for v in east["Volumes"] if v["VolumeId"] == lab["volume"])
        self.assertEqual((scratch["Tags"], scratch["SizeGib"], scratch["AvailabilityZone"]),
                         ({"Name": "scratch"}, 20, "us-east-1b"))
        self.assertEqual(document["Regions"]["eu-west-1"]["RemovedDefaults"][0]["Type"], "internet-gateway")

        self.server.reset(ALICE)
        self.assertNotEqual(describe_all(client) + describe_all(eu), before)
        status, answer = import_document(self.server, document)
        self.assertEqual(status, 200, answer)
        self.assertEqual(answer["imported"], ALICE)
        self.assertEqual(answer["resources"],
                         sum(len(items) for region in document["Regions"].values() for items in region.values()))
        self.assertEqual(describe_all(client) + describe_all(eu), before)
        user_data = client.describe_instance_attribute(InstanceId=lab["instances"][0], Attribute="userData")
        self.assertEqual(base64.b64decode(user_data["UserData"]["Value"]), b"#!/bin/sh\necho lab\n")
        # A second export is the same document; what was imported keeps working (ids stay free).
        self.assertEqual(export(self.server), (200, document))
        client.start_instances(InstanceIds=[lab["instances"][1]])
        made = client.run_instances(ImageId=lab["image"], InstanceType="t3.micro", MinCount=1, MaxCount=1,
                                    SubnetId=lab["subnet"])["Instances"][0]["InstanceId"]
        self.assertNotIn(made, lab["instances"])

    def test_a_region_alone_and_an_untouched_account(self):
        client = self.server.client(access_key=ALICE)
        client.create_key_pair(KeyName="only", KeyType="ed25519")
        status, document = export(self.server, f"?account={ALICE}&region=eu-west-1")
        self.assertEqual((status, document), (200, {"Version": 1, "Account": ALICE, "Regions": {}}))
        status, document = export(self.server, f"?account={BOB}")
        self.assertEqual((status, document), (200, {"Version": 1, "Account": BOB, "Regions": {}}))
        # Importing an empty document empties the account.
        self.assertEqual(import_document(self.server, {"Version": 1, "Account": ALICE, "Regions": {}})[0], 200)
        self.assertEqual(client.describe_key_pairs()["KeyPairs"], [])

    def test_the_document_names_the_account_when_the_query_does_not(self):
        client = self.server.client(access_key=BOB)
        client.create_key_pair(KeyName="bobs", KeyType="ed25519")
        status, document = export(self.server, f"?account={BOB}")
        client.delete_key_pair(KeyName="bobs")
        status, answer = import_document(self.server, document, query="")
        self.assertEqual((status, answer["imported"]), (200, BOB), answer)
        self.assertEqual([k["KeyName"] for k in client.describe_key_pairs()["KeyPairs"]], ["bobs"])


class StateClockTest(ServerTestCase):
    server_args = ("--transition-delay", "6")

    def test_a_pending_instance_comes_back_in_the_state_its_launch_time_gives(self):
        client = self.server.client(access_key=ALICE)
        instance = client.run_instances(ImageId=amazon_image(client), InstanceType="t3.micro", MinCount=1,
                                        MaxCount=1)["Instances"][0]
        launched = time.time()
        status, document = export(self.server)
        self.assertEqual(status, 200)
        exported = document["Regions"]["us-east-1"]["Instances"][0]
        self.assertEqual(exported["State"], "pending")
        self.assertEqual(exported["LaunchTime"], instance["LaunchTime"].strftime("%Y-%m-%dT%H:%M:%S.") +
                         f"{instance['LaunchTime'].microsecond // 1000:03d}Z")
        self.server.reset(ALICE)
        self.assertEqual(import_document(self.server, document)[0], 200)
        described = client.describe_instances()["Reservations"][0]["Instances"][0]
        self.assertLess(time.time() - launched, 5, "the machine is too slow for this test's 6 s delay")
        self.assertEqual(described["State"]["Name"], "pending")  # still within its 6 s
        self.assertEqual(described["LaunchTime"], instance["LaunchTime"])
        time.sleep(max(0.0, launched + 6.5 - time.time()))
        self.server.reset(ALICE)
        self.assertEqual(import_document(self.server, document)[0], 200)
        described = client.describe_instances()["Reservations"][0]["Instances"][0]
        self.assertEqual(described["State"]["Name"], "running")  # settled by the clock, as it would have
        self.assertEqual(described["LaunchTime"], instance["LaunchTime"])


class StateRefusalTest(ServerTestCase):
    # A small body limit, so an oversized document is refused before it is read (413).
    server_args = ("--max-body-bytes", "65536")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        client = cls.server.client(access_key=ALICE)
        client.create_key_pair(KeyName="kept", KeyType="ed25519")
        cls.instance = client.run_instances(ImageId=amazon_image(client), InstanceType="t3.micro", MinCount=1,
                                            MaxCount=1)["Instances"][0]["InstanceId"]
        cls.volume = client.create_volume(AvailabilityZone="us-east-1a", Size=8)["VolumeId"]
        status, cls.document = export(cls.server)
        assert status == 200, cls.document
        cls.before = describe_all(client)

    def refused(self, document, status, message, query=f"?account={ALICE}"):
        got, answer = import_document(self.server, document, query)
        self.assertEqual((got, answer), (status, {"error": message}))
        self.assertEqual(describe_all(self.server.client(access_key=ALICE)), self.before)

    def edited(self, edit):
        document = copy.deepcopy(self.document)
        edit(document, document["Regions"]["us-east-1"])
        return document

    def test_a_body_that_is_not_json(self):
        self.refused(b"{not json", 400, "The body is not JSON; it must be a state document.")

    def test_the_top_level(self):
        self.refused([1], 400, "(document): must be a JSON object")
        self.refused(self.edited(lambda d, r: d.update(Version=2)), 400,
                     "Version: 2 is not a version this localec2 reads (1)")
        self.refused(self.edited(lambda d, r: d.pop("Version")), 400, "Version: missing; this localec2 reads version 1")
        self.refused(self.edited(lambda d, r: d.update(Comment="lab 1")), 400,
                     "Comment: unknown member; a state document has Version, Account and Regions")
        self.refused(self.edited(lambda d, r: d.update(Account=BOB)), 400,
                     f"Account: {BOB} is not the account imported into ({ALICE})")
        self.refused(self.edited(lambda d, r: d.update(Account="12")), 400, 'Account: "12" is not an account id (12 digits)', query="")
        self.refused(self.edited(lambda d, r: d.update(Regions=[])), 400, "Regions: must be an object of regions")
        self.refused(self.edited(lambda d, r: d["Regions"].update({"mars-1": {}})), 400,
                     "Regions.mars-1: not a region localec2 knows")
        self.refused(self.edited(lambda d, r: r.update(Buckets=[])), 400,
                     "Regions.us-east-1.Buckets: unknown member; not a resource list")

    def test_records_with_unknown_or_mistyped_members(self):
        self.refused(self.edited(lambda d, r: r["Instances"][0].update(Color="blue")), 400,
                     "Regions.us-east-1.Instances[0].Color: unknown member")
        self.refused(self.edited(lambda d, r: r["Instances"][0].update(instanceType="t3.nano")), 400,
                     "Regions.us-east-1.Instances[0].instanceType: unknown member")
        self.refused(self.edited(lambda d, r: r["Instances"][0]["Volumes"][0].update(Iops=3000)), 400,
                     "Regions.us-east-1.Instances[0].Volumes[0].Iops: unknown member")
        self.refused(self.edited(lambda d, r: r["Instances"][0].update(LaunchTime="yesterday")), 400,
                     'Regions.us-east-1.Instances[0].LaunchTime: "yesterday" is not a time such as '
                     '2026-01-02T03:04:05.000Z (or null)')
        self.refused(self.edited(lambda d, r: r["Instances"][0].update(AmiLaunchIndex="0")), 400,
                     "Regions.us-east-1.Instances[0].AmiLaunchIndex: type must be number, but is string")
        self.refused(self.edited(lambda d, r: r["Volumes"][0].update(SizeGib=8.5)), 400,
                     "Regions.us-east-1.Volumes[0].SizeGib: 8.5 is not a valid value")
        self.refused(self.edited(lambda d, r: r["KeyPairs"].append(7)), 400,
                     "Regions.us-east-1.KeyPairs[1]: must be an object")

    def test_a_deeply_nested_document(self):
        deep = "[" * 30000 + "]" * 30000
        self.refused(f'{{"Version":{deep},"Account":"{ALICE}","Regions":{{}}}}'.encode(), 400,
                     "Version: [...] is not a version this localec2 reads (1)")
        record = f'{{"KeyPairId":"key-00000000000000001","Tags":{deep}}}'
        self.refused(f'{{"Version":1,"Account":"{ALICE}","Regions":{{"us-east-1":{{"KeyPairs":[{record}]}}}}}}'.encode(),
                     400, "Regions.us-east-1.KeyPairs[0]: nested deeper than 16 levels")

    def test_bad_and_repeated_ids(self):
        self.refused(self.edited(lambda d, r: r["Instances"][0].update(InstanceId="i-xyz")), 400,
                     'Regions.us-east-1.Instances[0].InstanceId: "i-xyz" is not an id of the form i-xxxxxxxx '
                     '(8 or 17 lower-case hex digits)')
        self.refused(self.edited(lambda d, r: r["KeyPairs"].append(dict(r["KeyPairs"][0], KeyName="twin"))), 400,
                     f"Regions.us-east-1.KeyPairs[1].KeyPairId: {self.document['Regions']['us-east-1']['KeyPairs'][0]['KeyPairId']}"
                     " is already the id of Regions.us-east-1.KeyPairs[0]")
        self.refused(self.edited(lambda d, r: r["Volumes"][0].update(AvailabilityZone="eu-west-1a")), 400,
                     "Regions.us-east-1.Volumes[0].AvailabilityZone: eu-west-1a is not an Availability Zone of us-east-1")
        self.refused(self.edited(lambda d, r: r["Instances"][0].update(OwnerId=BOB)), 400,
                     f"Regions.us-east-1.Instances[0].OwnerId: {BOB} is not the document's Account {ALICE}")

    def test_dangling_references(self):
        missing_ami = "ami-0123456789abcdef0"
        self.refused(self.edited(lambda d, r: r["Instances"][0].update(ImageId=missing_ami)), 400,
                     f"Regions.us-east-1.Instances[0].ImageId: {missing_ami} does not exist in the document or the catalog")
        self.refused(self.edited(lambda d, r: r.pop("Volumes")), 400,
                     f"Regions.us-east-1.Instances[0].Volumes[0].VolumeId: "
                     f"{self.document['Regions']['us-east-1']['Instances'][0]['Volumes'][0]['VolumeId']} "
                     "does not exist in the document")
        self.refused(self.edited(lambda d, r: r["Instances"][0].update(GroupIds=["sg-0123456789abcdef0"])), 400,
                     "Regions.us-east-1.Instances[0].GroupIds[0]: sg-0123456789abcdef0 does not exist in the document")
        self.refused(self.edited(lambda d, r: r.pop("Instances")), 400,
                     f"Regions.us-east-1.NetworkInterfaces[0].Attachment.InstanceId: {self.instance} does not "
                     "exist in the document")
        volumes = self.document["Regions"]["us-east-1"]["Volumes"]
        root = next(i for i, v in enumerate(volumes) if v["InstanceId"] == self.instance)
        self.refused(self.edited(lambda d, r: r.update(Instances=[], NetworkInterfaces=[])), 400,
                     f"Regions.us-east-1.Volumes[{root}].InstanceId: {self.instance} does not exist in the document")

    def test_an_oversized_body_a_wrong_method_and_a_bad_query(self):
        status, text = self.server.raw(b'{"Version":1,"Pad":"' + b"x" * 70000 + b'"}', path="/_localec2/state",
                                       headers={"Content-Type": "application/json"})
        self.assertEqual((status, error_code(text)), (413, "RequestEntityTooLarge"))
        status, text = self.server.raw(method="PUT", path=f"/_localec2/state?account={ALICE}")
        self.assertEqual((status, json.loads(text)), (405, {"error": "Use GET to export the state, POST to import it."}))
        status, text = self.server.raw(method="DELETE", path="/_localec2/state")
        self.assertEqual(status, 405)
        self.assertEqual(export(self.server, "?acount=1"), (400, {
            "error": "The parameter acount is not recognized; an export takes account and region."}))
        self.assertEqual(export(self.server, "?region=mars-1"), (400, {
            "error": "Value (mars-1) for parameter region is invalid: not a region localec2 knows."}))
        self.assertEqual(export(self.server, "?account=12"), (400, {
            "error": "Value (12) for parameter account is invalid: 12 digits."}))
        self.refused(self.document, 400, "The parameter region is not recognized; an import takes account.",
                     query=f"?account={ALICE}&region=us-east-1")
        self.assertEqual(describe_all(self.server.client(access_key=ALICE)), self.before)


KEYS = [{"AccessKeyId": "AKIAALICE0000000001", "SecretAccessKey": "alice-secret", "AccountId": ALICE},
        {"AccessKeyId": "AKIABOB00000000000001", "SecretAccessKey": "bob-secret", "AccountId": BOB}]


class StrictStateTest(StrictServerTestCase):
    keys = KEYS

    def signed(self, index, method, path, body=b""):
        from botocore.auth import SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials
        request = AWSRequest(method=method, url=f"{self.server.endpoint}{path}", data=body)
        key = KEYS[index]
        SigV4Auth(Credentials(key["AccessKeyId"], key["SecretAccessKey"]), "ec2", "us-east-1").add_auth(request)
        return self.server.raw(body, method=method, path=path, headers=dict(request.headers.items()))

    def test_a_signed_request_exports_and_imports_only_its_own_account(self):
        alice = self.server.client(access_key=KEYS[0]["AccessKeyId"], secret_key=KEYS[0]["SecretAccessKey"])
        alice.create_key_pair(KeyName="alice-1", KeyType="ed25519")
        status, body = self.server.raw(method="GET", path="/_localec2/state")  # unsigned
        self.assertEqual((status, error_code(body)), (401, "MissingAuthenticationToken"))
        status, body = self.signed(1, "GET", f"/_localec2/state?account={ALICE}")
        self.assertEqual((status, json.loads(body)), (403, {
            "error": f"A signed request exports and imports only its own account ({BOB})."}))
        status, body = self.signed(0, "GET", "/_localec2/state")
        self.assertEqual(status, 200, body)
        document = json.loads(body)
        self.assertEqual([k["KeyName"] for k in document["Regions"]["us-east-1"]["KeyPairs"]], ["alice-1"])
        # Bob cannot load Alice's document into Alice's account, nor into his own (it names Alice).
        status, body = self.signed(1, "POST", "/_localec2/state", json.dumps(document).encode())
        self.assertEqual((status, json.loads(body)), (400, {
            "error": f"Account: {ALICE} is not the account imported into ({BOB})"}))
        alice.delete_key_pair(KeyName="alice-1")
        status, body = self.signed(0, "POST", "/_localec2/state", json.dumps(document).encode())
        self.assertEqual(status, 200, body)
        self.assertEqual([k["KeyName"] for k in alice.describe_key_pairs()["KeyPairs"]], ["alice-1"])


if __name__ == "__main__":
    unittest.main()
