#include <catch2/catch.hpp>

#include "model/security/key_material.hpp"
#include "platform/key_sources.hpp"
#include "tests/support/model_test_support.hpp"

using namespace localec2;
using test::CodeOf;

namespace {

constexpr const char* kRsaPublic =
    "ssh-rsa "
    "AAAAB3NzaC1yc2EAAAADAQABAAABAQDFAgVUxxm3XnDakKUx7yS8e+1fWR/eUOyjkeesfiT4ZzFxno+cJvqTNTMMUUIJ4B+mZn7MR"
    "nXLoiLYCcff8GXb/xKvKqBj6Sgi2DKrcKFuWpOsRGxcYS4OZzhPo/57JCwx0hmPx0+8f6f2YcHFpjCe7VUx11IgQbnTJvE9KL/"
    "tzS54Yhi6i"
    "Vl2Y9M5rGtnqGd77i/D7QBE6/uE8GStJtHBYOaLkwr/8qWKIxCGKdTYvOhc1E8dzqHVU3IbHkMJjkf9Mt//"
    "tHGHs0rvIcw+IobL2N1ZH3VdG"
    "ci/MLQWnB6yHd/rIccqAQEcJG4vDtpUyfjZSmh2MrdYsnuLJFZZpFIj laptop";
// MD5 of the DER SubjectPublicKeyInfo, computed independently with Python's cryptography.
constexpr const char* kRsaImportedFingerprint = "b5:68:83:5f:05:02:b8:b4:ee:f3:6d:3c:96:81:b3:d9";
constexpr const char* kEd25519Public =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIRn3cvCUyyFC0lMGDCRwNPyiXjwyuYMITXZFuE2DHls";
constexpr const char* kEd25519Fingerprint = "Dj0CeGAfp93sxL9zNpQofLbUM2vBlu/fBJjrDKkdWkQ=";

}  // namespace

