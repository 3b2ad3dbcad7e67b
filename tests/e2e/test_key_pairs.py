"""End to end: key pairs through the AWS CLI and boto3 against the real binary — created keys are real
private keys with AWS's fingerprints and are never stored, imported keys, per region and per account,
deleting and filtering."""
import base64
import hashlib
import os
import subprocess
import tempfile
import unittest

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

from harness import ServerTestCase, error_of


class KeyPairs(ServerTestCase):
    reset_between_tests = True

    def test_cli_key_material_is_a_real_private_key_with_aws_fingerprint(self):
        _, out = self.server.cli("create-key-pair", "--key-name", "lab")
        with tempfile.TemporaryDirectory() as tmp:
            pem = os.path.join(tmp, "lab.pem")
            with open(pem, "w") as f:
                f.write(out["KeyMaterial"])
            os.chmod(pem, 0o600)
            public = subprocess.run(["ssh-keygen", "-y", "-f", pem], capture_output=True, text=True, check=True)
        self.assertTrue(public.stdout.startswith("ssh-rsa AAAA"))
        self.assertTrue(out["KeyMaterial"].startswith("-----BEGIN RSA PRIVATE KEY-----"))
        key = serialization.load_pem_private_key(out["KeyMaterial"].encode(), password=None)
        der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
        sha1 = hashlib.sha1(der).hexdigest()
        self.assertEqual(out["KeyFingerprint"], ":".join(sha1[i:i + 2] for i in range(0, 40, 2)))
        self.assertRegex(out["KeyPairId"], r"^key-0[0-9a-f]{16}$")
        # The private key is never stored: describing the key gives only the public half.
        described = self.server.client().describe_key_pairs(KeyNames=["lab"], IncludePublicKey=True)["KeyPairs"][0]
        self.assertEqual(described["PublicKey"].split()[1], public.stdout.split()[1])
        self.assertNotIn("KeyMaterial", described)
        self.assertNotIn(b"PRIVATE KEY", open(os.path.join(self.server.data_dir, "localec2.db"), "rb").read())

    def test_ed25519_key_is_openssh_and_fingerprint_is_sha256_of_the_blob(self):
        out = self.server.client().create_key_pair(KeyName="ed", KeyType="ed25519")
        key = serialization.load_ssh_private_key(out["KeyMaterial"].encode(), password=None)
        blob = base64.b64decode(key.public_key().public_bytes(serialization.Encoding.OpenSSH,
                                                              serialization.PublicFormat.OpenSSH).split()[1])
        self.assertEqual(out["KeyFingerprint"], base64.b64encode(hashlib.sha256(blob).digest()).decode())

    def test_imported_keys_get_aws_fingerprints(self):
        ec2 = self.server.client()
        rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key()
        line = rsa_key.public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
        out = ec2.import_key_pair(KeyName="laptop", PublicKeyMaterial=line + b" me@laptop")
        md5 = hashlib.md5(rsa_key.public_bytes(serialization.Encoding.DER,
                                               serialization.PublicFormat.SubjectPublicKeyInfo)).hexdigest()
        self.assertEqual(out["KeyFingerprint"], ":".join(md5[i:i + 2] for i in range(0, 32, 2)))
        ed = ed25519.Ed25519PrivateKey.generate().public_key()
        ed_line = ed.public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
        out = ec2.import_key_pair(KeyName="ed", PublicKeyMaterial=ed_line)
        blob = base64.b64decode(ed_line.split()[1])
        self.assertEqual(out["KeyFingerprint"], base64.b64encode(hashlib.sha256(blob).digest()).decode())
        self.assertEqual(error_of(ec2.import_key_pair, KeyName="bad", PublicKeyMaterial=b"ssh-rsa nope")[0],
                         "InvalidKey.Format")

    def test_rfc4716_and_pkcs8_keys_from_ssh_keygen_import_with_the_openssh_fingerprint(self):
        ec2 = self.server.client()
        with tempfile.TemporaryDirectory() as tmp:
            for key_type in ("rsa", "ed25519"):
                path = os.path.join(tmp, key_type)
                size = ["-b", "2048"] if key_type == "rsa" else []
                subprocess.run(["ssh-keygen", "-q", "-t", key_type, *size, "-N", "", "-C", "me@laptop", "-f", path],
                               check=True)
                openssh = open(path + ".pub", "rb").read()
                formats = {"openssh": openssh}
                formats["rfc4716"] = subprocess.run(["ssh-keygen", "-e", "-m", "RFC4716", "-f", path + ".pub"],
                                                    capture_output=True, check=True).stdout
                if key_type == "rsa":  # ssh-keygen writes no PKCS8 form of ed25519 keys
                    formats["pkcs8"] = subprocess.run(["ssh-keygen", "-e", "-m", "PKCS8", "-f", path + ".pub"],
                                                      capture_output=True, check=True).stdout
                    formats["der"] = b"".join(formats["pkcs8"].splitlines()[1:-1])
                prints = {}
                for name, material in formats.items():
                    out = ec2.import_key_pair(KeyName=f"{key_type}-{name}", PublicKeyMaterial=material)
                    prints[name] = out["KeyFingerprint"]
                    described = ec2.describe_key_pairs(KeyNames=[f"{key_type}-{name}"],
                                                       IncludePublicKey=True)["KeyPairs"][0]
                    self.assertEqual(described["PublicKey"].split()[:2], openssh.decode().split()[:2])
                    self.assertEqual(described["KeyType"], key_type)
                self.assertEqual(set(prints.values()), {prints["openssh"]}, prints)
        self.assertEqual(error_of(ec2.import_key_pair, KeyName="bad", PublicKeyMaterial=
                                  b"---- BEGIN SSH2 PUBLIC KEY ----\nnot a key\n---- END SSH2 PUBLIC KEY ----\n")[0],
                         "InvalidKey.Format")
        self.assertEqual(error_of(ec2.import_key_pair, KeyName="bad", PublicKeyMaterial=
                                  b"-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkq\n-----END PUBLIC KEY-----\n")[0],
                         "InvalidKey.Format")

    def test_key_pairs_are_per_region_and_per_account(self):
        self.server.client(region="us-east-1").create_key_pair(KeyName="lab", KeyType="ed25519")
        code, message = error_of(self.server.client(region="eu-west-1").describe_key_pairs, KeyNames=["lab"])
        self.assertEqual((code, message), ("InvalidKeyPair.NotFound", "The key pair 'lab' does not exist"))
        other_account = self.server.client(access_key="222222222222")
        self.assertEqual(other_account.describe_key_pairs()["KeyPairs"], [])
        self.assertEqual(error_of(self.server.client().create_key_pair, KeyName="lab")[0],
                         "InvalidKeyPair.Duplicate")

    def test_deleting_a_missing_key_succeeds_and_filters_work(self):
        ec2 = self.server.client()
        self.assertTrue(ec2.delete_key_pair(KeyName="ghost")["Return"])
        ec2.create_key_pair(KeyName="a", KeyType="ed25519",
                            TagSpecifications=[{"ResourceType": "key-pair", "Tags": [{"Key": "team", "Value": "red"}]}])
        ec2.create_key_pair(KeyName="b", KeyType="ed25519")
        names = [k["KeyName"] for k in ec2.describe_key_pairs(
            Filters=[{"Name": "tag:team", "Values": ["red"]}])["KeyPairs"]]
        self.assertEqual(names, ["a"])
        self.assertEqual(len(ec2.describe_key_pairs(Filters=[{"Name": "key-name", "Values": ["?"]}])["KeyPairs"]), 2)
        ec2.delete_key_pair(KeyName="a")
        self.assertEqual([k["KeyName"] for k in ec2.describe_key_pairs()["KeyPairs"]], ["b"])


if __name__ == "__main__":
    unittest.main()
