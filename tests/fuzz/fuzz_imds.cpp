// libFuzzer target: the instance metadata service. Input lines: the method, the path (one starting with '/'
// goes below the launched instance's prefix, anything else straight below /_localec2/imds/), the
// X-aws-ec2-metadata-token value, the X-aws-ec2-metadata-token-ttl-seconds value, then an extra header's
// name and value (the rest). Every answer must be 200 or a 4xx: a 5xx or a crash is a defect.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "imds/metadata_service.hpp"
#include "model/catalogs/image_catalog.hpp"
#include "model/instances/instances.hpp"
#include "platform/key_sources.hpp"
#include "platform/random_id_source.hpp"
#include "tests/support/fake_clock.hpp"

namespace {

using namespace localec2;

struct World {
  model::NullStore store;
  model::FakeClock clock;
  platform::RandomIdSource ids{7};
  platform::DirectKeySource keys;
  model::Ec2 ec2{store, clock, ids, keys};
  imds::MetadataService service{
      {"fuzz-secret",
       [](const imds::ImdsRequest&) { return model::Result<std::optional<model::Caller>>(std::nullopt); },
       "000000000000"},
      ec2};
  std::string instance_id;

  World() {
    model::ImageCatalog catalog;
    model::RunInstancesRequest request;
    for (const model::Image& image : catalog.ForRegion("us-east-1")) {
      if (image.architecture == "x86_64") request.image_id = image.image_id;
    }
    request.instance_type = "t3.micro";
    request.user_data = "aGVsbG8K";
    request.iam_profile_name = "app";
    request.http_tokens = "optional";
    request.tag_specifications.push_back({"instance", {{"Name", "fuzz"}}});
    auto reservation = RunInstances(ec2, {"111122223333", "us-east-1"}, request);
    if (!reservation) std::abort();
    instance_id = reservation->instances.at(0).instance.instance_id;
    clock.Advance(1000);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static World world;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view parts[5];
  for (std::string_view& part : parts) {
    const size_t newline = input.find('\n');
    part = input.substr(0, newline);
    input = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);
  }
  std::string path(imds::kImdsPrefix);
  if (parts[1].starts_with('/')) path += world.instance_id;
  path += parts[1];
  std::vector<std::pair<std::string, std::string>> headers = {
      {"x-aws-ec2-metadata-token", std::string(parts[2])},
      {"x-aws-ec2-metadata-token-ttl-seconds", std::string(parts[3])},
      {std::string(parts[4]), std::string(input)}};
  if (parts[2].empty()) headers.erase(headers.begin());
  imds::ImdsResponse answer = world.service.Handle({parts[0], path, "", headers});
  if (answer.status != 200 && (answer.status < 400 || answer.status > 499)) std::abort();
  return 0;
}
