// libFuzzer target: the form decoder. Input: the query string, a newline, then the body.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "wire/form_decoder.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t newline = input.find('\n');
  std::string_view query = newline == std::string_view::npos ? std::string_view() : input.substr(0, newline);
  std::string_view body = newline == std::string_view::npos ? input : input.substr(newline + 1);
  auto params = localec2::wire::DecodeForm(body, query);
  if (params) (void)params->Find("Action");
  (void)localec2::wire::IsValidUtf8(input);
  return 0;
}
