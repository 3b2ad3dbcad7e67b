// libFuzzer target: the shape-driven input parser, for whichever operation the form's Action names.
// Input: a form body, as a client sends it.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "api/protocol/input_parser.hpp"
#include "api/protocol/service_model.hpp"
#include "wire/form_decoder.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace localec2::api;
  auto params = localec2::wire::DecodeForm(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!params) return 0;
  const localec2::wire::FormParams::Param* action = params->Find("Action");
  if (action == nullptr) return 0;
  const ServiceModel& model = ServiceModel::Ec2();
  const OperationDef* operation = model.FindOperation(action->value);
  if (operation == nullptr) return 0;
  auto input = ParseInput(model, *operation, *params);
  // Blobs arrive decoded and may be any bytes: a dump must not insist on UTF-8.
  if (input) (void)input->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return 0;
}
