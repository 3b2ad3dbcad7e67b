#include "model/core/pagination.hpp"

#include "model/core/error_codes.hpp"

namespace localec2::model {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view kTokenPrefix = "p1.";

}  // namespace

std::string EncodePageToken(const std::string& last_id) {
  std::string out(kTokenPrefix);
  unsigned bits = 0;
  int count = 0;
  for (unsigned char c : last_id) {
    bits = (bits << 8) | c;
    count += 8;
    while (count >= 6) {
      count -= 6;
      out += kAlphabet[(bits >> count) & 63];
    }
  }
  if (count > 0) out += kAlphabet[(bits << (6 - count)) & 63];
  return out;
}

std::optional<std::string> DecodePageToken(const std::string& token) {
  if (!token.starts_with(kTokenPrefix) || token.size() == kTokenPrefix.size()) return std::nullopt;
  std::string out;
  unsigned bits = 0;
  int count = 0;
  for (char c : std::string_view(token).substr(kTokenPrefix.size())) {
    const char* at = std::char_traits<char>::find(kAlphabet, 64, c);
    if (at == nullptr) return std::nullopt;
    bits = (bits << 6) | static_cast<unsigned>(at - kAlphabet);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xFF);
    }
  }
  if (out.empty() || out.size() > 64) return std::nullopt;
  for (char c : out) {
    if (c < '-' || c > 'z') return std::nullopt;  // ids are printable ASCII
  }
  return out;
}

Status ValidatePage(const PageRequest& request, PageBounds bounds) {
  if (request.max_results && (*request.max_results < bounds.min || *request.max_results > bounds.max)) {
    return MakeError(codes::kInvalidParameterValue,
                     "Value ( " + std::to_string(*request.max_results) +
                         " ) for parameter maxResults is invalid. Expecting a value between " +
                         std::to_string(bounds.min) + " and " + std::to_string(bounds.max) + ".");
  }
  if (request.next_token && !DecodePageToken(*request.next_token)) {
    return MakeError(codes::kInvalidPaginationToken, "Invalid pagination token: " + *request.next_token);
  }
  return Ok{};
}

}  // namespace localec2::model
