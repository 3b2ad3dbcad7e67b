#include "api/protocol/input_parser.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>
#include <set>

#include "api/protocol/base64.hpp"
#include "api/protocol/timestamp.hpp"
#include "model/core/error_codes.hpp"

namespace localec2::api {
namespace {

using model::Error;
using nlohmann::json;
namespace codes = model::codes;

// Enum shapes an operation leaves to the model, which answers an unknown value with its own AWS error:
// DescribeInstanceTypes looks names up in the instance-type catalog and answers InvalidInstanceType (as
// AWS does), where RunInstances' InstanceType keeps the enum check and AWS's InvalidParameterValue.
struct ModelCheckedEnum {
  std::string_view operation;
  std::string_view shape;
};
constexpr ModelCheckedEnum kModelCheckedEnums[] = {
    {"DescribeInstanceTypes", "InstanceType"},
};

class Parser {
 public:
  Parser(const ServiceModel& model, const wire::FormParams& params, std::string_view operation)
      : model_(model), params_(params), operation_(operation) {}

  // The value of shape `index` at wire name `key`, or nullopt when nothing was sent for it.
  std::optional<json> Value(ShapeIndex index, const std::string& key) {
    const ShapeDef& shape = model_.Shape(index);
    switch (shape.kind) {
      case ShapeKind::kStructure:
        return Structure(shape, key);
      case ShapeKind::kList:
        return List(shape, key);
      default:
        return Scalar(shape, key);
    }
  }

  std::optional<json> Structure(const ShapeDef& shape, const std::string& key) {
    if (!key.empty()) {
      auto [begin, end] = params_.WithPrefix(key + ".");
      if (begin == end) return std::nullopt;
    }
    json object = json::object();
    for (const MemberDef& member : model_.Members(shape)) {
      std::string member_key =
          key.empty() ? std::string(member.query_name) : key + "." + std::string(member.query_name);
      std::optional<json> value = Value(member.shape, member_key);
      if (error_) return std::nullopt;
      if (value) {
        object[std::string(member.name)] = std::move(*value);
      } else if (member.required) {
        Fail(codes::kMissingParameter, "The request must contain the parameter " + member_key);
        return std::nullopt;
      }
    }
    return object;
  }

  std::optional<json> List(const ShapeDef& shape, const std::string& key) {
    const std::string prefix = key + ".";
    auto [begin, end] = params_.WithPrefix(prefix);
    std::set<unsigned> indexes;
    for (const auto* p = begin; p != end; ++p) {
      std::string_view rest = std::string_view(p->name).substr(prefix.size());
      rest = rest.substr(0, rest.find('.'));
      unsigned n = 0;
      auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), n);
      // Only canonical indexes name elements; anything else stays unconsumed → UnknownParameter.
      if (ec == std::errc() && ptr == rest.data() + rest.size() && n > 0 && rest[0] != '0') indexes.insert(n);
    }
    if (indexes.empty()) {
      // An empty list may be sent as the bare name with no value.
      if (const auto* bare = params_.Find(key); bare != nullptr && bare->value.empty()) {
        bare->used = true;
        return json::array();
      }
      return std::nullopt;
    }
    json array = json::array();
    for (unsigned n : indexes) {
      std::optional<json> element = Value(shape.element, prefix + std::to_string(n));
      if (error_) return std::nullopt;
      if (element) array.push_back(std::move(*element));
    }
    return array;
  }

  std::optional<json> Scalar(const ShapeDef& shape, const std::string& key) {
    const wire::FormParams::Param* param = params_.Find(key);
    if (param == nullptr) return std::nullopt;
    param->used = true;
    const std::string& text = param->value;
    switch (shape.kind) {
      case ShapeKind::kString: {
        auto allowed = model_.EnumValues(shape);
        if (!allowed.empty() && !ModelChecks(shape) &&
            std::find(allowed.begin(), allowed.end(), text) == allowed.end()) {
          return Invalid(key, text);
        }
        return json(text);
      }
      case ShapeKind::kInteger:
      case ShapeKind::kLong: {
        long long n = 0;
        auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
        bool fits = shape.kind == ShapeKind::kLong ||
                    (n >= std::numeric_limits<int32_t>::min() && n <= std::numeric_limits<int32_t>::max());
        if (ec != std::errc() || ptr != text.data() + text.size() || !fits) return Invalid(key, text);
        return json(n);
      }
      case ShapeKind::kBoolean: {
        if (EqualsIgnoreCase(text, "true")) return json(true);
        if (EqualsIgnoreCase(text, "false")) return json(false);
        return Invalid(key, text);
      }
      case ShapeKind::kDouble:
      case ShapeKind::kFloat: {
        double d = 0;
        auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
        if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(d))
          return Invalid(key, text);
        return json(d);
      }
      case ShapeKind::kTimestamp: {
        if (!ParseTimestamp(text)) return Invalid(key, text);
        return json(text);
      }
      case ShapeKind::kBlob: {
        std::optional<std::string> bytes = Base64Decode(text);
        if (!bytes) return Invalid(key, text);
        return json(std::move(*bytes));
      }
      default:
        return Invalid(key, text);
    }
  }

  std::optional<json> Invalid(const std::string& key, const std::string& value) {
    std::string shown = value.size() > 64 ? value.substr(0, 64) + "..." : value;
    Fail(codes::kInvalidParameterValue, "Value (" + shown + ") for parameter " + key + " is invalid.");
    return std::nullopt;
  }

  static bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
             return std::tolower(static_cast<unsigned char>(x)) == y;
           });
  }

  bool ModelChecks(const ShapeDef& shape) const {
    return std::any_of(
        std::begin(kModelCheckedEnums), std::end(kModelCheckedEnums),
        [&](const ModelCheckedEnum& e) { return e.operation == operation_ && e.shape == shape.name; });
  }

  void Fail(std::string_view code, std::string message) {
    if (!error_) error_ = Error{std::string(code), std::move(message)};
  }

  std::optional<Error> error_;

 private:
  const ServiceModel& model_;
  const wire::FormParams& params_;
  std::string_view operation_;
};

}  // namespace

bool IsProtocolParameter(std::string_view name) {
  static constexpr std::string_view kNames[] = {"Action",    "Version",         "AWSAccessKeyId",
                                                "Signature", "SignatureMethod", "SignatureVersion",
                                                "Timestamp", "Expires",         "SecurityToken"};
  return name.starts_with("X-Amz-") ||
         std::find(std::begin(kNames), std::end(kNames), name) != std::end(kNames);
}

model::Result<json> ParseInput(const ServiceModel& model, const OperationDef& operation,
                               const wire::FormParams& params) {
  json input = json::object();
  if (operation.input != kNoShape) {
    Parser parser(model, params, operation.name);
    std::optional<json> parsed = parser.Structure(model.Shape(operation.input), "");
    if (parser.error_) return *parser.error_;
    input = std::move(*parsed);
  }
  for (const wire::FormParams::Param& param : params.all()) {
    if (!param.used && !IsProtocolParameter(param.name)) {
      return Error{std::string(codes::kUnknownParameter),
                   "The parameter " + param.name + " is not recognized"};
    }
  }
  return input;
}

}  // namespace localec2::api
