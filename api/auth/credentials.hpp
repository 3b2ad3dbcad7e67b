// The access keys --auth strict accepts: access key id → secret access key and account id.
#pragma once

#include <map>
#include <string>
#include <utility>

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

  // Also accept, until they expire, the role credentials the metadata service issues under
  // `server_secret` (model/instances/role_credentials.hpp): their key names their account.
  void AcceptRoleCredentials(std::string server_secret) { role_secret_ = std::move(server_secret); }
  // The secret of AcceptRoleCredentials, or empty when role credentials are not accepted.
  const std::string& role_secret() const { return role_secret_; }

 private:
  std::map<std::string, Credential> keys_;
  std::string role_secret_;
};

}  // namespace localec2::api
