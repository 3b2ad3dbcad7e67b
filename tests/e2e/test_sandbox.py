"""--instances=sandbox: instances really run (runtime/, lec2-init). User data runs once, SSH works with the launch
key only and only while a security group allows tcp/22 from 127.0.0.1, stop/start keeps the root volume, the
instance cannot see or reach the host, and nothing outlives the server (SIGTERM or SIGKILL).

Needs root, OpenSSH's server and client (scripts/install-deps.sh installs openssh-server without starting the
host's sshd) and the kernel features the server's self-test checks; when one is missing every test reports
SKIPPED with the reason, never a silent pass."""
import gzip
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.request

from harness import BIN, LocalEc2, error_of

SSH_OPTIONS = ["-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
               "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=10", "-o", "IdentitiesOnly=yes"]


def sandbox_server_args():
    # A port range and uid range of their own, so parallel runs (and other servers) do not collide.
    first = random.randrange(20000, 60000, 100)
    uid_base = random.randrange(10, 200) * 1000000
    return ["--instances=sandbox", "--instance-ssh-ports", f"{first}-{first + 99}", "--instance-uid-base",
            str(uid_base), "--quiet"]


def skip_reason():
    """Why sandbox mode cannot run here, or None."""
    if os.geteuid() != 0:
        return "sandbox mode needs root"
    if not os.access("/usr/sbin/sshd", os.X_OK):
        return "openssh-server is not installed (scripts/install-deps.sh installs it)"
    if shutil.which("ssh") is None:
        return "the OpenSSH client is not installed"
    probe_dir = tempfile.mkdtemp(prefix="localec2-sandbox-probe-")
    try:
        # The server's own start-up checks (root, sshd, the kernel self-test) say whether it can run.
        server = subprocess.Popen([BIN, "--port", "0", "--data-dir", probe_dir, *sandbox_server_args()],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        line = server.stdout.readline()
        while line and "listening on" not in line and "refused" not in line:
            line = server.stdout.readline()
        if "refused" in line:
            server.wait(timeout=30)
            return line.strip()
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        return None
    finally:
        shutil.rmtree(probe_dir, ignore_errors=True)


SKIP = skip_reason()
if SKIP:
    print(f"SKIPPED: test_sandbox: {SKIP}")


class SandboxTestCase(unittest.TestCase):
    """One sandbox server for the class; each test launches its own instances."""

    @classmethod
    def setUpClass(cls):
        if SKIP:
            raise unittest.SkipTest(SKIP)
        args = sandbox_server_args()
        cls.uid_base = int(args[args.index("--instance-uid-base") + 1])
        cls.server = LocalEc2(*args)
        cls.server.start()
        cls.ec2 = cls.server.client()
        cls.keys_dir = tempfile.mkdtemp(prefix="localec2-keys-")
        cls.ami = cls.ec2.describe_images(Owners=["amazon"], Filters=[
            {"Name": "name", "Values": ["al2023-ami-2023*x86_64"]}])["Images"][0]["ImageId"]

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        shutil.rmtree(cls.server.data_dir, ignore_errors=True)
        shutil.rmtree(cls.keys_dir, ignore_errors=True)

    # ---- helpers ----

    def key_pair(self, name, key_type="rsa"):
        material = self.ec2.create_key_pair(KeyName=name, KeyType=key_type)["KeyMaterial"]
        path = os.path.join(self.keys_dir, name + ".pem")
        with open(path, "w") as f:
            f.write(material)
        os.chmod(path, 0o600)
        return path

    def foreign_key(self, name):
        path = os.path.join(self.keys_dir, name)
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", path], check=True)
        return path

    def group(self, name, ssh_from=None):
        group_id = self.ec2.create_security_group(GroupName=name, Description=name)["GroupId"]
        if ssh_from:
            self.ec2.authorize_security_group_ingress(GroupId=group_id, IpPermissions=[
                {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": ssh_from}]}])
        return group_id

    def launch(self, group_id, key_name=None, user_data=None, instance_type="t3.micro"):
        args = {"ImageId": self.ami, "InstanceType": instance_type, "MinCount": 1, "MaxCount": 1,
                "SecurityGroupIds": [group_id]}
        if key_name:
            args["KeyName"] = key_name
        if user_data is not None:
            args["UserData"] = user_data  # boto3 base64-encodes it, as the CLI does
        return self.ec2.run_instances(**args)["Instances"][0]["InstanceId"]

    def wait_status_ok(self, instance_id, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            statuses = self.ec2.describe_instance_status(InstanceIds=[instance_id])["InstanceStatuses"]
            if statuses and statuses[0]["InstanceStatus"]["Status"] == "ok":
                return
            time.sleep(0.1)
        self.fail(f"{instance_id} did not reach status ok within {timeout} s: {statuses}")

    def view(self, instance_id, region="us-east-1"):
        url = f"{self.server.endpoint}/_localec2/instances/{instance_id}?region={region}"
        with urllib.request.urlopen(url, timeout=10) as r:
            return json.loads(r.read())

    def ssh_port(self, instance_id, timeout=5, region="us-east-1"):
        deadline = time.time() + timeout
        while time.time() < deadline:
            endpoint = self.view(instance_id, region).get("SshEndpoint")
            if endpoint:
                host, port = endpoint.split(":")
                self.assertEqual(host, "127.0.0.1")
                return int(port)
            time.sleep(0.05)
        return None

    def ssh(self, port, key, command, user="ec2-user"):
        proc = subprocess.run(["ssh", *SSH_OPTIONS, "-i", key, "-p", str(port), f"{user}@127.0.0.1", command],
                              capture_output=True, text=True, timeout=60)
        return proc.returncode, proc.stdout, proc.stderr

    def console(self, instance_id):
        return self.ec2.get_console_output(InstanceId=instance_id).get("Output", "")

    def wait_state(self, instance_id, state):
        self.ec2.get_waiter(f"instance_{state}").wait(InstanceIds=[instance_id],
                                                      WaiterConfig={"Delay": 1, "MaxAttempts": 30})


class UserDataAndSshTest(SandboxTestCase):

    def test_user_data_runs_once_and_only_the_launch_key_gets_in(self):
        lab = self.key_pair("lab")
        self.key_pair("lab2", "ed25519")
        other_key = os.path.join(self.keys_dir, "lab2.pem")
        group_id = self.group("ssh-from-loopback", ssh_from="127.0.0.1/32")
        script = "#!/bin/bash\necho user-data-output-7731\nid -un > /var/tmp/marker\necho run >> /var/tmp/runs\n"
        instance_id = self.launch(group_id, key_name="lab", user_data=script)
        self.wait_status_ok(instance_id)
        port = self.ssh_port(instance_id)
        self.assertIsNotNone(port, "no SshEndpoint although the group allows tcp/22 from 127.0.0.1")
        code, out, err = self.ssh(port, lab, "cat /var/tmp/marker; id -un; grep -c user-data-output-7731 "
                                             "/var/log/cloud-init-output.log; sudo -n id -u")
        self.assertEqual((code, out.split()), (0, ["root", "ec2-user", "1", "0"]), err)
        self.assertIn("user-data-output-7731", self.console(instance_id))
        self.assertIn(f"SSH published at 127.0.0.1:{port}", self.console(instance_id))
        # Another key pair's key, a key localec2 never saw, root@: all refused.
        for key, user in ((other_key, "ec2-user"), (self.foreign_key("stranger"), "ec2-user"), (lab, "root")):
            code, _, err = self.ssh(port, key, "true", user=user)
            self.assertEqual(code, 255, f"{user} with {key} got in")
            self.assertIn("Permission denied (publickey)", err)
        # The key file survives DeleteKeyPair (it is on the volume); stop/start keeps files, no second run.
        self.ec2.delete_key_pair(KeyName="lab")
        self.assertEqual(self.ssh(port, lab, "echo kept > ~/notes.txt")[0], 0)
        self.ec2.stop_instances(InstanceIds=[instance_id])
        self.wait_state(instance_id, "stopped")
        self.assertIsNone(self.view(instance_id).get("SshEndpoint"))
        with self.assertRaises(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
        self.ec2.start_instances(InstanceIds=[instance_id])
        self.wait_status_ok(instance_id)
        port = self.ssh_port(instance_id)
        code, out, err = self.ssh(port, lab, "cat ~/notes.txt /var/tmp/runs")
        self.assertEqual((code, out), (0, "kept\nrun\n"), err)

    def test_imds_inside_at_169_254_169_254(self):
        lab = self.key_pair("imds")
        public = self.ec2.describe_key_pairs(KeyNames=["imds"], IncludePublicKey=True)["KeyPairs"][0]["PublicKey"]
        instance_id = self.launch(self.group("imds", ssh_from="127.0.0.1/32"), key_name="imds",
                                  user_data="#!/bin/sh\necho imds-user-data\n")
        self.wait_status_ok(instance_id)
        self.ec2.delete_key_pair(KeyName="imds")  # the instance keeps the key it was launched with
        base = "http://169.254.169.254/latest"
        code, out, err = self.ssh(self.ssh_port(instance_id), lab, f"""
T=$(curl -s -X PUT {base}/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 60')
echo "v1: $(curl -s -o /dev/null -w '%{{http_code}}' {base}/meta-data/instance-id)"
echo "id: $(curl -s -H "X-aws-ec2-metadata-token: $T" {base}/meta-data/instance-id)"
echo "bad-token: $(curl -s -o /dev/null -w '%{{http_code}}' -H 'X-aws-ec2-metadata-token: nope' {base}/meta-data/instance-id)"
echo "key: $(curl -s -H "X-aws-ec2-metadata-token: $T" {base}/meta-data/public-keys/0/openssh-key)"
echo "user-data: $(curl -s -H "X-aws-ec2-metadata-token: $T" {base}/user-data | tail -1)"
""")
        self.assertEqual(code, 0, err)
        lines = dict(line.split(": ", 1) for line in out.splitlines())
        self.assertEqual(lines["v1"], "401")  # HttpTokens required (AL2023's default)
        self.assertEqual(lines["id"], instance_id)
        self.assertEqual(lines["bad-token"], "401")
        self.assertEqual(lines["key"].split()[:2], public.split()[:2])
        self.assertEqual(lines["user-data"], "echo imds-user-data")
        # HttpTokens optional: IMDSv1 answers.
        self.ec2.modify_instance_metadata_options(InstanceId=instance_id, HttpTokens="optional")
        code, out, _ = self.ssh(self.ssh_port(instance_id), lab, f"curl -s {base}/meta-data/instance-id")
        self.assertEqual((code, out), (0, instance_id))

    def test_images_carry_files_across_regions_and_keys_as_on_aws(self):
        lab = self.key_pair("img")
        script = "#!/bin/sh\nmkdir -p /opt/app && echo v1 > /opt/app/version\necho tool > /usr/local/bin/tool\n"
        instance_id = self.launch(self.group("img", ssh_from="127.0.0.1/32"), key_name="img", user_data=script)
        self.wait_status_ok(instance_id)
        self.assertEqual(self.ssh(self.ssh_port(instance_id), lab, "echo notes > ~/notes.txt")[0], 0)
        image_id = self.ec2.create_image(InstanceId=instance_id, Name="img", NoReboot=True)["ImageId"]
        eu = self.server.client(region="eu-west-1")
        copied = eu.copy_image(SourceImageId=image_id, SourceRegion="us-east-1", Name="img-eu")["ImageId"]
        eu.get_waiter("image_available").wait(ImageIds=[copied], WaiterConfig={"Delay": 1, "MaxAttempts": 30})
        material = eu.create_key_pair(KeyName="img2")["KeyMaterial"]
        lab2 = os.path.join(self.keys_dir, "img2.pem")
        with open(lab2, "w") as f:
            f.write(material)
        os.chmod(lab2, 0o600)
        group_id = eu.create_security_group(GroupName="img-eu", Description="img-eu")["GroupId"]
        eu.authorize_security_group_ingress(GroupId=group_id, IpProtocol="tcp", FromPort=22, ToPort=22,
                                            CidrIp="127.0.0.1/32")
        # The source region's key pair name means nothing in eu-west-1.
        self.assertEqual(error_of(eu.run_instances, ImageId=copied, MinCount=1, MaxCount=1, KeyName="img")[0],
                         "InvalidKeyPair.NotFound")
        eu_instance = eu.run_instances(ImageId=copied, InstanceType="t3.micro", MinCount=1, MaxCount=1,
                                       KeyName="img2", SecurityGroupIds=[group_id],
                                       UserData="#!/bin/sh\necho second > /var/tmp/second\n")["Instances"][0]
        eu.get_waiter("instance_status_ok").wait(InstanceIds=[eu_instance["InstanceId"]],
                                                 WaiterConfig={"Delay": 1, "MaxAttempts": 30})
        port = self.ssh_port(eu_instance["InstanceId"], region="eu-west-1")
        self.assertIsNotNone(port)
        command = "cat ~/notes.txt /opt/app/version /usr/local/bin/tool /var/tmp/second; ls /var/lib/cloud/instances"
        code, out, err = self.ssh(port, lab2, command)
        self.assertEqual(code, 0, err)
        self.assertEqual(out.split(), ["notes", "v1", "tool", "second", *sorted([instance_id, eu_instance["InstanceId"]])])
        # The public key file travelled in the image: the old key still gets in, as on AWS.
        self.assertEqual(self.ssh(port, lab, "true")[0], 0)

    def test_reboot_restarts_the_processes_and_keeps_the_volume(self):
        lab = self.key_pair("reboot-lab")
        group_id = self.group("ssh-for-reboot", ssh_from="127.0.0.1/32")
        script = "#!/bin/bash\necho run >> /var/tmp/runs\nsleep 1000 &\n"
        instance_id = self.launch(group_id, key_name="reboot-lab", user_data=script)
        self.wait_status_ok(instance_id)
        port = self.ssh_port(instance_id)
        started = "awk '{print $22}' /proc/1/stat"  # when the instance's PID 1 started, in clock ticks
        code, out, err = self.ssh(port, lab, f"{started}; pgrep -c -x sleep")
        self.assertEqual(code, 0, err)
        boot, sleeping = out.split()
        self.assertEqual(sleeping, "1")
        self.ec2.reboot_instances(InstanceIds=[instance_id])
        deadline = time.time() + 20
        while time.time() < deadline:  # the old sshd goes away with its instance, a new one answers
            code, out, err = self.ssh(port, lab, f"{started}; pgrep -c -x sleep; cat /var/tmp/runs")
            if code == 0 and out.split()[0] != boot:
                break
            time.sleep(0.2)
            port = self.ssh_port(instance_id) or port
        # A new PID 1 and no process from before; the volume kept its files and user data did not run again.
        self.assertEqual(code, 0, err)
        self.assertNotEqual(out.split()[0], boot)
        self.assertEqual(out.split()[1:], ["0", "run"])
        self.assertEqual(self.ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]
                         ["State"]["Name"], "running")

    def test_cloud_config_gzip_and_no_key_pair_means_no_way_in(self):
        self.key_pair("nokey-probe")
        probe_key = os.path.join(self.keys_dir, "nokey-probe.pem")
        group_id = self.group("ssh-open", ssh_from="0.0.0.0/0")
        config = ("#cloud-config\nwrite_files:\n  - path: /opt/app/version\n    content: \"v7\\n\"\n"
                  "runcmd:\n  - echo cloud-config-ran-$(cat /opt/app/version)\n")
        instance_id = self.launch(group_id, user_data=gzip.compress(config.encode()))
        self.wait_status_ok(instance_id)
        self.assertIn("cloud-config-ran-v7", self.console(instance_id))
        port = self.ssh_port(instance_id)
        self.assertIsNotNone(port)
        code, _, err = self.ssh(port, probe_key, "true")
        self.assertEqual(code, 255)
        self.assertIn("Permission denied (publickey)", err)

    def test_the_port_exists_only_while_a_rule_allows_it_and_rules_apply_live(self):
        lab = self.key_pair("live")
        group_id = self.group("no-ssh-yet")
        # A rule for another port, and one for 22 from a range without 127.0.0.1, publish nothing.
        self.ec2.authorize_security_group_ingress(GroupId=group_id, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "IpRanges": [{"CidrIp": "127.0.0.1/32"}]},
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}])
        instance_id = self.launch(group_id, key_name="live")
        self.wait_status_ok(instance_id)
        self.assertIsNone(self.ssh_port(instance_id, timeout=1))
        self.ec2.authorize_security_group_ingress(GroupId=group_id, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "127.0.0.0/8"}]}])
        port = self.ssh_port(instance_id)
        self.assertIsNotNone(port, "authorizing tcp/22 from 127.0.0.0/8 did not publish the port")
        code, out, _ = self.ssh(port, lab, "hostname")
        self.assertEqual(code, 0)
        self.assertTrue(out.startswith("ip-"), out)
        self.ec2.revoke_security_group_ingress(GroupId=group_id, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "127.0.0.0/8"}]}])
        deadline = time.time() + 5
        while self.view(instance_id).get("SshEndpoint") and time.time() < deadline:
            time.sleep(0.05)
        self.assertIsNone(self.view(instance_id).get("SshEndpoint"))
        with self.assertRaises(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
        # ModifyInstanceAttribute to a group that allows it publishes again.
        open_group = self.group("ssh-again", ssh_from="127.0.0.1/32")
        self.ec2.modify_instance_attribute(InstanceId=instance_id, Groups=[open_group])
        self.assertIsNotNone(self.ssh_port(instance_id))

    def test_other_allowed_tcp_ports_are_published_the_same_way(self):
        group_id = self.group("web")
        script = "#!/bin/sh\nmkdir -p /srv/www && echo served-from-the-instance > /srv/www/index.html\n" \
                 "cd /srv/www && nohup python3 -m http.server 8080 --bind 127.0.0.1 >/dev/null 2>&1 &\nsleep 0.5\n"
        instance_id = self.launch(group_id, user_data=script)
        self.wait_status_ok(instance_id)
        self.assertNotIn("tcp/8080 published", self.console(instance_id))
        self.ec2.authorize_security_group_ingress(GroupId=group_id, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "IpRanges": [{"CidrIp": "127.0.0.1/32"}]}])
        deadline = time.time() + 5
        while "tcp/8080 published at" not in self.console(instance_id) and time.time() < deadline:
            time.sleep(0.05)
        console = self.console(instance_id)
        port = int(console.split("tcp/8080 published at 127.0.0.1:")[1].split()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as reply:
            self.assertEqual(reply.read(), b"served-from-the-instance\n")
        self.assertIsNone(self.view(instance_id).get("SshEndpoint"))  # 8080 only: no SSH

    def test_containment_checks_run_as_user_data(self):
        script = f"""#!/bin/bash
echo "api: $(curl -s -m 3 -o /dev/null -w '%{{http_code}}' http://127.0.0.1:{self.server.port}/_localec2/health || true)"
touch /usr/bin/lec2-containment-probe && echo "usr-write: ok"
unshare -U true 2>/dev/null && echo "unshare: allowed" || echo "unshare: refused"
echo "shadow-lines: $(wc -l < /etc/shadow)"
echo "root-home: $(ls -A /root | wc -l)"
echo "homes: $(ls /home)"
echo "processes: $(ps -e --no-headers | wc -l)"
echo "keyctl: $(python3 -c 'import ctypes; c = ctypes.CDLL(None, use_errno=True); print(c.syscall(250, 0, -3, 0), ctypes.get_errno())')"
python3 - <<'PY'
import os, time
forked = 0
for _ in range(700):
    try:
        pid = os.fork()
    except OSError:
        break
    if pid == 0:
        time.sleep(30)
        os._exit(0)
    forked += 1
print("forked:", forked, flush=True)
PY
pkill -f 'python3 -'
echo containment-done
"""
        instance_id = self.launch(self.group("contained"), user_data=script)
        self.wait_status_ok(instance_id, timeout=60)
        console = self.console(instance_id)
        self.assertIn("containment-done", console)
        lines = dict(line.split(": ", 1) for line in console.splitlines() if ": " in line and not line.startswith("["))
        self.assertEqual(lines["api"], "000")  # the host's loopback is not the instance's
        self.assertEqual(lines["usr-write"], "ok")
        self.assertFalse(os.path.exists("/usr/bin/lec2-containment-probe"))  # the host's /usr is untouched
        self.assertEqual(lines["unshare"], "refused")
        self.assertEqual(lines["shadow-lines"], "4")  # the base layer's shadow, not the host's
        self.assertEqual(lines["root-home"], "0")
        self.assertEqual(lines["homes"], "ec2-user")
        self.assertLess(int(lines["processes"]), 20)
        self.assertEqual(lines["keyctl"], "-1 1")  # the seccomp deny-list: EPERM
        self.assertGreater(int(lines["forked"]), 100)
        self.assertLess(int(lines["forked"]), 512)  # the instance's pids limit stopped the fork loop
        self.assertEqual(self.ec2.describe_regions()["ResponseMetadata"]["HTTPStatusCode"], 200)

    def test_terminate_removes_a_delete_on_termination_root_volume(self):
        instance_id = self.launch(self.group("short-lived"))
        self.wait_status_ok(instance_id)
        volume_id = self.ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0][
            "BlockDeviceMappings"][0]["Ebs"]["VolumeId"]
        volume_dir = os.path.join(self.server.data_dir, "sandbox", "volumes", volume_id)
        self.assertTrue(os.path.isdir(os.path.join(volume_dir, "root", "upper", "var", "lib", "cloud")))
        self.ec2.terminate_instances(InstanceIds=[instance_id])
        self.wait_state(instance_id, "terminated")
        deadline = time.time() + 10
        while os.path.exists(volume_dir) and time.time() < deadline:
            time.sleep(0.05)
        self.assertFalse(os.path.exists(volume_dir))
        self.assertEqual(error_of(self.ec2.describe_volumes, VolumeIds=[volume_id])[0], "InvalidVolume.NotFound")


