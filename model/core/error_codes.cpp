#include "model/core/error_codes.hpp"

namespace localec2::model {

int HttpStatusFor(std::string_view code) {
  struct Row {
    std::string_view code;
    int status;
  };
  static constexpr Row kRows[] = {
#define LOCALEC2_ERROR(name, code, status) {code, status},
#include "model/core/errors.def"
#undef LOCALEC2_ERROR
  };
  for (const Row& row : kRows) {
    if (row.code == code) return row.status;
  }
  return 400;
}

}  // namespace localec2::model
