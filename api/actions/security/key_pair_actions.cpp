#include "api/actions/families.hpp"
#include "model/security/security.hpp"

namespace localec2::api {
namespace {

model::Result<Json> CreateKeyPair(ActionContext& context, const Json& input) {
  model::CreateKeyPairRequest request{StringMember(input, "KeyName"), input.value("KeyType", "rsa"),
                                      input.value("KeyFormat", "pem"), TagSpecificationList(input)};
  auto created = model::CreateKeyPair(context.ec2, context.caller, request);
  if (!created) return std::move(created).error();
  const model::KeyPair& key = created->key_pair;
  Json out = {{"KeyPairId", key.key_pair_id},
              {"KeyName", key.key_name},
              {"KeyFingerprint", key.fingerprint},
              {"KeyMaterial", created->key_material}};
  PutTags(out, key.tags);
  return out;
}

model::Result<Json> ImportKeyPair(ActionContext& context, const Json& input) {
  model::ImportKeyPairRequest request{StringMember(input, "KeyName"),
                                      StringMember(input, "PublicKeyMaterial"), TagSpecificationList(input)};
  auto key = model::ImportKeyPair(context.ec2, context.caller, request);
  if (!key) return std::move(key).error();
  Json out = {
      {"KeyPairId", key->key_pair_id}, {"KeyName", key->key_name}, {"KeyFingerprint", key->fingerprint}};
  PutTags(out, key->tags);
  return out;
}

model::Result<Json> DescribeKeyPairs(ActionContext& context, const Json& input) {
  model::DescribeKeyPairsRequest request{StringList(input, "KeyNames"), StringList(input, "KeyPairIds"),
                                         FilterList(input)};
  auto keys = model::DescribeKeyPairs(context.ec2, context.caller, request);
  if (!keys) return std::move(keys).error();
  const bool include_public_key = BoolMember(input, "IncludePublicKey");
  Json items = Json::array();
  for (const model::KeyPair& key : *keys) {
    Json item = {{"KeyPairId", key.key_pair_id},
                 {"KeyName", key.key_name},
                 {"KeyFingerprint", key.fingerprint},
                 {"KeyType", key.key_type},
                 {"CreateTime", key.create_time_ms}};
    if (include_public_key) item["PublicKey"] = key.public_key;
    PutTags(item, key.tags);
    items.push_back(std::move(item));
  }
  return Json{{"KeyPairs", std::move(items)}};
}

model::Result<Json> DeleteKeyPair(ActionContext& context, const Json& input) {
  auto deleted = model::DeleteKeyPair(context.ec2, context.caller, StringMember(input, "KeyName"),
                                      StringMember(input, "KeyPairId"));
  if (!deleted) return std::move(deleted).error();
  Json out = {{"Return", true}};
  if (!deleted->empty()) out["KeyPairId"] = *deleted;
  return out;
}

}  // namespace

std::span<const ActionEntry> KeyPairActions() {
  static constexpr ActionEntry kActions[] = {LOCALEC2_ACTION(CreateKeyPair), LOCALEC2_ACTION(DeleteKeyPair),
                                             LOCALEC2_ACTION(DescribeKeyPairs),
                                             LOCALEC2_ACTION(ImportKeyPair)};
  return kActions;
}

}  // namespace localec2::api