class WindowsAndResetTest(SandboxTestCase):

    def test_windows_images_are_refused_and_nothing_is_recorded(self):
        image_id = self.ec2.describe_images(Owners=["amazon"], Filters=[
            {"Name": "platform", "Values": ["windows"]}])["Images"][0]["ImageId"]
        before = len(self.ec2.describe_instances()["Reservations"])
        code, message = error_of(self.ec2.run_instances, ImageId=image_id, InstanceType="t3.micro", MinCount=1,
                                 MaxCount=1)
        self.assertEqual(code, "UnsupportedOperation")
        self.assertIn("Windows instances do not run in localec2's sandbox mode", message)
        self.assertEqual(len(self.ec2.describe_instances()["Reservations"]), before)

    def test_data_volumes_at_launch_are_refused_and_nothing_is_recorded(self):
        before = len(self.ec2.describe_instances()["Reservations"])
        volumes = len(self.ec2.describe_volumes()["Volumes"])
        code, message = error_of(self.ec2.run_instances, ImageId=self.ami, InstanceType="t3.micro", MinCount=1,
                                 MaxCount=1, BlockDeviceMappings=[{"DeviceName": "/dev/sdf", "Ebs": {"VolumeSize": 2}}])
        self.assertEqual(code, "UnsupportedOperation")
        self.assertIn("the block device mapping names 1 more EBS volume(s)", message)
        self.assertEqual(len(self.ec2.describe_instances()["Reservations"]), before)
        self.assertEqual(len(self.ec2.describe_volumes()["Volumes"]), volumes)

    def test_attach_volume_is_refused_there_are_no_block_devices(self):
        instance_id = self.launch(self.group("no-block-devices"))
        self.wait_status_ok(instance_id)
        zone = self.ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0][
            "Placement"]["AvailabilityZone"]
        volume_id = self.ec2.create_volume(AvailabilityZone=zone, Size=1)["VolumeId"]
        self.ec2.get_waiter("volume_available").wait(VolumeIds=[volume_id], WaiterConfig={"Delay": 1})
        code, message = error_of(self.ec2.attach_volume, VolumeId=volume_id, InstanceId=instance_id,
                                 Device="/dev/sdf")
        self.assertEqual(code, "UnsupportedOperation")
        self.assertIn("no block devices", message)
        self.assertEqual(self.ec2.describe_volumes(VolumeIds=[volume_id])["Volumes"][0]["State"], "available")

    def test_reset_stops_every_instance_and_deletes_its_data(self):
        instance_id = self.launch(self.group("to-reset", ssh_from="127.0.0.1/32"))
        self.wait_status_ok(instance_id)
        port = self.ssh_port(instance_id)
        sandbox = os.path.join(self.server.data_dir, "sandbox")
        self.assertTrue(os.listdir(os.path.join(sandbox, "volumes")))
        self.server.reset()
        deadline = time.time() + 10
        while time.time() < deadline and (os.listdir(os.path.join(sandbox, "volumes"))
                                          or os.listdir(os.path.join(sandbox, "run"))):
            time.sleep(0.05)
        self.assertEqual(os.listdir(os.path.join(sandbox, "volumes")), [])
        self.assertEqual(os.listdir(os.path.join(sandbox, "run")), [])
        with self.assertRaises(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=2).close()


