#include "api/answer_cache.hpp"

namespace localec2::api {

std::optional<std::string> AnswerCache::KeyOf(std::string_view action, const model::Caller& caller,
                                              const nlohmann::json& input) {
  // Both read static catalogs: the regions, and the zones of the caller's region.
  if (action != "DescribeRegions" && action != "DescribeAvailabilityZones") return std::nullopt;
  std::string key(action);
  key += '\n';
  key += caller.region;
  key += '\n';
  key += input.dump();
  return key;
}

std::optional<std::string> AnswerCache::Find(const std::string& key, std::string_view request_id) const {
  std::shared_lock lock(mutex_);
  auto it = answers_.find(key);
  if (it == answers_.end()) return std::nullopt;
  std::string body;
  body.reserve(it->second.before.size() + request_id.size() + it->second.after.size());
  body += it->second.before;
  body += request_id;
  body += it->second.after;
  return body;
}

void AnswerCache::Keep(const std::string& key, std::string_view body, std::string_view request_id) {
  const size_t at = body.find(request_id);
  if (request_id.empty() || at == std::string_view::npos) return;
  Answer answer{std::string(body.substr(0, at)), std::string(body.substr(at + request_id.size()))};
  std::unique_lock lock(mutex_);
  if (answers_.size() >= kMaxAnswers) answers_.clear();
  answers_.insert_or_assign(key, std::move(answer));
}

}  // namespace localec2::api
