"""End to end: internet, egress-only and NAT gateways, route tables and network ACLs through boto3 and the
AWS CLI against the real binary — AWS's error codes, derived blackhole routes, the main association moving,
NAT gateways settling with the clock, refusals by name, and everything back after a restart."""
import unittest

from harness import LocalEc2, ServerTestCase, error_of


def default_network(ec2):
    """(vpc id, subnet ids in id order, the default VPC's internet gateway id)."""
    vpc = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
    subnets = sorted(s["SubnetId"] for s in ec2.describe_subnets()["Subnets"])
    igw = ec2.describe_internet_gateways(
        Filters=[{"Name": "attachment.vpc-id", "Values": [vpc]}])["InternetGateways"][0]["InternetGatewayId"]
    return vpc, subnets, igw


def main_table(ec2):
    return ec2.describe_route_tables(Filters=[{"Name": "association.main", "Values": ["true"]}])["RouteTables"][0]


class Gateways(ServerTestCase):
    reset_between_tests = True

    def test_internet_gateway_attaches_to_one_vpc_and_is_deleted_once_detached(self):
        ec2 = self.server.client()
        vpc, _, default_igw = default_network(ec2)
        igw = ec2.create_internet_gateway(TagSpecifications=[
            {"ResourceType": "internet-gateway", "Tags": [{"Key": "Name", "Value": "edge"}]}])["InternetGateway"]
        self.assertEqual(igw["Attachments"], [])
        self.assertEqual(igw["Tags"], [{"Key": "Name", "Value": "edge"}])
        self.assertEqual(igw["OwnerId"], "000000000000")
        new = igw["InternetGatewayId"]
        self.assertEqual(error_of(ec2.attach_internet_gateway, InternetGatewayId=new, VpcId=vpc),
                         ("InvalidParameterValue", f"Network {vpc} already has an internet gateway attached"))
        self.assertEqual(error_of(ec2.detach_internet_gateway, InternetGatewayId=new, VpcId=vpc)[0],
                         "Gateway.NotAttached")
        self.assertEqual(error_of(ec2.delete_internet_gateway, InternetGatewayId=default_igw)[0],
                         "DependencyViolation")
        self.assertEqual(error_of(ec2.delete_internet_gateway, InternetGatewayId="igw-nope")[0],
                         "InvalidInternetGatewayId.Malformed")
        self.assertEqual(error_of(ec2.create_internet_gateway, DryRun=True)[0], "DryRunOperation")
        ec2.detach_internet_gateway(InternetGatewayId=default_igw, VpcId=vpc)
        ec2.attach_internet_gateway(InternetGatewayId=new, VpcId=vpc)
        self.assertEqual(error_of(ec2.attach_internet_gateway, InternetGatewayId=new, VpcId=vpc),
                         ("Resource.AlreadyAssociated", f"resource {new} is already attached to network {vpc}"))
        attached = ec2.describe_internet_gateways(InternetGatewayIds=[new])["InternetGateways"][0]
        self.assertEqual(attached["Attachments"], [{"State": "available", "VpcId": vpc}])
        detached = ec2.describe_internet_gateways(
            Filters=[{"Name": "tag-key", "Values": ["Name"]}, {"Name": "attachment.state", "Values": ["available"]}])
        self.assertEqual([g["InternetGatewayId"] for g in detached["InternetGateways"]], [new])
        ec2.delete_internet_gateway(InternetGatewayId=default_igw)
        self.assertEqual(error_of(ec2.describe_internet_gateways, InternetGatewayIds=[default_igw])[0],
                         "InvalidInternetGatewayID.NotFound")

    def test_accounts_and_regions_see_only_their_own(self):
        ec2 = self.server.client()
        vpc, _, _ = default_network(ec2)
        igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
        rtb = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
        acl = ec2.create_network_acl(VpcId=vpc)["NetworkAcl"]["NetworkAclId"]
        for other in (self.server.client(access_key="333333333333"), self.server.client(region="eu-west-1")):
            self.assertEqual(error_of(other.attach_internet_gateway, InternetGatewayId=igw,
                                      VpcId=default_network(other)[0])[0], "InvalidInternetGatewayID.NotFound")
            self.assertEqual(error_of(other.delete_route_table, RouteTableId=rtb)[0], "InvalidRouteTableID.NotFound")
            self.assertEqual(error_of(other.describe_network_acls, NetworkAclIds=[acl])[0],
                             "InvalidNetworkAclID.NotFound")
            self.assertEqual(len(other.describe_route_tables()["RouteTables"]), 1)  # its own main table
            self.assertEqual(len(other.describe_internet_gateways()["InternetGateways"]), 1)

    def test_egress_only_gateway_with_client_token(self):
        ec2 = self.server.client()
        vpc, _, _ = default_network(ec2)
        made = ec2.create_egress_only_internet_gateway(VpcId=vpc, ClientToken="abc")
        self.assertEqual(made["ClientToken"], "abc")
        gateway = made["EgressOnlyInternetGateway"]
        self.assertEqual(gateway["Attachments"], [{"State": "attached", "VpcId": vpc}])
        again = ec2.create_egress_only_internet_gateway(VpcId=vpc, ClientToken="abc")["EgressOnlyInternetGateway"]
        self.assertEqual(again["EgressOnlyInternetGatewayId"], gateway["EgressOnlyInternetGatewayId"])
        gid = gateway["EgressOnlyInternetGatewayId"]
        self.assertTrue(ec2.delete_egress_only_internet_gateway(EgressOnlyInternetGatewayId=gid)["ReturnCode"])
        self.assertEqual(ec2.describe_egress_only_internet_gateways()["EgressOnlyInternetGateways"], [])
        self.assertEqual(error_of(ec2.delete_egress_only_internet_gateway, EgressOnlyInternetGatewayId=gid)[0],
                         "InvalidGatewayID.NotFound")

    def test_private_nat_gateway_settles_and_is_deleted(self):
        ec2 = self.server.client()
        vpc, subnets, _ = default_network(ec2)
        nat = ec2.create_nat_gateway(SubnetId=subnets[0], ConnectivityType="private", TagSpecifications=[
            {"ResourceType": "natgateway", "Tags": [{"Key": "Name", "Value": "egress"}]}])["NatGateway"]
        self.assertEqual(nat["State"], "pending")
        self.assertEqual(nat["VpcId"], vpc)
        self.assertEqual(nat["ConnectivityType"], "private")
        address = nat["NatGatewayAddresses"][0]
        self.assertTrue(address["NetworkInterfaceId"].startswith("eni-"))
        self.assertTrue(address["IsPrimary"])
        self.assertNotIn("PublicIp", address)
        nid = nat["NatGatewayId"]
        ec2.get_waiter("nat_gateway_available").wait(NatGatewayIds=[nid], WaiterConfig={"Delay": 1, "MaxAttempts": 5})
        tagged = ec2.describe_nat_gateways(Filter=[{"Name": "tag:Name", "Values": ["egress"]}])["NatGateways"]
        self.assertEqual([(g["NatGatewayId"], g["State"]) for g in tagged], [(nid, "available")])
        self.assertEqual(ec2.delete_nat_gateway(NatGatewayId=nid)["NatGatewayId"], nid)
        ec2.get_waiter("nat_gateway_deleted").wait(NatGatewayIds=[nid], WaiterConfig={"Delay": 1, "MaxAttempts": 5})
        gone = ec2.describe_nat_gateways(NatGatewayIds=[nid])["NatGateways"][0]
        self.assertEqual(gone["State"], "deleted")
        self.assertIn("DeleteTime", gone)

    def test_nat_gateway_refusals(self):
        ec2 = self.server.client()
        _, subnets, _ = default_network(ec2)
        self.assertEqual(error_of(ec2.create_nat_gateway, SubnetId=subnets[0])[0], "MissingParameter")
        self.assertEqual(error_of(ec2.create_nat_gateway, SubnetId=subnets[0], AllocationId="eipalloc-12345678")[0],
                         "InvalidAllocationID.NotFound")
        code, message = error_of(ec2.create_nat_gateway, SubnetId=subnets[0], ConnectivityType="private",
                                 SecondaryPrivateIpAddressCount=2)
        self.assertEqual(code, "InvalidParameterValue")
        self.assertIn("SecondaryPrivateIpAddressCount", message)
        code, message = error_of(ec2.create_nat_gateway, SubnetId=subnets[0], ConnectivityType="private",
                                 AvailabilityMode="regional")
        self.assertEqual((code, "AvailabilityMode (regional)" in message), ("InvalidParameterValue", True))
        self.assertEqual(error_of(ec2.delete_nat_gateway, NatGatewayId="nat-12345678")[0], "NatGatewayNotFound")
        self.assertEqual(ec2.describe_nat_gateways()["NatGateways"], [])


