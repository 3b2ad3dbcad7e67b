// The access keys --auth strict accepts: access key id → secret access key and account id.
#pragma once

#include <map>
#include <string>

#include "model/core/result.hpp"

namespace localec2::api {

struct Credential {
  std::string secret_access_key;
  std::string account_id;
};

class CredentialStore {
 public:
  // From a JSON array [{"AccessKeyId", "SecretAccessKey", "AccountId"}] (a file's text), or from
  // "AKID:SECRET:ACCOUNT[,AKID:SECRET:ACCOUNT…]" (LOCALEC2_CREDENTIALS). Errors: InvalidParameterValue
  // naming what is wrong.
  static model::Result<CredentialStore> Parse(const std::string& text);

  const Credential* Find(const std::string& access_key_id) const;
  bool empty() const { return keys_.empty(); }

 private:
  std::map<std::string, Credential> keys_;
};

}  // namespace localec2::api
