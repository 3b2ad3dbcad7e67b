#include "storage/record_fast_decode.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "storage/record_codec.hpp"

using namespace localec2;
using nlohmann::json;

namespace {

model::Instance SomeInstance() {
  model::Instance i;
  i.instance_id = "i-0000000000000000a";
  i.group_ids = {"sg-1", "sg-2"};
  i.user_data = "quote \" backslash \\ slash / tab \t";
  i.client_token = "tok\x01\n\r\b\f";
  i.volumes = {{"/dev/sda1", "vol-1", "snap-1", "io2", 30, false, 1767225600123},
               {"/dev/sdf", "vol-2", "", "gp3", 100, true, -1}};
  i.core_count = -2147483647 - 1;
  i.launch_time_ms = 9007199254740993;
  i.tags = {{"Name", "web \x7f"}, {"", ""}, {"k\"ey", "v\\al"}};
  return i;
}

model::NetworkInterface SomeInterface() {
  model::NetworkInterface eni;
  eni.network_interface_id = "eni-0000000000000000a";
  eni.secondary_private_ips = {"10.0.0.5"};
  eni.attached = true;
  eni.attachment = {"eni-attach-1", "i-1", "111111111111", 1, 0, "attached", 5, true};
  eni.has_public = true;
  eni.public_address = {"198.51.100.7", "eipalloc-1", "eipassoc-1", "111111111111"};
  eni.tags = {{"Name", "data"}};
  return eni;
}

model::Volume SomeVolume() {
  model::Volume v;
  v.volume_id = "vol-0000000000000000a";
  v.iops = 3000;
  v.encrypted = true;
  v.tags = {{"a", "b"}};
  return v;
}

// The nlohmann decoding of `body`, as its generic encoding: a trailing space is JSON the fast path never
// reads, so DecodeResource decodes it with nlohmann.
json Slow(std::string_view type, std::string_view body) {
  auto decoded = storage::DecodeResource(type, std::string(body) + " ");
  REQUIRE(decoded);
  return storage::GenericEncoding(*decoded);
}

}  // namespace

TEST_CASE("the fast decoders read what the hot encoders write, as nlohmann does", "[storage][codec]") {
  const std::string instance = storage::EncodeResource(SomeInstance());
  auto fast_instance = storage::DecodeInstanceFast(instance);
  REQUIRE(fast_instance);
  CHECK(storage::GenericEncoding(*fast_instance) == Slow("instance", instance));
  CHECK(storage::GenericEncoding(*fast_instance) == storage::GenericEncoding(SomeInstance()));

  const std::string eni = storage::EncodeResource(SomeInterface());
  auto fast_eni = storage::DecodeNetworkInterfaceFast(eni);
  REQUIRE(fast_eni);
  CHECK(storage::GenericEncoding(*fast_eni) == Slow("network-interface", eni));
  CHECK(storage::GenericEncoding(*fast_eni) == storage::GenericEncoding(SomeInterface()));

  const std::string volume = storage::EncodeResource(SomeVolume());
  auto fast_volume = storage::DecodeVolumeFast(volume);
  REQUIRE(fast_volume);
  CHECK(storage::GenericEncoding(*fast_volume) == Slow("volume", volume));
  CHECK(storage::GenericEncoding(*fast_volume) == storage::GenericEncoding(SomeVolume()));
}

TEST_CASE("a body in another form is left to nlohmann, and still decodes", "[storage][codec]") {
  const std::string written = storage::EncodeResource(SomeInstance());
  json reordered = json::parse(written);  // nlohmann's dump sorts the members
  std::string spaced = written;
  spaced.replace(spaced.find(":"), 1, ": ");
  model::Instance accented_instance = SomeInstance();
  accented_instance.tags["Name"] = "web é ✓";
  const std::string utf8 = storage::EncodeResource(accented_instance);  // beyond ASCII: nlohmann checks it
  std::string escaped = utf8;
  escaped.replace(escaped.find("é"), std::string("é").size(), "\\u00e9");
  std::string leading_zero = written;
  leading_zero.replace(leading_zero.find("\"ami_launch_index\":0"), 20, "\"ami_launch_index\":00");
  std::string fraction = written;
  fraction.replace(fraction.find("\"ami_launch_index\":0"), 20, "\"ami_launch_index\":0.0");
  std::string missing = written;
  missing.replace(missing.find("\"key_name\":\"\","), 14, "");
  for (const std::string& body :
       {reordered.dump(), spaced, utf8, escaped, fraction, missing, written + " "}) {
    INFO(body.substr(0, 80));
    CHECK_FALSE(storage::DecodeInstanceFast(body));
    auto decoded = storage::DecodeResource("instance", body);
    REQUIRE(decoded);
    CHECK(storage::GenericEncoding(*decoded) == Slow("instance", body));
  }
  // Not JSON at all: neither reads it (a damaged record is reported, not read leniently).
  std::string control = written;
  control.replace(control.find("tok"), 3, "t\x01k");
  for (const std::string& body : {leading_zero, control}) {
    CHECK_FALSE(storage::DecodeInstanceFast(body));
    CHECK_FALSE(storage::DecodeResource("instance", body));
  }
  auto accented = storage::DecodeResource("instance", escaped);
  REQUIRE(accented);
  CHECK(std::get<model::Instance>(*accented).tags.at("Name") == "web é ✓");

  model::Volume modified = SomeVolume();
  modified.modifications = {{"modifying", 5, 8, "gp2", 100, 0, 16, "gp3", 3000, 125}};
  const std::string with_modification = storage::EncodeResource(modified);
  CHECK_FALSE(storage::DecodeVolumeFast(with_modification));
  auto decoded = storage::DecodeResource("volume", with_modification);
  REQUIRE(decoded);
  CHECK(storage::GenericEncoding(*decoded) == storage::GenericEncoding(modified));

  CHECK_FALSE(storage::DecodeNetworkInterfaceFast("{}"));
  CHECK_FALSE(storage::DecodeNetworkInterfaceFast(""));
  CHECK_FALSE(storage::DecodeInstanceFast(written.substr(0, written.size() / 2)));
}
