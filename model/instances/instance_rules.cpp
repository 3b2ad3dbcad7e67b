#include "model/instances/instance_rules.hpp"

#include <cctype>

#include "model/catalogs/instance_types.hpp"
#include "model/core/error_codes.hpp"

namespace localec2::model {
namespace {

bool IsBase64(const std::string& text) {
  if (text.size() % 4 != 0) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' ||
              (c == '=' && i + 2 >= text.size());
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string ArchitectureOf(std::string_view instance_type) {
  if (const InstanceTypeInfo* info = FindInstanceType(instance_type)) return std::string(info->architecture);
  // Types outside the catalog (but valid in the EC2 model): Graviton families end in g, gd or gn.
  std::string_view family = instance_type.substr(0, instance_type.find('.'));
  bool graviton = family == "a1" || family.ends_with("g") || family.ends_with("gd") || family.ends_with("gn");
  return graviton ? "arm64" : "x86_64";
}

Status CheckUserData(const std::string& user_data) {
  if (IsBase64(user_data)) return Ok{};
  return MakeError(codes::kInvalidParameterValue, "Invalid BASE64 encoding of user data.");
}

Status CheckShutdownBehavior(const std::string& behavior) {
  if (behavior == "stop" || behavior == "terminate") return Ok{};
  return MakeError(codes::kInvalidParameterValue,
                   "Invalid value '" + behavior + "' for instanceInitiatedShutdownBehavior.");
}

}  // namespace localec2::model
