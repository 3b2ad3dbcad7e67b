// Expected failures as values: an AWS error (code + client-facing message) or a value, never both,
// never neither. Free on success; [[nodiscard]] so a failure cannot be dropped silently.
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace localec2::model {

struct Error {
  std::string code;     // an AWS error code from error_codes.hpp
  std::string message;  // AWS's wording, shown to the client
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(state_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const& {
    assert(!ok());
    return std::get<1>(state_);
  }
  Error&& error() && {
    assert(!ok());
    return std::get<1>(std::move(state_));
  }

 private:
  std::variant<T, Error> state_;
};

// Result of an operation that returns nothing on success.
struct Ok {};
using Status = Result<Ok>;

}  // namespace localec2::model

namespace localec2::model {

// An Error with `code` (a string_view constant from error_codes.hpp) and AWS's message.
inline Error MakeError(std::string_view code, std::string message) {
  return Error{std::string(code), std::move(message)};
}

}  // namespace localec2::model
