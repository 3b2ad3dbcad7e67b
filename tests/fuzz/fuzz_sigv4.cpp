// libFuzzer target: SigV4 verification. Input lines: the Authorization header, X-Amz-Date, the query
// string, then the body (the rest).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/auth/sigv4.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace localec2::api;
  static const CredentialStore keys = *CredentialStore::Parse("AKIDEXAMPLE:secret:111122223333");
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view parts[3];
  for (std::string_view& part : parts) {
    const size_t newline = input.find('\n');
    part = input.substr(0, newline);
    input = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);
  }
  std::vector<std::pair<std::string, std::string>> headers = {
      {"authorization", std::string(parts[0])}, {"x-amz-date", std::string(parts[1])}, {"host", "localhost"}};
  if (parts[0].empty()) headers.erase(headers.begin());
  SignedRequest request{"POST", "/", parts[2], headers, input};
  (void)VerifySigV4(request, keys, 1440938160000);
  return 0;
}
