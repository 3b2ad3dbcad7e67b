#include "storage/catalog_file.hpp"

#include <catch2/catch.hpp>

#include "model/catalogs/image_catalog.hpp"

using namespace localec2;

TEST_CASE("a catalog file adds images, or replaces the built-in ones", "[storage][catalog]") {
  const size_t builtin = model::BuiltinCatalog().size();
  auto added = storage::ParseCatalog(R"({"Images": [{"Name": "lab-1", "OwnerId": "123456789012"}]})", "test");
  REQUIRE(added);
  REQUIRE(added->size() == builtin + 1);
  const model::CatalogEntry& entry = added->back();
  CHECK(entry.image.architecture == "x86_64");
  CHECK(entry.image.root_device_name == "/dev/xvda");
  REQUIRE(entry.image.block_devices.size() == 1);
  CHECK(entry.image.block_devices[0].volume_size_gib == 8);

  auto replaced = storage::ParseCatalog(R"({"IncludeBuiltin": false, "Images": [
      {"Name": "win", "OwnerId": "123456789012", "Platform": "windows", "Regions": ["eu-west-1"],
       "ProductCodes": [{"ProductCodeId": "p1"}], "RootDeviceType": "instance-store"}]})",
                                        "test");
  REQUIRE(replaced);
  REQUIRE(replaced->size() == 1);
  const model::Image& win = replaced->at(0).image;
  CHECK(win.platform_details == "Windows");
  CHECK(win.product_codes.at(0).type == "marketplace");
  CHECK(win.block_devices.at(0).virtual_name == "ephemeral0");
  model::ImageCatalog catalog(*replaced);
  CHECK(catalog.ForRegion("us-east-1").empty());
  CHECK(catalog.ForRegion("eu-west-1").size() == 1);

  auto missing_owner = storage::ParseCatalog(R"({"Images": [{"Name": "x"}]})", "catalog.json");
  REQUIRE_FALSE(missing_owner);
  CHECK(missing_owner.error().code == "InvalidParameterValue");
  CHECK(missing_owner.error().message.starts_with("catalog.json: image 0:"));
  CHECK_FALSE(storage::ParseCatalog("{", "catalog.json"));
}
