#include "model/core/time_format.hpp"

#include <chrono>
#include <cstdio>

namespace localec2::model {

std::string IsoTime(std::int64_t epoch_ms) {
  using namespace std::chrono;
  sys_time<milliseconds> tp{milliseconds(epoch_ms)};
  auto day_point = floor<days>(tp);
  year_month_day date(day_point);
  hh_mm_ss time(tp - day_point);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()), static_cast<int>(time.subseconds().count()));
  return buf;
}

}  // namespace localec2::model