class ImpairedTest(SandboxTestCase):

    def test_an_instance_whose_init_died_is_impaired(self):
        instance_id = self.launch(self.group("fragile"))
        self.wait_status_ok(instance_id)
        inits = [int(line.split()[1]) for line in subprocess.run(
            ["ps", "-eo", "uid=,pid=,comm="], capture_output=True, text=True).stdout.splitlines()
            if line.split()[0] == str(self.uid_base) and line.split()[2] == "lec2-init"]
        self.assertEqual(len(inits), 1)
        os.kill(inits[0], signal.SIGKILL)
        deadline = time.time() + 10
        status = None
        while time.time() < deadline:
            status = self.ec2.describe_instance_status(InstanceIds=[instance_id])["InstanceStatuses"][0]
            if status["InstanceStatus"]["Status"] == "impaired":
                break
            time.sleep(0.05)
        self.assertEqual(status["InstanceStatus"], {"Status": "impaired",
                                                    "Details": [{"Name": "reachability", "Status": "failed"}]})
        self.assertEqual(status["InstanceState"]["Name"], "running")  # the model's state; the checks fail
        # A stop and a start boot it again.
        self.ec2.stop_instances(InstanceIds=[instance_id])
        self.wait_state(instance_id, "stopped")
        self.ec2.start_instances(InstanceIds=[instance_id])
        self.wait_status_ok(instance_id)


