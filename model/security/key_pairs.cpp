// Key pairs: per account and region; the private key is returned once and never kept.
#include <algorithm>

#include "model/core/tx.hpp"
#include "model/security/key_material.hpp"

namespace localec2::model {
namespace {

constexpr FilterField<KeyPair> kKeyPairFilters[] = {
    {"key-pair-id", [](const KeyPair& k, std::string_view, auto& out) { out.push_back(k.key_pair_id); }},
    {"key-name", [](const KeyPair& k, std::string_view, auto& out) { out.push_back(k.key_name); }},
    {"fingerprint", [](const KeyPair& k, std::string_view, auto& out) { out.push_back(k.fingerprint); }},
    {"key-type", [](const KeyPair& k, std::string_view, auto& out) { out.push_back(k.key_type); }},
    LOCALEC2_TAG_FILTERS(KeyPair),
};

const KeyPair* FindByName(const Partition& p, const std::string& name) {
  for (const auto& [id, key] : p.key_pairs) {
    if (key.key_name == name) return &key;
  }
  return nullptr;
}

Status ValidateKeyName(const std::string& name) {
  bool ascii = std::all_of(name.begin(), name.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
  if (name.empty() || name.size() > 255 || !ascii) {
    return MakeError(codes::kInvalidParameterValue,
                     "Value for parameter KeyName is invalid: the name must be 1 to 255 ASCII characters.");
  }
  return Ok{};
}

Error Duplicate(const std::string& name) {
  return MakeError(codes::kKeyPairDuplicate, "The keypair '" + name + "' already exists.");
}

}  // namespace

Result<CreatedKeyPair> Ec2::CreateKeyPair(const Caller& caller, const CreateKeyPairRequest& request) {
  if (auto valid = ValidateKeyName(request.key_name); !valid) return std::move(valid).error();
  if (request.key_type != "rsa" && request.key_type != "ed25519") {
    return MakeError(codes::kInvalidParameterValue, "Invalid value '" + request.key_type + "' for KeyType.");
  }
  if (request.key_format != "pem" && request.key_format != "ppk") {
    return MakeError(codes::kInvalidParameterValue,
                     "Invalid value '" + request.key_format + "' for KeyFormat.");
  }
  auto tags = TagsFor(request.tag_specifications, "key-pair", {"key-pair"});
  if (!tags) return std::move(tags).error();
  {
    std::lock_guard lock(mutex_);
    if (FindByName(PartitionFor(caller), request.key_name)) return Duplicate(request.key_name);
  }
  // Key generation takes milliseconds (RSA): done outside the lock, the name checked again after.
  auto material = keys_.Create(request.key_type, request.key_format, request.key_name);
  if (!material) return std::move(material).error();

  std::lock_guard lock(mutex_);
  Partition& p = PartitionFor(caller);
  if (FindByName(p, request.key_name)) return Duplicate(request.key_name);
  KeyPair key{ids_.NewId("key"),    request.key_name, request.key_type, material->fingerprint,
              material->public_key, clock_.NowMs(),   std::move(*tags)};
  ChangeSet change;
  change.puts.push_back({p.scope, key});
  if (auto committed = CommitAndApply(std::move(change)); !committed) return std::move(committed).error();
  return CreatedKeyPair{std::move(key), std::move(material->private_key)};
}

Result<KeyPair> Ec2::ImportKeyPair(const Caller& caller, const ImportKeyPairRequest& request) {
  if (auto valid = ValidateKeyName(request.key_name); !valid) return std::move(valid).error();
  auto tags = TagsFor(request.tag_specifications, "key-pair", {"key-pair"});
  if (!tags) return std::move(tags).error();
  auto imported = ImportPublicKey(request.public_key_material);
  if (!imported) return std::move(imported).error();

  std::lock_guard lock(mutex_);
  Partition& p = PartitionFor(caller);
  if (FindByName(p, request.key_name)) return Duplicate(request.key_name);
  KeyPair key{ids_.NewId("key"),    request.key_name, imported->key_type, imported->fingerprint,
              imported->public_key, clock_.NowMs(),   std::move(*tags)};
  ChangeSet change;
  change.puts.push_back({p.scope, key});
  if (auto committed = CommitAndApply(std::move(change)); !committed) return std::move(committed).error();
  return key;
}

Result<std::vector<KeyPair>> Ec2::DescribeKeyPairs(const Caller& caller,
                                                   const DescribeKeyPairsRequest& request) {
  auto filters = CompiledFilters<KeyPair>::Compile(request.filters, kKeyPairFilters);
  if (!filters) return std::move(filters).error();
  std::lock_guard lock(mutex_);
  Partition& p = PartitionFor(caller);
  for (const std::string& name : request.key_names) {
    if (!FindByName(p, name))
      return MakeError(codes::kKeyPairNotFound, "The key pair '" + name + "' does not exist");
  }
  for (const std::string& id : request.key_pair_ids) {
    if (!p.key_pairs.count(id)) {
      return MakeError(codes::kKeyPairNotFound, "The key pair ID '" + id + "' does not exist");
    }
  }
  auto named = [&](const KeyPair& k) {
    if (request.key_names.empty() && request.key_pair_ids.empty()) return true;
    return std::count(request.key_names.begin(), request.key_names.end(), k.key_name) > 0 ||
           std::count(request.key_pair_ids.begin(), request.key_pair_ids.end(), k.key_pair_id) > 0;
  };
  std::vector<KeyPair> keys;
  for (const auto& [id, key] : p.key_pairs) {
    if (named(key) && filters->Matches(key)) keys.push_back(key);
  }
  return keys;
}

Result<std::string> Ec2::DeleteKeyPair(const Caller& caller, const std::string& key_name,
                                       const std::string& key_pair_id) {
  if (key_name.empty() && key_pair_id.empty()) {
    return MakeError(codes::kMissingParameter, "The request must contain the parameter KeyName or KeyPairId");
  }
  std::lock_guard lock(mutex_);
  Partition& p = PartitionFor(caller);
  const KeyPair* key = nullptr;
  if (!key_pair_id.empty()) {
    auto it = p.key_pairs.find(key_pair_id);
    if (it != p.key_pairs.end()) key = &it->second;
  } else {
    key = FindByName(p, key_name);
  }
  if (key == nullptr) return std::string();  // AWS answers success for a key that is not there
  std::string id = key->key_pair_id;
  ChangeSet change;
  change.deletes.push_back({p.scope, "key-pair", id});
  if (auto committed = CommitAndApply(std::move(change)); !committed) return std::move(committed).error();
  return id;
}

}  // namespace localec2::model
