#include "runtime/user_data.hpp"

#include <zlib.h>

#include <catch2/catch.hpp>

#include "runtime/launch_spec.hpp"

using namespace localec2::runtime;

namespace {

std::string Base64(const std::string& bytes) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned value = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    value = (value << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += alphabet[(value >> bits) & 63];
    }
  }
  if (bits > 0) out += alphabet[(value << (6 - bits)) & 63];
  while (out.size() % 4) out += '=';
  return out;
}

std::string Gzip(const std::string& text) {
  z_stream stream{};
  deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(text.size() + 128, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

}  // namespace

TEST_CASE("user data: a #! script runs as it is", "[runtime]") {
  const DecodedUserData decoded = DecodeUserData(Base64("#!/bin/bash\necho hi > /tmp/x\n"));
  REQUIRE(decoded.parts.size() == 1);
  CHECK(decoded.parts[0].name == "001-script");
  CHECK(decoded.parts[0].content == "#!/bin/bash\necho hi > /tmp/x\n");
  CHECK(decoded.notes.empty());
}

TEST_CASE("user data: gzip is inflated first", "[runtime]") {
  const DecodedUserData decoded = DecodeUserData(Base64(Gzip("#!/bin/sh\necho zipped\n")));
  REQUIRE(decoded.parts.size() == 1);
  CHECK(decoded.parts[0].content == "#!/bin/sh\necho zipped\n");
}

TEST_CASE("user data: #cloud-config write_files then runcmd become one script", "[runtime]") {
  const std::string yaml =
      "#cloud-config\n"
      "write_files:\n"
      "  - path: /opt/app/version\n"
      "    content: \"v1\\n\"\n"
      "    permissions: '0600'\n"
      "    owner: ec2-user:ec2-user\n"
      "runcmd:\n"
      "  - echo one > /tmp/one\n"
      "  - [touch, \"/tmp/it's\"]\n"
      "packages: [nginx]\n";
  const DecodedUserData decoded = DecodeUserData(Base64(yaml));
  REQUIRE(decoded.parts.size() == 1);
  const std::string& script = decoded.parts[0].content;
  CHECK(decoded.parts[0].name == "001-cloud-config");
  CHECK(script.rfind("#!/bin/sh\n", 0) == 0);
  CHECK(script.find("echo 'djEK' | base64 -d > '/opt/app/version'\n") != std::string::npos);
  CHECK(script.find("chmod '0600' '/opt/app/version'\n") != std::string::npos);
  CHECK(script.find("chown 'ec2-user:ec2-user' '/opt/app/version'\n") != std::string::npos);
  CHECK(script.find("echo one > /tmp/one\n") != std::string::npos);
  CHECK(script.find("'touch' '/tmp/it'\\''s'\n") != std::string::npos);
  CHECK(script.find("write_files") < script.find("echo one"));
  REQUIRE(decoded.notes.size() == 1);
  CHECK(decoded.notes[0] == "#cloud-config key 'packages' is not supported in the sandbox: ignored");
}

TEST_CASE("user data: MIME multipart parts run in order, base64 parts decoded", "[runtime]") {
  const std::string mime =
      "Content-Type: multipart/mixed; boundary=\"XYZ\"\n"
      "MIME-Version: 1.0\n"
      "\n"
      "--XYZ\n"
      "Content-Type: text/cloud-config; charset=\"us-ascii\"\n"
      "\n"
      "#cloud-config\n"
      "runcmd:\n"
      "  - echo from-config\n"
      "--XYZ\n"
      "Content-Type: text/x-shellscript\n"
      "Content-Transfer-Encoding: base64\n"
      "\n" +
      Base64("#!/bin/sh\necho from-script\n") +
      "\n"
      "--XYZ--\n";
  const DecodedUserData decoded = DecodeUserData(Base64(mime));
  REQUIRE(decoded.parts.size() == 2);
  CHECK(decoded.parts[0].name == "001-cloud-config");
  CHECK(decoded.parts[0].content.find("echo from-config\n") != std::string::npos);
  CHECK(decoded.parts[1].name == "002-script");
  CHECK(decoded.parts[1].content == "#!/bin/sh\necho from-script\n");
}

TEST_CASE("user data: what cannot run is a note, never a crash", "[runtime]") {
  CHECK(DecodeUserData("").parts.empty());
  DecodedUserData plain = DecodeUserData(Base64("just some text"));
  CHECK(plain.parts.empty());
  REQUIRE(plain.notes.size() == 1);
  CHECK(plain.notes[0] == "user data part of an unsupported kind (just some text): not run");
  DecodedUserData broken = DecodeUserData(Base64(std::string("\x1f\x8b garbage", 10)));
  CHECK(broken.parts.empty());
  REQUIRE(broken.notes.size() == 1);
  CHECK(broken.notes[0].rfind("gzip user data that does not inflate", 0) == 0);
  DecodedUserData bad_yaml = DecodeUserData(Base64("#cloud-config\n- [unclosed\n"));
  REQUIRE(bad_yaml.parts.size() == 1);
  CHECK(bad_yaml.notes.size() == 1);
}

TEST_CASE("launch spec: formats and parses back; refuses unknown keys", "[runtime]") {
  LaunchSpec spec;
  spec.instance_id = "i-0123";
  spec.hostname = "ip-172-31-0-10.ec2.internal";
  spec.uid_base = 265536;
  spec.base_dir = "/d/base/v1";
  spec.lower_dirs = {"/d/snap-1", "/d/snap-0"};
  spec.volume_dir = "/d/volumes/vol-1";
  spec.run_dir = "/d/run/i-0123/lec2";
  spec.cgroup = "i-0123";
  spec.memory_bytes = 1 << 30;
  spec.pids_max = 512;
  spec.server_pid = 42;
  auto parsed = ParseLaunchSpec(FormatLaunchSpec(spec));
  REQUIRE(parsed);
  CHECK(parsed->instance_id == "i-0123");
  CHECK(parsed->uid_base == 265536);
  CHECK(parsed->lower_dirs == std::vector<std::string>{"/d/snap-1", "/d/snap-0"});
  CHECK(parsed->memory_bytes == (1u << 30));
  CHECK(parsed->server_pid == 42);
  CHECK_FALSE(parsed->probe);
  CHECK_FALSE(ParseLaunchSpec("nope=1\n"));
  CHECK_FALSE(ParseLaunchSpec("uid_base=abc\n"));
  CHECK_FALSE(ParseLaunchSpec("no equals sign\n"));
}
