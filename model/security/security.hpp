// The security family: key pairs (key_pairs.cpp) and security groups with their rules
// (security_groups.cpp, security_group_rules.cpp, security_group_describe.cpp). Each call runs in the Ec2
// engine (core/tx.hpp) for the caller's account and region; a mutating call changes nothing when it
// answers an error.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/core/ec2.hpp"
#include "model/core/filter.hpp"
#include "model/core/resources.hpp"
#include "model/core/result.hpp"
#include "model/core/tagging.hpp"

namespace localec2::model {

// ---- Key pairs (key_pairs.cpp): per account and region; the private key is returned once, never kept ----

struct CreateKeyPairRequest {
  std::string key_name;
  std::string key_type = "rsa";    // rsa | ed25519
  std::string key_format = "pem";  // pem | ppk
  std::vector<TagSpecification> tag_specifications;
};
struct CreatedKeyPair {
  KeyPair key_pair;
  std::string key_material;  // the private key: returned here once, never stored
};
struct ImportKeyPairRequest {
  std::string key_name;
  std::string public_key_material;
  std::vector<TagSpecification> tag_specifications;
};
struct DescribeKeyPairsRequest {
  std::vector<std::string> key_names;
  std::vector<std::string> key_pair_ids;
  std::vector<Filter> filters;  // key-pair-id, key-name, fingerprint, key-type, tag:, tag-key, tag-value
};

// Creates a key pair with new key material (generated outside the engine's lock: RSA is slow).
// Errors: InvalidKeyPair.Duplicate, InvalidParameterValue (name, type, format, tags), TagLimitExceeded.
Result<CreatedKeyPair> CreateKeyPair(Ec2& ec2, const Caller& caller, const CreateKeyPairRequest& request);
// Imports an OpenSSH public key. Errors: InvalidKeyPair.Duplicate, InvalidKey.Format, tag errors.
Result<KeyPair> ImportKeyPair(Ec2& ec2, const Caller& caller, const ImportKeyPairRequest& request);
// The key pairs named (all when none), filtered, in id order. Errors: InvalidKeyPair.NotFound for a named
// key or id that does not exist; unknown filter.
Result<std::vector<KeyPair>> DescribeKeyPairs(Ec2& ec2, const Caller& caller,
                                              const DescribeKeyPairsRequest& request);
// Deletes by id, or else by name; deleting a key that does not exist succeeds, as on AWS, and commits
// nothing. Returns the deleted key's id, or empty. Errors: MissingParameter (neither given).
Result<std::string> DeleteKeyPair(Ec2& ec2, const Caller& caller, const std::string& key_name,
                                  const std::string& key_pair_id);

}  // namespace localec2::model
