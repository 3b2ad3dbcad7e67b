// The shape-driven EC2 XML response serializer and the EC2 error envelope.
//
// Success:  <?xml version="1.0" encoding="UTF-8"?>
//           <{Action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
//             <requestId>…</requestId> {members of the output shape, in model order} </{Action}Response>
//   structure members are elements named by their locationName; lists are <xSet><item>…</item></xSet>;
//   booleans true/false; timestamps ISO 8601 UTC with milliseconds (a JSON integer is taken as epoch ms,
//   a string is written as is); blobs base64. An operation without output answers <return>true</return>.
// Error:    <?xml version="1.0" encoding="UTF-8"?>
//           <Response><Errors><Error><Code>…</Code><Message>…</Message></Error></Errors>
//             <RequestID>…</RequestID></Response>
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "api/protocol/service_model.hpp"

namespace localec2::api {

// Serializes `output` (keyed by member names) as the answer to `operation`. A key that is not a member
// of the output shape, or a value of the wrong JSON type, is a handler bug: std::logic_error.
std::string SerializeOutput(const ServiceModel& model, const OperationDef& operation,
                            const nlohmann::json& output, std::string_view request_id);

std::string SerializeError(std::string_view code, std::string_view message, std::string_view request_id);

}  // namespace localec2::api