TEST_CASE_METHOD(test::ModelFixture,
                 "CreateKeyPair returns real key material once and keeps only the public key",
                 "[model][keypair]") {
  auto created = CreateKeyPair(ec2, alice, {"lab", "rsa", "pem", {}});
  REQUIRE(created);
  CHECK(created->key_material.starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
  CHECK(created->key_pair.key_pair_id.starts_with("key-0"));
  CHECK(created->key_pair.fingerprint.size() == 59);  // 20 bytes as colon-separated hex
  CHECK(created->key_pair.public_key.starts_with("ssh-rsa AAAAB3NzaC1yc2E"));
  CHECK(created->key_pair.create_time_ms == clock.NowMs());
  // What is committed to the store carries no private key.
  REQUIRE(store.last.puts.size() == 1);
  const auto& stored = std::get<model::KeyPair>(store.last.puts[0].resource);
  CHECK(stored.public_key == created->key_pair.public_key);
  CHECK(stored.public_key.find("PRIVATE") == std::string::npos);
}

TEST_CASE_METHOD(test::ModelFixture, "ed25519 keys come in OpenSSH format and PuTTY format on request",
                 "[model][keypair]") {
  auto openssh = CreateKeyPair(ec2, alice, {"ed", "ed25519", "pem", {}});
  REQUIRE(openssh);
  CHECK(openssh->key_material.starts_with("-----BEGIN OPENSSH PRIVATE KEY-----\n"));
  CHECK(openssh->key_pair.fingerprint.size() == 44);  // base64 of a SHA-256 digest
  CHECK(openssh->key_pair.key_type == "ed25519");
  auto ppk = CreateKeyPair(ec2, alice, {"win", "rsa", "ppk", {}});
  REQUIRE(ppk);
  CHECK(ppk->key_material.starts_with("PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\nComment: win\n"));
  CHECK(ppk->key_material.find("\nPrivate-MAC: ") != std::string::npos);
}

TEST_CASE_METHOD(test::ModelFixture, "key pair names are unique per account and region, not across them",
                 "[model][keypair]") {
  REQUIRE(CreateKeyPair(ec2, alice, {"lab", "ed25519", "pem", {}}));
  auto duplicate = CreateKeyPair(ec2, alice, {"lab", "ed25519", "pem", {}});
  CHECK(CodeOf(duplicate) == "InvalidKeyPair.Duplicate");
  CHECK(duplicate.error().message == "The keypair 'lab' already exists.");
  CHECK(CreateKeyPair(ec2, alice_eu, {"lab", "ed25519", "pem", {}}));
  CHECK(CreateKeyPair(ec2, bob, {"lab", "ed25519", "pem", {}}));
  auto in_eu = DescribeKeyPairs(ec2, alice_eu, {{"lab"}, {}, {}});
  REQUIRE(in_eu);
  REQUIRE(in_eu->size() == 1);
  auto in_us = DescribeKeyPairs(ec2, alice, {{"lab"}, {}, {}});
  CHECK((*in_eu)[0].key_pair_id != (*in_us)[0].key_pair_id);
}

TEST_CASE_METHOD(test::ModelFixture, "a key pair from another region does not exist here",
                 "[model][keypair]") {
  REQUIRE(CreateKeyPair(ec2, alice, {"lab", "ed25519", "pem", {}}));
  auto missing = DescribeKeyPairs(ec2, alice_eu, {{"lab"}, {}, {}});
  CHECK(CodeOf(missing) == "InvalidKeyPair.NotFound");
  CHECK(missing.error().message == "The key pair 'lab' does not exist");
  CHECK(CodeOf(DescribeKeyPairs(ec2, bob, {{}, {"key-0123456789abcdef0"}, {}})) == "InvalidKeyPair.NotFound");
}

TEST_CASE_METHOD(test::ModelFixture, "imported keys get AWS's fingerprints", "[model][keypair]") {
  auto rsa = ImportKeyPair(ec2, alice, {"laptop", kRsaPublic, {}});
  REQUIRE(rsa);
  CHECK(rsa->fingerprint == kRsaImportedFingerprint);
  CHECK(rsa->key_type == "rsa");
  auto ed = ImportKeyPair(ec2, alice, {"ed", std::string(kEd25519Public) + "\n", {}});
  REQUIRE(ed);
  CHECK(ed->fingerprint == kEd25519Fingerprint);
  CHECK(ed->public_key == kEd25519Public);
}

namespace {

// One 1024-bit RSA key and one ed25519 key, as `ssh-keygen` writes them (-e -m RFC4716 / PKCS8).
constexpr const char* kVectorRsaOpenSsh =
    "ssh-rsa "
    "AAAAB3NzaC1yc2EAAAADAQABAAAAgQC9/6jtFb0Yyp+hgbdQYss1MYll5OUysuuvgixCMQSMtvkOV3bsjxCMwcwGiEROpUFhIaB1"
    "P9ZFNtl1R6VzUsJXddpUL7Az26UFJlgDwML0DasMXM4EUmN6wZbLAWhTzlVuQdMY5pwkiPZt947KIBzabwnA1DN4Z14qXDPUskSrGw="
    "=";
constexpr const char* kVectorRsaRfc4716 =
    "---- BEGIN SSH2 PUBLIC KEY ----\n"
    "Comment: \"1024-bit RSA, converted by root@vm from OpenSSH\"\n"
    "AAAAB3NzaC1yc2EAAAADAQABAAAAgQC9/6jtFb0Yyp+hgbdQYss1MYll5OUysuuvgixCMQ\n"
    "SMtvkOV3bsjxCMwcwGiEROpUFhIaB1P9ZFNtl1R6VzUsJXddpUL7Az26UFJlgDwML0DasM\n"
    "XM4EUmN6wZbLAWhTzlVuQdMY5pwkiPZt947KIBzabwnA1DN4Z14qXDPUskSrGw==\n"
    "---- END SSH2 PUBLIC KEY ----\n";
constexpr const char* kVectorRsaPkcs8 =
    "-----BEGIN PUBLIC KEY-----\n"
    "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC9/6jtFb0Yyp+hgbdQYss1MYll\n"
    "5OUysuuvgixCMQSMtvkOV3bsjxCMwcwGiEROpUFhIaB1P9ZFNtl1R6VzUsJXddpU\n"
    "L7Az26UFJlgDwML0DasMXM4EUmN6wZbLAWhTzlVuQdMY5pwkiPZt947KIBzabwnA\n"
    "1DN4Z14qXDPUskSrGwIDAQAB\n"
    "-----END PUBLIC KEY-----\n";
// MD5 of the DER SubjectPublicKeyInfo (`openssl pkey -pubin -outform DER | openssl md5 -c`).
constexpr const char* kVectorRsaFingerprint = "0b:9c:00:b5:c2:a3:f7:7b:80:b0:9c:c1:aa:00:f3:26";
constexpr const char* kVectorEdOpenSsh =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMIsiylHeMwH5z+zl88kBi2rco8IPS2Bc1dPHmTTRDWB";
constexpr const char* kVectorEdRfc4716 =
    "---- BEGIN SSH2 PUBLIC KEY ----\r\n"
    "Comment: \"256-bit ED25519, converted by root@vm \\\r\n"
    "from OpenSSH\"\r\n"
    "x-private-header: ignored\r\n"
    "AAAAC3NzaC1lZDI1NTE5AAAAIMIsiylHeMwH5z+zl88kBi2rco8IPS2Bc1dPHmTTRDWB\r\n"
    "---- END SSH2 PUBLIC KEY ----\r\n";

}  // namespace

TEST_CASE("RFC 4716 and DER public keys import as the OpenSSH form of the same key, same fingerprint",
          "[model][keypair]") {
  auto openssh = model::ImportPublicKey(kVectorRsaOpenSsh);
  REQUIRE(openssh);
  CHECK(openssh->fingerprint == kVectorRsaFingerprint);
  auto rfc = model::ImportPublicKey(kVectorRsaRfc4716);
  REQUIRE(rfc);
  CHECK(rfc->key_type == "rsa");
  CHECK(rfc->fingerprint == kVectorRsaFingerprint);
  CHECK(rfc->public_key ==
        std::string(kVectorRsaOpenSsh) + " 1024-bit RSA, converted by root@vm from OpenSSH");
  auto pem = model::ImportPublicKey(kVectorRsaPkcs8);
  REQUIRE(pem);
  CHECK(pem->fingerprint == kVectorRsaFingerprint);
  CHECK(pem->public_key == kVectorRsaOpenSsh);
  // The bare base64 DER, on one line.
  auto bare = model::ImportPublicKey(
      "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC9/"
      "6jtFb0Yyp+hgbdQYss1MYll5OUysuuvgixCMQSMtvkOV3bsjxCMwcwGiEROpUFhIaB1"
      "P9ZFNtl1R6VzUsJXddpUL7Az26UFJlgDwML0DasMXM4EUmN6wZbLAWhTzlVuQdMY5pwkiPZt947KIBzabwnA1DN4Z14qXDPUskSrGw"
      "IDAQAB");
  REQUIRE(bare);
  CHECK(bare->fingerprint == kVectorRsaFingerprint);

  auto ed = model::ImportPublicKey(kVectorEdOpenSsh);
  REQUIRE(ed);
  auto ed_rfc = model::ImportPublicKey(kVectorEdRfc4716);  // CRLF, a continued header, an unknown one
  REQUIRE(ed_rfc);
  CHECK(ed_rfc->key_type == "ed25519");
  CHECK(ed_rfc->fingerprint == ed->fingerprint);
  CHECK(ed_rfc->public_key ==
        std::string(kVectorEdOpenSsh) + " 256-bit ED25519, converted by root@vm from OpenSSH");
}

TEST_CASE("public keys that are not OpenSSH are InvalidKey.Format", "[model][keypair]") {
  for (const char* bad :
       {"", "ssh-rsa", "ssh-rsa not-base64!", "ssh-dss AAAAB3NzaC1kc3MAAACBAP1",
        "ssh-ed25519 AAAAC3NzaC1yc2EAAAADAQAB",  // the blob says another type
        "-----BEGIN PUBLIC KEY-----", "---- BEGIN SSH2 PUBLIC KEY ----\nAAAA\n---- END SSH2 PUBLIC KEY ----",
        "---- BEGIN SSH2 PUBLIC KEY ----\nComment: \"x\\\n---- END SSH2 PUBLIC KEY ----",
        "-----BEGIN PUBLIC KEY-----\nMIGfMA0GCSqGSIb3\n-----END PUBLIC KEY-----", "bm90IGEga2V5"}) {
    INFO(bad);
    auto imported = model::ImportPublicKey(bad);
    REQUIRE_FALSE(imported);
    CHECK(imported.error().code == "InvalidKey.Format");
  }
}

TEST_CASE_METHOD(test::ModelFixture, "deleting a key pair that is not there succeeds", "[model][keypair]") {
  auto none = DeleteKeyPair(ec2, alice, "ghost", "");
  REQUIRE(none);
  CHECK(none->empty());
  CHECK(store.commits == 0);
  auto created = CreateKeyPair(ec2, alice, {"lab", "ed25519", "pem", {}});
  auto deleted = DeleteKeyPair(ec2, alice, "", created->key_pair.key_pair_id);
  REQUIRE(deleted);
  CHECK(*deleted == created->key_pair.key_pair_id);
  CHECK(DescribeKeyPairs(ec2, alice, {})->empty());
}

TEST_CASE_METHOD(test::ModelFixture, "key pair names, types and tags are validated", "[model][keypair]") {
  CHECK(CodeOf(CreateKeyPair(ec2, alice, {"", "rsa", "pem", {}})) == "InvalidParameterValue");
  CHECK(CodeOf(CreateKeyPair(ec2, alice, {std::string(256, 'k'), "rsa", "pem", {}})) ==
        "InvalidParameterValue");
  CHECK(CodeOf(CreateKeyPair(ec2, alice, {"k", "dsa", "pem", {}})) == "InvalidParameterValue");
  CHECK(CodeOf(CreateKeyPair(ec2, alice, {"k", "rsa", "pem", {{"instance", {{"a", "b"}}}}})) ==
        "InvalidParameterValue");
  CHECK(CodeOf(CreateKeyPair(ec2, alice, {"k", "rsa", "pem", {{"key-pair", {{"aws:x", "b"}}}}})) ==
        "InvalidParameterValue");
  auto tagged = CreateKeyPair(ec2, alice, {"k", "ed25519", "pem", {{"key-pair", {{"team", "red"}}}}});
  REQUIRE(tagged);
  CHECK(tagged->key_pair.tags == model::Tags{{"team", "red"}});
  auto filtered = DescribeKeyPairs(ec2, alice, {{}, {}, {{"tag:team", {"r*"}}}});
  REQUIRE(filtered);
  CHECK(filtered->size() == 1);
}

TEST_CASE("the pooled key source hands out distinct, valid RSA keys", "[model][keypair]") {
  platform::PooledKeySource pool(2);
  auto first = pool.Create("rsa", "pem", "a");
  auto second = pool.Create("rsa", "ppk", "b");
  auto third = pool.Create("rsa", "pem", "c");
  REQUIRE(first);
  REQUIRE(second);
  REQUIRE(third);
  CHECK(first->private_key.starts_with("-----BEGIN RSA PRIVATE KEY-----"));
  CHECK(second->private_key.starts_with("PuTTY-User-Key-File-2: ssh-rsa"));
  CHECK(first->fingerprint != third->fingerprint);
  CHECK(first->public_key.ends_with(" a"));
  auto ed = pool.Create("ed25519", "pem", "e");
  REQUIRE(ed);
  CHECK(ed->private_key.starts_with("-----BEGIN OPENSSH PRIVATE KEY-----"));
}
