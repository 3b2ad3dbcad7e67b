"""End to end: persistence against the real binary — state survives a restart, --in-memory keeps nothing
on disk or across restarts, and a data directory that cannot be created is a clear start-up error."""
import os
import subprocess
import tempfile
import unittest

from harness import LocalEc2, error_of


class Persistence(unittest.TestCase):
    def test_state_survives_a_restart_and_in_memory_mode_keeps_nothing(self):
        with LocalEc2() as server:
            ec2 = server.client(region="ap-southeast-2")
            key_id = ec2.create_key_pair(KeyName="lab", KeyType="ed25519")["KeyPairId"]
            sg = ec2.create_security_group(GroupName="web", Description="web")["GroupId"]
            ec2.authorize_security_group_ingress(GroupId=sg, IpProtocol="tcp", FromPort=443, ToPort=443,
                                                 CidrIp="0.0.0.0/0")
            ec2.create_tags(Resources=[sg], Tags=[{"Key": "Name", "Value": "web"}])
            before = ec2.describe_security_groups(GroupIds=[sg])["SecurityGroups"]
            server.restart()
            self.assertIn("2 resources loaded", server.output())
            ec2 = server.client(region="ap-southeast-2")
            self.assertEqual(ec2.describe_security_groups(GroupIds=[sg])["SecurityGroups"], before)
            self.assertEqual(ec2.describe_key_pairs()["KeyPairs"][0]["KeyPairId"], key_id)
        with LocalEc2("--in-memory") as server:
            server.client().create_security_group(GroupName="web", Description="web")
            self.assertFalse(os.path.exists(os.path.join(server.data_dir, "localec2.db")))
            server.restart()
            self.assertEqual(len(server.client().describe_security_groups()["SecurityGroups"]), 1)

    def test_an_unwritable_data_dir_is_a_clear_start_up_error(self):
        from harness import BIN
        with tempfile.TemporaryDirectory() as tmp:
            blocker = os.path.join(tmp, "file")
            open(blocker, "w").close()
            proc = subprocess.run([BIN, "--port", "0", "--data-dir", os.path.join(blocker, "sub")],
                                  capture_output=True, text=True, timeout=10)
        self.assertEqual(proc.returncode, 1)
        self.assertIn("cannot create data directory", proc.stderr)


    def test_removing_a_default_resource_survives_a_restart(self):
        # localec2 derives each region's default network at every start; removing part of it must stick.
        with LocalEc2() as server:
            ec2 = server.client(region="eu-west-1")
            vpc = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
            igw = ec2.describe_internet_gateways()["InternetGateways"][0]["InternetGatewayId"]
            ec2.detach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
            ec2.delete_internet_gateway(InternetGatewayId=igw)
            main = ec2.describe_route_tables(Filters=[{"Name": "association.main", "Values": ["true"]}])["RouteTables"][0]
            replacement = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
            ec2.replace_route_table_association(AssociationId=main["Associations"][0]["RouteTableAssociationId"],
                                                RouteTableId=replacement)
            ec2.delete_route_table(RouteTableId=main["RouteTableId"])
            server.restart()
            ec2 = server.client(region="eu-west-1")
            self.assertEqual(ec2.describe_internet_gateways()["InternetGateways"], [])
            tables = ec2.describe_route_tables()["RouteTables"]
            self.assertEqual([t["RouteTableId"] for t in tables], [replacement])
            self.assertTrue(tables[0]["Associations"][0]["Main"])
            self.assertEqual(error_of(ec2.describe_route_tables, RouteTableIds=[main["RouteTableId"]])[0],
                             "InvalidRouteTableID.NotFound")


if __name__ == "__main__":
    unittest.main()
