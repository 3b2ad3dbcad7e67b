// /_localec2/marketplace/subscriptions: the stand-in for AWS Marketplace's "Continue to Subscribe" page.
// An account subscribes to a product here before it launches the product's images (RunInstances answers
// OptInRequired until then, as AWS does).
//
//   GET    /_localec2/marketplace/subscriptions           → 200 {"Subscriptions":[{"ProductCode":…,
//                                                                "AccountId":…,"SubscribedAt":ISO 8601}]}
//   POST   /_localec2/marketplace/subscriptions           body {"ProductCode":"…"} → 200 the subscription
//                                                          (subscribing again changes nothing)
//   DELETE /_localec2/marketplace/subscriptions/CODE      → 200 {"Unsubscribed":"CODE"}
//
// Refusals are JSON {"error":"…"}: 400 for a body that is not a JSON object with exactly a string
// ProductCode or a bad ?account=, 404 for a product no catalog image carries or a subscription the account
// does not have (and any other path below the prefix), 405 for another method. The account is ?account=ID,
// else the default account; with --auth strict the request must be signed (else the EC2-style refusal) and
// acts on the signer's account, the query being ignored.
#pragma once

#include "control/control_types.hpp"
#include "model/core/ec2.hpp"

namespace localec2::control {

inline constexpr std::string_view kSubscriptionsPath = "/_localec2/marketplace/subscriptions";

// Answers every method on kSubscriptionsPath and below it, as described above; never throws.
ControlResponse MarketplaceSubscriptions(const ControlOptions& options, model::Ec2& ec2,
                                         const ControlRequest& request) noexcept;

}  // namespace localec2::control
