#include "model/marketplace/marketplace.hpp"

#include <algorithm>

#include "model/core/tx.hpp"

namespace localec2::model {
namespace {

Caller SubscriptionCaller(const std::string& account) {
  Caller caller;
  caller.account_id = account;
  caller.region = std::string(kSubscriptionRegion);
  return caller;
}

}  // namespace

Result<std::vector<MarketplaceSubscription>> ListMarketplaceSubscriptions(Ec2& ec2,
                                                                          const std::string& account) {
  return ec2.Read(SubscriptionCaller(account),
                  [](const View& view) -> Result<std::vector<MarketplaceSubscription>> {
                    std::vector<MarketplaceSubscription> listed;
                    for (const auto& [code, subscription] : view.partition().marketplace_subscriptions)
                      listed.push_back(subscription);
                    return listed;
                  });
}

Result<MarketplaceSubscription> SubscribeToProduct(Ec2& ec2, const std::string& account,
                                                   const std::string& product_code) {
  return ec2.Write(SubscriptionCaller(account), [&](Tx& tx) -> Result<MarketplaceSubscription> {
    if (!tx.catalog().HasMarketplaceProduct(product_code)) {
      return MakeError(codes::kInvalidParameterValue, "No AWS Marketplace image carries the product code '" +
                                                          product_code.substr(0, 64) + "'.");
    }
    if (const auto* existing = Lookup<MarketplaceSubscription>(tx.partition(), product_code))
      return *existing;
    MarketplaceSubscription subscription{product_code, tx.now(), {}};
    tx.Put(subscription);
    return subscription;
  });
}

Status UnsubscribeFromProduct(Ec2& ec2, const std::string& account, const std::string& product_code) {
  return ec2.Write(SubscriptionCaller(account), [&](Tx& tx) -> Status {
    if (Lookup<MarketplaceSubscription>(tx.partition(), product_code) == nullptr) {
      return ResourceTraits<MarketplaceSubscription>::NotFound(product_code.substr(0, 64));
    }
    tx.Erase<MarketplaceSubscription>(product_code);
    return Ok{};
  });
}

Status CheckMarketplaceSubscription(const View& view, const Image& image) {
  for (const ProductCode& code : image.product_codes) {
    if (code.type != "marketplace") continue;
    bool subscribed = false;
    for (const Partition* p : view.RegionPartitions(kSubscriptionRegion)) {
      if (p->scope.account_id == view.caller().account_id &&
          Lookup<MarketplaceSubscription>(*p, code.id) != nullptr) {
        subscribed = true;
      }
    }
    if (!subscribed) {
      return MakeError(
          codes::kOptInRequired,
          "In order to use this AWS Marketplace product you need to accept terms and subscribe. To do "
          "so please visit https://aws.amazon.com/marketplace/pp?sku=" +
              code.id);
    }
  }
  return Ok{};
}

}  // namespace localec2::model