class RouteTables(ServerTestCase):
    reset_between_tests = True

    def test_routes_associations_and_blackholes(self):
        ec2 = self.server.client()
        vpc, subnets, igw = default_network(ec2)
        main = main_table(ec2)
        self.assertEqual([(r["DestinationCidrBlock"], r["State"]) for r in main["Routes"]],
                         [("172.31.0.0/16", "active"), ("0.0.0.0/0", "active")])
        table = ec2.create_route_table(VpcId=vpc)["RouteTable"]
        rtb = table["RouteTableId"]
        self.assertEqual(table["Routes"], [{"DestinationCidrBlock": "172.31.0.0/16", "GatewayId": "local",
                                            "Origin": "CreateRouteTable", "State": "active"}])
        self.assertTrue(ec2.create_route(RouteTableId=rtb, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)["Return"])
        self.assertEqual(error_of(ec2.create_route, RouteTableId=rtb, DestinationCidrBlock="0.0.0.0/0",
                                  GatewayId=igw)[0], "RouteAlreadyExists")
        self.assertEqual(error_of(ec2.delete_route, RouteTableId=rtb, DestinationCidrBlock="172.31.0.0/16")[0],
                         "InvalidParameterValue")
        self.assertEqual(error_of(ec2.delete_route, RouteTableId=rtb, DestinationCidrBlock="10.0.0.0/8")[0],
                         "InvalidRoute.NotFound")
        code, message = error_of(ec2.create_route, RouteTableId=rtb, DestinationCidrBlock="10.0.0.0/8",
                                 VpcPeeringConnectionId="pcx-12345678")
        self.assertEqual(code, "InvalidParameterValue")
        self.assertIn("VpcPeeringConnectionId", message)

        association = ec2.associate_route_table(RouteTableId=rtb, SubnetId=subnets[0])
        self.assertEqual(association["AssociationState"], {"State": "associated"})
        self.assertEqual(error_of(ec2.associate_route_table, RouteTableId=main["RouteTableId"],
                                  SubnetId=subnets[0])[0], "Resource.AlreadyAssociated")
        self.assertEqual(error_of(ec2.delete_route_table, RouteTableId=rtb)[0], "DependencyViolation")
        found = ec2.describe_route_tables(Filters=[{"Name": "association.subnet-id", "Values": [subnets[0]]}])
        self.assertEqual([t["RouteTableId"] for t in found["RouteTables"]], [rtb])

        ec2.detach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
        holes = ec2.describe_route_tables(Filters=[{"Name": "route.state", "Values": ["blackhole"]}])["RouteTables"]
        self.assertEqual(sorted(t["RouteTableId"] for t in holes), sorted([rtb, main["RouteTableId"]]))
        self.assertEqual(error_of(ec2.create_route, RouteTableId=rtb, DestinationCidrBlock="10.0.0.0/8",
                                  GatewayId=igw)[0], "InvalidParameterValue")

        main_association = main["Associations"][0]["RouteTableAssociationId"]
        self.assertEqual(error_of(ec2.disassociate_route_table, AssociationId=main_association)[0],
                         "InvalidParameterValue")
        self.assertEqual(error_of(ec2.delete_route_table, RouteTableId=main["RouteTableId"])[0],
                         "DependencyViolation")
        moved = ec2.replace_route_table_association(AssociationId=main_association, RouteTableId=rtb)
        self.assertNotEqual(moved["NewAssociationId"], main_association)
        self.assertEqual(main_table(ec2)["RouteTableId"], rtb)
        ec2.disassociate_route_table(AssociationId=association["AssociationId"])
        ec2.delete_route_table(RouteTableId=main["RouteTableId"])
        self.assertEqual(error_of(ec2.describe_route_tables, RouteTableIds=[main["RouteTableId"]])[0],
                         "InvalidRouteTableID.NotFound")

    def test_route_to_an_instance_is_a_blackhole_once_it_is_terminated(self):
        ec2 = self.server.client()
        vpc, subnets, _ = default_network(ec2)
        image = ec2.describe_images(Owners=["amazon"], Filters=[
            {"Name": "name", "Values": ["al2023-ami-*"]}, {"Name": "architecture", "Values": ["x86_64"]}])
        iid = ec2.run_instances(ImageId=image["Images"][0]["ImageId"], InstanceType="t3.micro", MinCount=1,
                                MaxCount=1)["Instances"][0]["InstanceId"]
        rtb = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
        ec2.create_route(RouteTableId=rtb, DestinationCidrBlock="10.8.0.0/16", InstanceId=iid)
        route = ec2.describe_route_tables(RouteTableIds=[rtb])["RouteTables"][0]["Routes"][1]
        self.assertEqual(route["InstanceId"], iid)
        self.assertEqual(route["InstanceOwnerId"], "000000000000")
        if "NetworkInterfaceId" in route:  # once instances keep their interfaces as records
            self.assertTrue(route["NetworkInterfaceId"].startswith("eni-"))
        self.assertEqual(route["State"], "active")
        ec2.terminate_instances(InstanceIds=[iid])
        ec2.get_waiter("instance_terminated").wait(InstanceIds=[iid], WaiterConfig={"Delay": 1, "MaxAttempts": 5})
        route = ec2.describe_route_tables(RouteTableIds=[rtb])["RouteTables"][0]["Routes"][1]
        self.assertEqual(route["State"], "blackhole")

    def test_paginator_walks_every_route_table(self):
        ec2 = self.server.client()
        vpc, _, _ = default_network(ec2)
        made = {ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"] for _ in range(7)}
        pages = list(ec2.get_paginator("describe_route_tables").paginate(PaginationConfig={"PageSize": 5}))
        self.assertEqual([len(p["RouteTables"]) for p in pages], [5, 3])
        seen = {t["RouteTableId"] for p in pages for t in p["RouteTables"]}
        self.assertEqual(seen, made | {main_table(ec2)["RouteTableId"]})


class NetworkAcls(ServerTestCase):
    reset_between_tests = True

    def test_acl_entries_and_associations_through_the_cli(self):
        vpc, _, _ = default_network(self.server.client())
        _, made = self.server.cli("create-network-acl", "--vpc-id", vpc)
        acl = made["NetworkAcl"]["NetworkAclId"]
        self.assertEqual([(e["RuleNumber"], e["RuleAction"]) for e in made["NetworkAcl"]["Entries"]],
                         [(32767, "deny"), (32767, "deny")])
        self.server.cli("create-network-acl-entry", "--network-acl-id", acl, "--ingress", "--rule-number", "100",
                        "--protocol", "tcp", "--port-range", "From=443,To=443", "--cidr-block", "0.0.0.0/0",
                        "--rule-action", "allow")
        code, stderr = self.server.cli("create-network-acl-entry", "--network-acl-id", acl, "--ingress",
                                       "--rule-number", "100", "--protocol", "-1", "--cidr-block", "0.0.0.0/0",
                                       "--rule-action", "deny", check=False)
        self.assertNotEqual(code, 0)
        self.assertIn("NetworkAclEntryAlreadyExists", stderr)
        _, described = self.server.cli("describe-network-acls", "--network-acl-ids", acl)
        entry = described["NetworkAcls"][0]["Entries"][0]
        self.assertEqual((entry["RuleNumber"], entry["Protocol"], entry["PortRange"], entry["Egress"]),
                         (100, "6", {"From": 443, "To": 443}, False))

        ec2 = self.server.client()
        default = ec2.describe_network_acls(Filters=[{"Name": "default", "Values": ["true"]}])["NetworkAcls"][0]
        self.assertEqual(error_of(ec2.delete_network_acl, NetworkAclId=default["NetworkAclId"])[0],
                         "InvalidParameterValue")
        first = default["Associations"][0]
        new_association = ec2.replace_network_acl_association(AssociationId=first["NetworkAclAssociationId"],
                                                              NetworkAclId=acl)["NewAssociationId"]
        self.assertTrue(new_association.startswith("aclassoc-"))
        moved = ec2.describe_network_acls(Filters=[{"Name": "association.subnet-id", "Values": [first["SubnetId"]]}])
        self.assertEqual([a["NetworkAclId"] for a in moved["NetworkAcls"]], [acl])
        self.assertEqual(error_of(ec2.delete_network_acl, NetworkAclId=acl)[0], "DependencyViolation")
        self.assertEqual(error_of(ec2.delete_network_acl_entry, NetworkAclId=acl, RuleNumber=200, Egress=False)[0],
                         "InvalidNetworkAclEntry.NotFound")
        code, message = error_of(ec2.create_network_acl_entry, NetworkAclId=acl, RuleNumber=110, Protocol="-1",
                                 RuleAction="allow", Egress=True, Ipv6CidrBlock="::/0")
        self.assertEqual(code, "InvalidParameterValue")
        self.assertIn("Ipv6CidrBlock", message)
        self.assertEqual(error_of(ec2.create_network_acl_entry, NetworkAclId=acl, RuleNumber=0, Protocol="-1",
                                  RuleAction="allow", Egress=True, CidrBlock="0.0.0.0/0")[0], "InvalidParameterValue")
        self.assertEqual(error_of(ec2.describe_network_acls, NetworkAclIds=["acl-bad"])[0],
                         "InvalidNetworkAclId.Malformed")


class Persistence(unittest.TestCase):
    def test_gateways_tables_and_acls_survive_a_restart(self):
        with LocalEc2() as server:
            ec2 = server.client(region="eu-west-1")
            vpc, subnets, igw = default_network(ec2)
            new_igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
            nat = ec2.create_nat_gateway(SubnetId=subnets[0], ConnectivityType="private")["NatGateway"]["NatGatewayId"]
            rtb = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
            ec2.create_route(RouteTableId=rtb, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=nat)
            ec2.associate_route_table(RouteTableId=rtb, SubnetId=subnets[1])
            acl = ec2.create_network_acl(VpcId=vpc)["NetworkAcl"]["NetworkAclId"]
            ec2.create_network_acl_entry(NetworkAclId=acl, RuleNumber=100, Protocol="udp", RuleAction="allow",
                                         Egress=True, CidrBlock="10.0.0.0/8", PortRange={"From": 53, "To": 53})
            ec2.detach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)

            def snapshot():
                return (ec2.describe_internet_gateways()["InternetGateways"],
                        ec2.describe_nat_gateways()["NatGateways"],
                        ec2.describe_route_tables()["RouteTables"],
                        ec2.describe_network_acls()["NetworkAcls"])
            before = snapshot()
            server.restart()
            ec2 = server.client(region="eu-west-1")
            after = snapshot()
            self.assertEqual(after, before)
            self.assertIn(new_igw, [g["InternetGatewayId"] for g in after[0]])
            self.assertEqual(after[2][[t["RouteTableId"] for t in after[2]].index(rtb)]["Routes"][1]["NatGatewayId"],
                             nat)


if __name__ == "__main__":
    unittest.main()