class InMemoryTest(unittest.TestCase):

    def test_in_memory_leaves_no_directory_behind(self):
        if SKIP:
            self.skipTest(SKIP)
        with LocalEc2("--in-memory", *sandbox_server_args()) as server:
            ec2 = server.client()
            ami = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
            instance_id = ec2.run_instances(ImageId=ami, InstanceType="t3.micro", MinCount=1,
                                            MaxCount=1)["Instances"][0]["InstanceId"]
            scratch = server.output().split("instances really run, under ")[1].split(";")[0]
            self.assertTrue(scratch.startswith("/var/tmp/localec2-sandbox-"), scratch)
            deadline = time.time() + 10
            while not os.path.isdir(os.path.join(scratch, "run", instance_id)) and time.time() < deadline:
                time.sleep(0.05)
            self.assertTrue(os.path.isdir(os.path.join(scratch, "run", instance_id)))
            server.stop(signal.SIGTERM)
            self.assertFalse(os.path.exists(scratch))


class HygieneTest(unittest.TestCase):
    """Nothing of an instance outlives the server: no process, no mount, no published port."""

    def setUp(self):
        if SKIP:
            self.skipTest(SKIP)

    def leftovers(self, server, uid_base, port):
        processes = [line for line in subprocess.run(["ps", "-eo", "uid=,pid=,comm="], capture_output=True,
                                                     text=True).stdout.splitlines()
                     if uid_base <= int(line.split()[0]) < uid_base + 65536]
        with open("/proc/self/mountinfo") as f:
            mounts = [line for line in f if server.data_dir in line]
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            listening = True
        except OSError:
            listening = False
        return processes, mounts, listening

    def test_sigterm_and_sigkill_leave_nothing(self):
        args = sandbox_server_args()
        uid_base = int(args[args.index("--instance-uid-base") + 1])
        with LocalEc2(*args) as server:
            ec2 = server.client()
            group_id = ec2.create_security_group(GroupName="h", Description="h")["GroupId"]
            ec2.authorize_security_group_ingress(GroupId=group_id, IpProtocol="tcp", FromPort=22, ToPort=22,
                                                 CidrIp="127.0.0.1/32")
            ami = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
            ec2.run_instances(ImageId=ami, InstanceType="t3.micro", MinCount=1, MaxCount=1,
                              SecurityGroupIds=[group_id],
                              UserData="#!/bin/sh\n(trap '' TERM; sleep 600) &\nsleep 600 &\n")
            port = self.wait_port(server)
            processes, _, listening = self.leftovers(server, uid_base, port)
            self.assertTrue(processes and listening)
            server.stop(signal.SIGTERM)
            self.assertEqual(self.leftovers(server, uid_base, port), ([], [], False))
            # A restart boots the instance recorded as running again; then SIGKILL: gone within 2 s.
            server.start()
            port = self.wait_port(server)
            server.stop(signal.SIGKILL)
            deadline = time.time() + 2
            while self.leftovers(server, uid_base, port) != ([], [], False) and time.time() < deadline:
                time.sleep(0.05)
            self.assertEqual(self.leftovers(server, uid_base, port), ([], [], False))

    def wait_port(self, server):
        ec2 = server.client()
        instance_id = ec2.describe_instances()["Reservations"][0]["Instances"][0]["InstanceId"]
        deadline = time.time() + 30
        while time.time() < deadline:
            with urllib.request.urlopen(f"{server.endpoint}/_localec2/instances/{instance_id}", timeout=10) as r:
                endpoint = json.loads(r.read()).get("SshEndpoint")
            if endpoint:
                return int(endpoint.split(":")[1])
            time.sleep(0.05)
        self.fail("no SSH endpoint within 30 s")


class RefusalTest(unittest.TestCase):
    """Sandbox mode refuses an unsafe start with exit status 2 and the reason."""

    def test_api_beyond_loopback_without_strict_auth_is_refused(self):
        if os.geteuid() != 0:
            self.skipTest("the loopback check follows the root check")
        data_dir = tempfile.mkdtemp(prefix="localec2-refusal-")
        try:
            proc = subprocess.run([BIN, "--port", "0", "--data-dir", data_dir, "--host", "0.0.0.0",
                                   "--instances=sandbox"], capture_output=True, text=True, timeout=30)
            self.assertEqual(proc.returncode, 2)
            self.assertIn("--instances=sandbox refused: the API listens on 0.0.0.0, beyond loopback, without "
                          "--auth strict", proc.stderr)
        finally:
            shutil.rmtree(data_dir, ignore_errors=True)

    def test_a_bad_mode_is_refused(self):
        proc = subprocess.run([BIN, "--instances=vm", "--in-memory"], capture_output=True, text=True, timeout=30)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("invalid value for --instances: 'vm'", proc.stderr)


if __name__ == "__main__":
    unittest.main()
