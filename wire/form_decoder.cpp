#include "wire/form_decoder.hpp"

#include <algorithm>

#include "model/core/error_codes.hpp"

namespace localec2::wire {
namespace {

using model::Error;
namespace codes = model::codes;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool PercentDecode(std::string_view in, std::string& out) {
  out.clear();
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = HexValue(in[i + 1]), lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += c;
    }
  }
  return true;
}

Error Malformed() {
  return {std::string(codes::kMalformedQueryString), "The query string contains a syntax error."};
}

model::Status Split(std::string_view text, std::vector<FormParams::Param>& out) {
  while (!text.empty()) {
    size_t amp = text.find('&');
    std::string_view pair = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
    if (pair.empty()) continue;  // tolerate "a=1&&b=2" and a trailing '&', as AWS does
    size_t eq = pair.find('=');
    FormParams::Param param;
    std::string_view raw_name = pair.substr(0, eq);
    std::string_view raw_value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    std::string value;
    if (!PercentDecode(raw_name, param.name) || !PercentDecode(raw_value, value)) return Malformed();
    if (param.name.empty() || !IsValidUtf8(param.name) || !IsValidUtf8(value)) return Malformed();
    param.value = std::move(value);
    out.push_back(std::move(param));
  }
  return model::Ok{};
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  size_t n = text.size(), i = 0;
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    unsigned cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    static constexpr unsigned kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

const FormParams::Param* FormParams::Find(std::string_view name) const {
  auto it = std::lower_bound(params_.begin(), params_.end(), name,
                             [](const Param& p, std::string_view n) { return p.name < n; });
  return it != params_.end() && it->name == name ? &*it : nullptr;
}

std::pair<const FormParams::Param*, const FormParams::Param*> FormParams::WithPrefix(
    std::string_view prefix) const {
  auto begin = std::lower_bound(params_.begin(), params_.end(), prefix,
                                [](const Param& p, std::string_view n) { return p.name < n; });
  auto end = begin;
  while (end != params_.end() && std::string_view(end->name).starts_with(prefix)) ++end;
  const Param* base = params_.data();
  return {base + (begin - params_.begin()), base + (end - params_.begin())};
}

model::Result<FormParams> DecodeForm(std::string_view body) { return DecodeForm(body, {}); }

model::Result<FormParams> DecodeForm(std::string_view body, std::string_view query) {
  std::vector<FormParams::Param> params;
  if (auto split = Split(body, params); !split) return std::move(split).error();
  if (auto split = Split(query, params); !split) return std::move(split).error();
  std::sort(params.begin(), params.end(),
            [](const FormParams::Param& a, const FormParams::Param& b) { return a.name < b.name; });
  for (size_t i = 1; i < params.size(); ++i) {
    if (params[i].name == params[i - 1].name) {
      return Error{std::string(codes::kInvalidParameterValue),
                   "The parameter " + params[i].name + " is specified more than once"};
    }
  }
  return FormParams(std::move(params));
}

}  // namespace localec2::wire
