"""End to end: the networking walkthrough of the README, as a user would drive it — a VPC with two subnets
in two zones, an internet gateway, a route table sending 0.0.0.0/0 to it for one subnet, an instance in each
subnet (a public address only where the subnet maps one), an Elastic IP moved from one instance to the
other, a second interface attached and detached — with a restart halfway, then a teardown in the order
Terraform destroys, where every premature delete answers DependencyViolation (or AWS's code for it) and
nothing is left behind. The AWS CLI builds the network, boto3 drives the rest."""
import ipaddress
import unittest

from harness import LocalEc2, error_of

WAIT = {"Delay": 1, "MaxAttempts": 30}


class NetworkWalkthrough(unittest.TestCase):
    def test_vpc_to_teardown_with_a_restart_halfway(self):
        with LocalEc2() as server:
            cli = server.cli
            # ---- The network, through the AWS CLI ----
            _, out = cli("create-vpc", "--cidr-block", "10.0.0.0/16", "--tag-specifications",
                         "ResourceType=vpc,Tags=[{Key=Name,Value=lab}]")
            vpc = out["Vpc"]["VpcId"]
            _, out = cli("create-subnet", "--vpc-id", vpc, "--cidr-block", "10.0.1.0/24",
                         "--availability-zone", "us-east-1a")
            public_subnet = out["Subnet"]["SubnetId"]
            _, out = cli("create-subnet", "--vpc-id", vpc, "--cidr-block", "10.0.2.0/24",
                         "--availability-zone", "us-east-1b")
            private_subnet = out["Subnet"]["SubnetId"]
            cli("modify-subnet-attribute", "--subnet-id", public_subnet, "--map-public-ip-on-launch")
            _, out = cli("create-internet-gateway")
            igw = out["InternetGateway"]["InternetGatewayId"]
            cli("attach-internet-gateway", "--internet-gateway-id", igw, "--vpc-id", vpc)
            _, out = cli("create-route-table", "--vpc-id", vpc)
            table = out["RouteTable"]["RouteTableId"]
            cli("create-route", "--route-table-id", table, "--destination-cidr-block", "0.0.0.0/0",
                "--gateway-id", igw)
            _, out = cli("associate-route-table", "--route-table-id", table, "--subnet-id", public_subnet)
            association = out["AssociationId"]

            ec2 = server.client()
            routes = ec2.describe_route_tables(RouteTableIds=[table])["RouteTables"][0]["Routes"]
            self.assertEqual(sorted((r["DestinationCidrBlock"], r["GatewayId"], r["State"]) for r in routes),
                             [("0.0.0.0/0", igw, "active"), ("10.0.0.0/16", "local", "active")])
            # ---- An instance in each subnet ----
            image = ec2.describe_images(Owners=["amazon"], Filters=[
                {"Name": "name", "Values": ["al2023-ami-2023.9.20251117.1-kernel-6.1-x86_64"]}])["Images"][0]["ImageId"]
            web = ec2.run_instances(ImageId=image, InstanceType="t3.micro", MinCount=1, MaxCount=1,
                                    SubnetId=public_subnet)["Instances"][0]
            db = ec2.run_instances(ImageId=image, InstanceType="t3.micro", MinCount=1, MaxCount=1,
                                   SubnetId=private_subnet)["Instances"][0]
            self.assertIn(ipaddress.ip_address(web["PrivateIpAddress"]), ipaddress.ip_network("10.0.1.0/24"))
            self.assertIn(ipaddress.ip_address(db["PrivateIpAddress"]), ipaddress.ip_network("10.0.2.0/24"))
            self.assertIn("PublicIpAddress", web)  # the subnet maps public addresses
            self.assertNotIn("PublicIpAddress", db)  # this one does not, and the launch did not ask
            default_group = ec2.describe_security_groups(Filters=[
                {"Name": "vpc-id", "Values": [vpc]}, {"Name": "group-name", "Values": ["default"]}])["SecurityGroups"][0]
            self.assertEqual([g["GroupId"] for g in db["SecurityGroups"]], [default_group["GroupId"]])
            ec2.get_waiter("instance_running").wait(InstanceIds=[web["InstanceId"], db["InstanceId"]], WaiterConfig=WAIT)
            # ---- An Elastic IP on web ----
            eip = ec2.allocate_address(Domain="vpc")
            ec2.associate_address(AllocationId=eip["AllocationId"], InstanceId=web["InstanceId"])
            described = ec2.describe_instances(InstanceIds=[web["InstanceId"]])["Reservations"][0]["Instances"][0]
            self.assertEqual(described["PublicIpAddress"], eip["PublicIp"])

            # ---- A restart halfway ----
            server.restart()
            ec2 = server.client()
            address = ec2.describe_addresses(AllocationIds=[eip["AllocationId"]])["Addresses"][0]
            self.assertEqual((address["InstanceId"], address["PublicIp"]), (web["InstanceId"], eip["PublicIp"]))
            self.assertEqual(len(ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"]), 2)

            # ---- The Elastic IP moves to db ----
            self.assertEqual(error_of(ec2.associate_address, AllocationId=eip["AllocationId"], InstanceId=db["InstanceId"],
                                      AllowReassociation=False)[0], "Resource.AlreadyAssociated")
            ec2.associate_address(AllocationId=eip["AllocationId"], InstanceId=db["InstanceId"], AllowReassociation=True)
            db_now = ec2.describe_instances(InstanceIds=[db["InstanceId"]])["Reservations"][0]["Instances"][0]
            web_now = ec2.describe_instances(InstanceIds=[web["InstanceId"]])["Reservations"][0]["Instances"][0]
            self.assertEqual(db_now["PublicIpAddress"], eip["PublicIp"])
            self.assertNotEqual(web_now.get("PublicIpAddress"), eip["PublicIp"])
            # ---- A second interface on db, attached then detached ----
            eni = ec2.create_network_interface(SubnetId=private_subnet, Description="data")["NetworkInterface"]
            attachment = ec2.attach_network_interface(NetworkInterfaceId=eni["NetworkInterfaceId"],
                                                      InstanceId=db["InstanceId"], DeviceIndex=1)["AttachmentId"]
            db_now = ec2.describe_instances(InstanceIds=[db["InstanceId"]])["Reservations"][0]["Instances"][0]
            self.assertEqual(sorted(i["Attachment"]["DeviceIndex"] for i in db_now["NetworkInterfaces"]), [0, 1])
            self.assertEqual(error_of(ec2.delete_network_interface, NetworkInterfaceId=eni["NetworkInterfaceId"])[0],
                             "InvalidNetworkInterface.InUse")
            ec2.detach_network_interface(AttachmentId=attachment)
            ec2.get_waiter("network_interface_available").wait(NetworkInterfaceIds=[eni["NetworkInterfaceId"]],
                                                               WaiterConfig=WAIT)

            # ---- Teardown, in Terraform's destroy order; each premature delete is refused ----
            self.assertEqual(error_of(ec2.delete_vpc, VpcId=vpc)[0], "DependencyViolation")
            self.assertEqual(error_of(ec2.delete_subnet, SubnetId=private_subnet)[0], "DependencyViolation")
            self.assertEqual(error_of(ec2.delete_internet_gateway, InternetGatewayId=igw)[0], "DependencyViolation")
            self.assertEqual(error_of(ec2.delete_route_table, RouteTableId=table)[0], "DependencyViolation")
            self.assertEqual(error_of(ec2.release_address, AllocationId=eip["AllocationId"])[0], "InvalidIPAddress.InUse")
            ec2.delete_network_interface(NetworkInterfaceId=eni["NetworkInterfaceId"])
            ec2.disassociate_address(AssociationId=ec2.describe_addresses(
                AllocationIds=[eip["AllocationId"]])["Addresses"][0]["AssociationId"])
            ec2.release_address(AllocationId=eip["AllocationId"])
            ec2.terminate_instances(InstanceIds=[web["InstanceId"], db["InstanceId"]])
            ec2.get_waiter("instance_terminated").wait(InstanceIds=[web["InstanceId"], db["InstanceId"]],
                                                       WaiterConfig=WAIT)
            ec2.disassociate_route_table(AssociationId=association)
            ec2.delete_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0")
            ec2.delete_route_table(RouteTableId=table)
            ec2.detach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
            ec2.delete_internet_gateway(InternetGatewayId=igw)
            self.assertEqual(error_of(ec2.delete_vpc, VpcId=vpc)[0], "DependencyViolation")  # subnets remain
            ec2.delete_subnet(SubnetId=public_subnet)
            ec2.delete_subnet(SubnetId=private_subnet)
            ec2.delete_vpc(VpcId=vpc)

            # ---- Nothing left behind, also after another restart ----
            server.restart()
            ec2 = server.client()
            self.assertEqual(error_of(ec2.describe_vpcs, VpcIds=[vpc])[0], "InvalidVpcID.NotFound")
            self.assertEqual([v["IsDefault"] for v in ec2.describe_vpcs()["Vpcs"]], [True])
            self.assertEqual(ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"], [])
            self.assertEqual(ec2.describe_network_interfaces(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["NetworkInterfaces"], [])
            self.assertEqual(ec2.describe_addresses()["Addresses"], [])
            self.assertEqual(ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["RouteTables"], [])
            self.assertEqual(ec2.describe_network_acls(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["NetworkAcls"], [])
            self.assertEqual(ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["SecurityGroups"], [])
            gateways = ec2.describe_internet_gateways()["InternetGateways"]
            self.assertEqual([g["Attachments"][0]["VpcId"] for g in gateways],
                             [v["VpcId"] for v in ec2.describe_vpcs()["Vpcs"]])  # only the default VPC's


if __name__ == "__main__":
    unittest.main()
