#include "api/auth/credentials.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "model/core/caller.hpp"
#include "model/core/error_codes.hpp"

namespace localec2::api {
namespace {

model::Error Invalid(const std::string& why) {
  return model::MakeError(model::codes::kInvalidParameterValue, "credentials: " + why);
}

}  // namespace

model::Result<CredentialStore> CredentialStore::Parse(const std::string& text) {
  CredentialStore store;
  auto add = [&](const std::string& key, const std::string& secret,
                 const std::string& account) -> model::Status {
    if (key.empty() || secret.empty()) return Invalid("an access key id and a secret are required");
    if (!model::IsAccountId(account))
      return Invalid("account id '" + account + "' of " + key + " is not 12 digits");
    store.keys_[key] = {secret, account};
    return model::Ok{};
  };
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text[first] == '[') {
    try {
      for (const nlohmann::json& entry : nlohmann::json::parse(text)) {
        if (auto added =
                add(entry.at("AccessKeyId").get<std::string>(),
                    entry.at("SecretAccessKey").get<std::string>(), entry.at("AccountId").get<std::string>());
            !added)
          return added.error();
      }
    } catch (const nlohmann::json::exception& e) {
      return Invalid(e.what());
    }
  } else {
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find(',', start);
      if (end == std::string::npos) end = text.size();
      std::string item = text.substr(start, end - start);
      std::erase_if(item, [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; });
      start = end + 1;
      if (item.empty()) continue;
      size_t a = item.find(':');
      size_t b = a == std::string::npos ? a : item.find(':', a + 1);
      if (b == std::string::npos) return Invalid("'" + item.substr(0, a) + "…' is not AKID:SECRET:ACCOUNT");
      if (auto added = add(item.substr(0, a), item.substr(a + 1, b - a - 1), item.substr(b + 1)); !added)
        return added.error();
    }
  }
  if (store.keys_.empty()) return Invalid("no access keys given");
  return store;
}

const Credential* CredentialStore::Find(const std::string& access_key_id) const {
  auto it = keys_.find(access_key_id);
  return it == keys_.end() ? nullptr : &it->second;
}

}  // namespace localec2::api
