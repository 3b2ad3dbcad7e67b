// AWS Marketplace subscriptions: an account subscribes to a product (localec2's control endpoint
// /_localec2/marketplace/subscriptions stands in for the Marketplace's web page), and only then launches
// the images that carry the product's marketplace code, as on AWS.
#pragma once

#include <string>
#include <vector>

#include "model/core/ec2.hpp"
#include "model/core/resources.hpp"
#include "model/core/result.hpp"

namespace localec2::model {

class View;

// Subscriptions are account-wide: each is kept in the account's partition of this region.
inline constexpr std::string_view kSubscriptionRegion = "us-east-1";

// The caller's account's subscriptions, by product code. Never fails but for the store.
Result<std::vector<MarketplaceSubscription>> ListMarketplaceSubscriptions(Ec2& ec2,
                                                                          const std::string& account);
// Subscribes `account` to `product_code` (again: no change) and answers the subscription.
// Errors: InvalidParameterValue when no catalog image carries `product_code` as a marketplace code.
Result<MarketplaceSubscription> SubscribeToProduct(Ec2& ec2, const std::string& account,
                                                   const std::string& product_code);
// Ends `account`'s subscription to `product_code`. Errors: InvalidParameterValue when it has none.
Status UnsubscribeFromProduct(Ec2& ec2, const std::string& account, const std::string& product_code);

// For a launch of `image` by the view's caller: OptInRequired (AWS's wording, naming the product) while
// the caller's account is not subscribed to one of the image's marketplace product codes.
Status CheckMarketplaceSubscription(const View& view, const Image& image);

}  // namespace localec2::model
