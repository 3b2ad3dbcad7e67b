#include "storage/record_codec.hpp"

#include <catch2/catch.hpp>

using namespace localec2;

TEST_CASE("a launch template's network interfaces survive the record codec", "[storage][codec]") {
  model::LaunchTemplate lt;
  lt.launch_template_id = "lt-00000000000000001";
  model::LaunchTemplateVersion version;
  model::LaunchTemplateInterface eni;
  eni.device_index = 0;
  eni.subnet_id = "subnet-00000001";
  eni.group_ids = {"sg-00000001"};
  eni.associate_public_ip = true;
  version.data.network_interfaces = {eni};
  lt.versions = {version};
  auto decoded = storage::DecodeResource("launch-template", storage::EncodeResource(lt));
  REQUIRE(decoded);
  const auto& back = std::get<model::LaunchTemplate>(*decoded).versions.at(0).data.network_interfaces;
  REQUIRE(back.size() == 1);
  CHECK(back[0].subnet_id == "subnet-00000001");
  CHECK(back[0].group_ids == std::vector<std::string>{"sg-00000001"});
  CHECK(back[0].associate_public_ip == std::optional<bool>(true));
}
