"""End to end: 64 concurrent connections mixing reads and writes on a server with several threads, for a
bounded time. Every answer is checked: no lost update, no duplicate id, every acknowledged change visible
to its writer at once and to everyone at the end. Run against the ThreadSanitizer build too (scripts/test.sh
sets LOCALEC2_BIN to it); the server's log must then hold no race report."""
import http.client
import os
import re
import threading
import time
import unittest
import urllib.parse

from harness import LocalEc2

CONNECTIONS = 64
SECONDS = float(os.environ.get("LOCALEC2_CONCURRENCY_SECONDS", "8"))


class Client:
    """One keep-alive connection speaking the EC2 Query protocol (unsigned: default account, us-east-1)."""

    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def close(self):
        self.conn.close()

    def call(self, action, **params):
        body = urllib.parse.urlencode({"Action": action, "Version": "2016-11-15", **params})
        self.conn.request("POST", "/", body=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
        response = self.conn.getresponse()
        text = response.read().decode()
        if response.status != 200:
            raise AssertionError(f"{action} answered {response.status}: {text[:300]}")
        return text


def worker(port, index, deadline, image, results, errors):
    try:
        client = Client(port)
        name = f"w{index}"
        group = re.search(r"<groupId>(sg-[0-9a-f]+)</groupId>",
                          client.call("CreateSecurityGroup", GroupName=name, GroupDescription=name)).group(1)
        instances, keys, written = [], [], 0
        n = 0
        while time.time() < deadline:
            n += 1
            step = n % 5
            if step == 0:
                reply = client.call("RunInstances", ImageId=image, InstanceType="t3.micro", MinCount=2, MaxCount=2)
                instances += re.findall(r"<instanceId>(i-[0-9a-f]+)</instanceId>", reply)
            elif step == 1:
                written = n  # the group's counter tag: only this worker writes it, so it must read back as written
                client.call("CreateTags", **{"ResourceId.1": group, "Tag.1.Key": "n", "Tag.1.Value": str(written)})
                reply = client.call("DescribeSecurityGroups", **{"GroupId.1": group})
                seen = re.search(r"<key>n</key>\s*<value>(\d+)</value>", reply).group(1)
                if int(seen) != written:
                    raise AssertionError(f"{group}: wrote n={written}, read n={seen}")
            elif step == 2:
                client.call("AuthorizeSecurityGroupIngress", GroupId=group, IpProtocol="tcp", FromPort=str(n),
                            ToPort=str(n), CidrIp="10.0.0.0/8")
            elif step == 3:
                client.call("CreateKeyPair", KeyName=f"{name}-{n}", KeyType="ed25519")
                keys.append(f"{name}-{n}")
            else:
                reply = client.call("DescribeInstances", **{"Filter.1.Name": "instance-state-name",
                                                            "Filter.1.Value.1": "running"})
                if instances and instances[0] not in reply:
                    raise AssertionError(f"{instances[0]} launched by {name} is not listed as running")
        results[index] = {"group": group, "instances": instances, "keys": keys, "written": written}
        client.close()
    except Exception as e:  # reported by the test thread
        errors.append(f"worker {index}: {e!r}")


class Concurrency(unittest.TestCase):
    def test_64_connections_mixing_reads_and_writes(self):
        with LocalEc2("--threads", "4", "--quiet") as server:
            setup = Client(server.port)
            image = re.search(r"<imageId>(ami-[0-9a-f]+)</imageId>", setup.call(
                "DescribeImages", **{"Owner.1": "amazon", "Filter.1.Name": "name",
                                     "Filter.1.Value.1": "al2023-ami-*-x86_64"})).group(1)
            results, errors = [None] * CONNECTIONS, []
            deadline = time.time() + SECONDS
            threads = [threading.Thread(target=worker, args=(server.port, i, deadline, image, results, errors))
                       for i in range(CONNECTIONS)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=SECONDS + 300)
            self.assertEqual(errors, [])
            instances = [i for r in results for i in r["instances"]]
            self.assertEqual(len(instances), len(set(instances)), "an instance id was handed out twice")
            self.assertGreater(len(instances), CONNECTIONS)
            final = Client(server.port)
            listed = set(re.findall(r"<instanceId>(i-[0-9a-f]+)</instanceId>", final.call("DescribeInstances")))
            self.assertEqual(listed, set(instances))
            groups = final.call("DescribeSecurityGroups")
            for r in results:
                self.assertIn(r["group"], groups)
                reply = final.call("DescribeSecurityGroups", **{"GroupId.1": r["group"]})
                if r["written"]:
                    self.assertIn(f"<key>n</key><value>{r['written']}</value>", re.sub(r"\s+", "", reply))
            keys = set(re.findall(r"<keyName>([^<]+)</keyName>", final.call("DescribeKeyPairs")))
            self.assertEqual(keys, {k for r in results for k in r["keys"]})
            setup.close()
            final.close()
            self.assertEqual(server.stop(), 0)
            log = server.output()
            self.assertNotIn("ThreadSanitizer", log, log[-3000:])
            self.assertNotIn("AddressSanitizer", log, log[-3000:])


if __name__ == "__main__":
    unittest.main()
