#include "api/protocol/timestamp.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>

#include "model/core/time_format.hpp"

namespace localec2::api {
namespace {

bool Digits(std::string_view text, size_t pos, size_t count, int& out) {
  if (pos + count > text.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

}  // namespace

std::optional<std::int64_t> ParseTimestamp(std::string_view text) {
  using namespace std::chrono;
  if (!text.empty() && text.find('-') == std::string_view::npos) {
    double seconds = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (ec != std::errc() || ptr != text.data() + text.size() || seconds < 0 || seconds > 253402300799.0) {
      return std::nullopt;
    }
    return static_cast<std::int64_t>(seconds * 1000);
  }
  int y, mo, d, h = 0, mi = 0, s = 0, ms = 0;
  if (!Digits(text, 0, 4, y) || text.size() < 10 || text[4] != '-' || !Digits(text, 5, 2, mo) ||
      text[7] != '-' || !Digits(text, 8, 2, d)) {
    return std::nullopt;
  }
  size_t pos = 10;
  int offset_minutes = 0;
  if (pos < text.size()) {
    if ((text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ') || !Digits(text, pos + 1, 2, h) ||
        text.size() < pos + 9 || text[pos + 3] != ':' || !Digits(text, pos + 4, 2, mi) ||
        text[pos + 6] != ':' || !Digits(text, pos + 7, 2, s)) {
      return std::nullopt;
    }
    pos += 9;
    if (pos < text.size() && text[pos] == '.') {
      size_t start = ++pos;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
      if (pos == start) return std::nullopt;
      int scale = 100;
      for (size_t i = start; i < pos && scale > 0; ++i, scale /= 10) ms += (text[i] - '0') * scale;
    }
    if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
      ++pos;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
      int oh, om;
      if (!Digits(text, pos + 1, 2, oh) || text.size() != pos + 6 || text[pos + 3] != ':' ||
          !Digits(text, pos + 4, 2, om)) {
        return std::nullopt;
      }
      offset_minutes = (text[pos] == '+' ? 1 : -1) * (oh * 60 + om);
      pos += 6;
    }
    if (pos != text.size()) return std::nullopt;
  }
  year_month_day date{year(y), month(static_cast<unsigned>(mo)), day(static_cast<unsigned>(d))};
  if (!date.ok() || h > 23 || mi > 59 || s > 60) return std::nullopt;
  auto since_epoch = sys_days(date).time_since_epoch() + hours(h) + minutes(mi - offset_minutes) + seconds(s);
  return duration_cast<milliseconds>(since_epoch).count() + ms;
}

std::string FormatTimestamp(std::int64_t epoch_ms) {
  // An answer's timestamps are mostly the same instant (a launch: every instance, volume and interface).
  thread_local std::int64_t last_ms = -1;
  thread_local std::string last_text;
  if (epoch_ms != last_ms) {
    last_text = model::IsoTime(epoch_ms);
    last_ms = epoch_ms;
  }
  return last_text;
}

}  // namespace localec2::api
