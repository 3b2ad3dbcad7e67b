// Every AWS error code localec2 answers with, in one place (AWS names are data). The HTTP status of
// each is in api/protocol/error_status.cpp; codes not listed there are 400.
#pragma once

#include <string_view>

namespace localec2::model::codes {

// Request-level (any action).
inline constexpr std::string_view kInvalidAction = "InvalidAction";
inline constexpr std::string_view kMissingAction = "MissingAction";
inline constexpr std::string_view kNotImplemented = "NotImplemented";  // known to EC2, not emulated yet
inline constexpr std::string_view kMissingParameter = "MissingParameter";
inline constexpr std::string_view kUnknownParameter = "UnknownParameter";
inline constexpr std::string_view kInvalidParameterValue = "InvalidParameterValue";
inline constexpr std::string_view kInvalidParameterCombination = "InvalidParameterCombination";
inline constexpr std::string_view kInvalidParameter = "InvalidParameter";
inline constexpr std::string_view kMalformedQueryString = "MalformedQueryString";
inline constexpr std::string_view kRequestEntityTooLarge = "RequestEntityTooLarge";
inline constexpr std::string_view kInvalidRequest = "InvalidRequest";
inline constexpr std::string_view kAuthFailure = "AuthFailure";
inline constexpr std::string_view kDryRunOperation = "DryRunOperation";
inline constexpr std::string_view kInternalError = "InternalError";
inline constexpr std::string_view kServiceUnavailable = "ServiceUnavailable";
inline constexpr std::string_view kInvalidNextToken = "InvalidPaginationToken";

}  // namespace localec2::model::codes
