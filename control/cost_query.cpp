#include "control/cost_query.hpp"

#include <charconv>

#include "model/catalogs/region_catalog.hpp"
#include "model/core/caller.hpp"
#include "model/core/error_codes.hpp"
#include "wire/form_decoder.hpp"

namespace localec2::control {
namespace {

model::Error Invalid(const std::string& name, const std::string& value, const std::string& why) {
  return model::MakeError(
      model::codes::kInvalidParameterValue,
      "Value (" + value.substr(0, 64) + ") for parameter " + name + " is invalid: " + why);
}

// Days from 1970-01-01 to the civil date (Howard Hinnant's algorithm).
std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool Digits(std::string_view text, std::size_t at, std::size_t count, int& out) {
  if (at + count > text.size()) return false;
  for (std::size_t i = at; i < at + count; ++i)
    if (text[i] < '0' || text[i] > '9') return false;
  std::from_chars(text.data() + at, text.data() + at + count, out);
  return true;
}

}  // namespace

std::optional<std::int64_t> ParseIsoTime(std::string_view text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
  if (!Digits(text, 0, 4, year) || text.size() < 20 || text[4] != '-' || !Digits(text, 5, 2, month) ||
      text[7] != '-' || !Digits(text, 8, 2, day) || text[10] != 'T' || !Digits(text, 11, 2, hour) ||
      text[13] != ':' || !Digits(text, 14, 2, minute) || text[16] != ':' || !Digits(text, 17, 2, second)) {
    return std::nullopt;
  }
  std::string_view rest = text.substr(19);
  if (rest.size() == 5 && rest[0] == '.' && Digits(rest, 1, 3, millis)) rest = rest.substr(4);
  if (rest != "Z") return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59)
    return std::nullopt;
  const std::int64_t days = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return ((days * 24 + hour) * 60 + minute) * 60000LL + second * 1000LL + millis;
}

model::Result<CostQuery> ParseCostQuery(std::string_view query) {
  auto params = wire::DecodeForm(query);
  if (!params) {
    return model::MakeError(model::codes::kInvalidParameterValue,
                            "The query does not decode; it takes account, region, cost-tag and at.");
  }
  CostQuery parsed;
  for (const wire::FormParams::Param& param : params->all()) {
    const std::string& name = param.name;
    const std::string& value = param.value;
    if (name == "account") {
      if (!model::IsAccountId(value)) return Invalid(name, value, "12 digits.");
      parsed.account = value;
    } else if (name == "region") {
      if (!model::FindRegion(value)) return Invalid(name, value, "not a region localec2 knows.");
      parsed.region = value;
    } else if (name == "cost-tag") {
      if (value.empty() || value.size() > 128)
        return Invalid(name, value, "a tag key of 1 to 128 characters.");
      parsed.cost_tag = value;
    } else if (name == "at") {
      auto at = ParseIsoTime(value);
      if (!at) return Invalid(name, value, "a UTC time such as 2026-01-02T03:04:05Z.");
      parsed.at_ms = *at;
    } else {
      return model::MakeError(
          model::codes::kUnknownParameter,
          "The parameter " + name.substr(0, 64) +
              " is not recognized; the cost view takes account, region, cost-tag and at.");
    }
  }
  return parsed;
}

}  // namespace localec2::control
