// localec2's own JSON endpoints, beside the EC2 API rather than inside it: the health check that
// LocalStack-style tooling polls, the reset that test suites call between tests and the Marketplace
// subscriptions (marketplace.hpp). main.cpp routes them
// and injects what belongs to other layers (the signature check, the wording of a refusal).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "control/control_types.hpp"
#include "model/core/ec2.hpp"

namespace localec2::control {

class Control {
 public:
  // `ec2` must outlive this object.
  Control(ControlOptions options, model::Ec2& ec2);

  // GET /_localec2/health and GET /_localstack/health: {"status":"running","version":…,"services":
  // {"ec2":"running"}}, whatever the query. Other methods are not routed here.
  ControlResponse Health(const ControlRequest& request) const noexcept;

  // POST /_localec2/reset[?account=ID]: forgets every account's state, or only ID's, for test suites, and
  // answers {"reset":"all"} or {"reset":ID}. Anything else in the query — a query that does not decode, a
  // parameter other than account, an account that is not 12 digits — is refused (render_error's answer:
  // InvalidParameterValue or UnknownParameter, 400) and forgets nothing.
  // Strict mode: the query is ignored; the request must pass `authenticate` (else render_error's answer,
  // logged "reset <code>") and forgets only the signer's account. A storage failure: 500
  // {"error":"reset failed"}, the detail on stderr.
  ControlResponse Reset(const ControlRequest& request) const noexcept;
  // POST /moto-api/reset, so suites written for moto's server mode keep their reset between tests: Reset's
  // rules, answered as moto does ({"status": "ok"}); GET answers moto's 400.
  ControlResponse MotoReset(const ControlRequest& request) const noexcept;

  // Any method on /_localec2/marketplace/subscriptions and below it: see marketplace.hpp.
  ControlResponse Marketplace(const ControlRequest& request) const noexcept;
  // Any method on /_localec2/cost: see cost.hpp.
  ControlResponse Cost(const ControlRequest& request) const noexcept;

  // Every endpoint above with its method and path, for the composition root to route. The handlers refer
  // to this object, which must outlive them.
  std::vector<Endpoint> Endpoints() const;

 private:
  // Reset's rules for `endpoint`; `answer` words the success body from the scope forgotten.
  using Answer = std::string (*)(const std::optional<std::string>& scope);
  ControlResponse Forget(const ControlRequest& request, const char* endpoint, Answer answer) const noexcept;
  // render_error's answer for `error`, logged as "<endpoint> <code>"; a bare 500 if even that fails.
  ControlResponse Refuse(const model::Error& error, const char* endpoint) const noexcept;

  ControlOptions options_;
  model::Ec2& ec2_;
};

}  // namespace localec2::control
