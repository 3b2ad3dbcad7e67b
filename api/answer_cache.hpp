// The XML answers of the actions whose answer depends only on their input and the caller's region (the
// region and zone catalogs), kept as bytes around the request id: such a call is then form decoding,
// input parsing and two appends, with no output tree and no XML walk. Thread-safe; bounded.
#pragma once

#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "model/core/caller.hpp"
#include "nlohmann/json.hpp"

namespace localec2::api {

class AnswerCache {
 public:
  // The key of a call to `action` if its answer can be kept, else nullopt.
  static std::optional<std::string> KeyOf(std::string_view action, const model::Caller& caller,
                                          const nlohmann::json& input);
  // The kept answer for `key` carrying `request_id`, if any.
  std::optional<std::string> Find(const std::string& key, std::string_view request_id) const;
  // Keeps `body`, the successful answer that carried `request_id`.
  void Keep(const std::string& key, std::string_view body, std::string_view request_id);

 private:
  struct Answer {
    std::string before;  // the body up to the request id
    std::string after;   // and after it
  };
  static constexpr size_t kMaxAnswers = 256;  // distinct filter combinations; more clears the cache
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, Answer> answers_;
};

}  // namespace localec2::api
