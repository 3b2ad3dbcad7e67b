#include "control/query_account.hpp"

#include "model/core/caller.hpp"
#include "model/core/error_codes.hpp"
#include "wire/form_decoder.hpp"

namespace localec2::control {

model::Result<std::optional<std::string>> AccountOfQuery(std::string_view query) {
  namespace codes = model::codes;
  auto params = wire::DecodeForm(query);
  if (!params) {
    return model::MakeError(codes::kInvalidParameterValue,
                            "The query does not decode; it takes only ?account=ACCOUNT_ID.");
  }
  std::optional<std::string> account;
  for (const wire::FormParams::Param& param : params->all()) {
    const std::string& name = param.name;
    const std::string& value = param.value;
    if (name != "account") {
      return model::MakeError(codes::kUnknownParameter,
                              "The parameter " + name.substr(0, 64) + " is not recognized; only account is.");
    }
    if (!model::IsAccountId(value)) {
      return model::MakeError(
          codes::kInvalidParameterValue,
          "Value (" + value.substr(0, 64) + ") for parameter account is invalid: 12 digits.");
    }
    account = value;
  }
  return account;
}

}  // namespace localec2::control
