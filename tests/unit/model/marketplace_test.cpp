#include "model/marketplace/marketplace.hpp"

#include <catch2/catch.hpp>

#include "model/images/images.hpp"
#include "model/instances/instances.hpp"
#include "tests/support/model_test_support.hpp"

using namespace localec2;
using test::CodeOf;

namespace {

// The catalog's Palisade firewall (x86_64) of `caller`'s region.
std::string Firewall(model::Ec2& ec2, const model::Caller& caller) {
  model::DescribeImagesRequest request;
  request.owners = {"aws-marketplace"};
  request.filters = {{"name", {"palisade-ngfw-*"}}, {"architecture", {"x86_64"}}};
  auto page = DescribeImages(ec2, caller, request);
  REQUIRE(page);
  REQUIRE(page->items.size() == 1);
  REQUIRE(page->items[0].product_codes.size() == 1);
  CHECK(page->items[0].product_codes[0].id == "29326ml64lg2tjf8cz2ka7edc");
  CHECK(page->items[0].product_codes[0].type == "marketplace");
  return page->items[0].image_id;
}

model::Result<model::Reservation> Launch(model::Ec2& ec2, const model::Caller& caller,
                                         const std::string& ami) {
  model::RunInstancesRequest request;
  request.image_id = ami;
  request.instance_type = "t3.micro";
  return RunInstances(ec2, caller, request);
}

}  // namespace

TEST_CASE_METHOD(
    test::ModelFixture,
    "a Marketplace image launches only once the account subscribed to its product, in every region",
    "[model][marketplace]") {
  auto refused = Launch(ec2, alice, Firewall(ec2, alice));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == "OptInRequired");
  CHECK(
      refused.error().message ==
      "In order to use this AWS Marketplace product you need to accept terms and subscribe. To do so please "
      "visit https://aws.amazon.com/marketplace/pp?sku=29326ml64lg2tjf8cz2ka7edc");
  CHECK(model::HttpStatusFor("OptInRequired") == 401);

  auto subscribed = model::SubscribeToProduct(ec2, "111111111111", "29326ml64lg2tjf8cz2ka7edc");
  REQUIRE(subscribed);
  CHECK(subscribed->product_code == "29326ml64lg2tjf8cz2ka7edc");
  CHECK(subscribed->subscribed_ms == clock.NowMs());
  CHECK(Launch(ec2, alice, Firewall(ec2, alice)));
  CHECK(Launch(ec2, alice_eu, Firewall(ec2, alice_eu)));  // subscriptions are account-wide
  CHECK(CodeOf(Launch(ec2, bob, Firewall(ec2, bob))) == "OptInRequired");
  // Subscribing again changes nothing; the list shows one subscription.
  REQUIRE(model::SubscribeToProduct(ec2, "111111111111", "29326ml64lg2tjf8cz2ka7edc"));
  auto listed = model::ListMarketplaceSubscriptions(ec2, "111111111111");
  REQUIRE(listed);
  REQUIRE(listed->size() == 1);
  CHECK((*listed)[0].product_code == "29326ml64lg2tjf8cz2ka7edc");

  REQUIRE(model::UnsubscribeFromProduct(ec2, "111111111111", "29326ml64lg2tjf8cz2ka7edc"));
  CHECK(CodeOf(Launch(ec2, alice, Firewall(ec2, alice))) == "OptInRequired");
  CHECK(CodeOf(model::UnsubscribeFromProduct(ec2, "111111111111", "29326ml64lg2tjf8cz2ka7edc")) ==
        "InvalidParameterValue");
  CHECK(CodeOf(model::SubscribeToProduct(ec2, "111111111111", "nosuchproductcode00000000")) ==
        "InvalidParameterValue");
  // Images without a product code need no subscription.
  model::DescribeImagesRequest amazon;
  amazon.owners = {"amazon"};
  amazon.filters = {{"name", {"al2023-ami-*"}}, {"architecture", {"x86_64"}}};
  auto page = DescribeImages(ec2, bob, amazon);
  REQUIRE(page);
  CHECK(Launch(ec2, bob, page->items[0].image_id));
}

TEST_CASE_METHOD(test::ModelFixture,
                 "the catalog offers Marketplace stand-ins across categories, each with a code",
                 "[model][marketplace]") {
  model::DescribeImagesRequest request;
  request.owners = {"aws-marketplace"};
  auto page = DescribeImages(ec2, alice, request);
  REQUIRE(page);
  CHECK(page->items.size() == 7);
  for (const model::Image& image : page->items) {
    INFO(image.name);
    CHECK(image.owner_id == "679593333241");
    CHECK(image.owner_alias == "aws-marketplace");
    REQUIRE(image.product_codes.size() == 1);
    CHECK(image.product_codes[0].id.size() == 25);
    CHECK_FALSE(image.description.empty());
  }
}
