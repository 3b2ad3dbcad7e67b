// The shape-driven EC2 query input parser: walks an operation's input shape over decoded form
// parameters and produces a JSON object keyed by member names (the names boto3 users know).
//
// Types: integer/long → JSON integer (range-checked), boolean → true/false ("true"/"false", any case),
// double/float → number, timestamp → string as sent (ISO 8601 or epoch seconds, validated),
// blob → its base64-decoded bytes, string → string (checked against the shape's enum, if any, unless the
// operation leaves that enum to the model: kModelCheckedEnums in input_parser.cpp).
#pragma once

#include <nlohmann/json.hpp>

#include "api/protocol/service_model.hpp"
#include "model/core/result.hpp"
#include "wire/form_decoder.hpp"

namespace localec2::api {

// Parses `params` as the input of `operation`. Errors: MissingParameter for an absent required member,
// InvalidParameterValue for a value of the wrong type or outside the enum, UnknownParameter for a
// parameter that is not part of the input (protocol and signing parameters are allowed).
model::Result<nlohmann::json> ParseInput(const ServiceModel& model, const OperationDef& operation,
                                         const wire::FormParams& params);

// True for parameters that belong to the protocol or SigV4 rather than to an operation's input.
bool IsProtocolParameter(std::string_view name);

}  // namespace localec2::api
