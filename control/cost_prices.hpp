// The price table the cost view uses: control/prices.json, compiled into the binary (CMake embeds the
// file's text) and parsed once. The JSON lives here because the model has no JSON parser.
#pragma once

#include <string_view>

#include "model/core/result.hpp"
#include "model/cost/price_table.hpp"

namespace localec2::control {

// The text of control/prices.json as it was built in.
std::string_view EmbeddedPricesJson();

// `json` as a price table. Errors (InvalidParameterValue, naming the member): not a JSON object, a member
// missing or of the wrong kind, a negative price.
model::Result<model::PriceTable> ParsePrices(std::string_view json);

// The built-in table, parsed on first use. The build's unit test proves it parses.
const model::PriceTable& BuiltInPrices();

}  // namespace localec2::control
