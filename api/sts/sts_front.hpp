// STS and IAM at the EC2 endpoint. Terraform, Packer and Ansible call sts:GetCallerIdentity (Terraform may
// try iam:GetUser first) at the endpoint URL they are given, before anything else. Both services speak the
// AWS Query protocol (botocore's sts 2011-06-15 and iam 2010-05-08 models), which differs from EC2's in
// its envelopes:
//   <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
//     <GetCallerIdentityResult><Arn/><UserId/><Account/></GetCallerIdentityResult>
//     <ResponseMetadata><RequestId/></ResponseMetadata>
//   </GetCallerIdentityResponse>
//   <ErrorResponse
//   xmlns="…"><Error><Type>Sender|Receiver</Type><Code/><Message/></Error><RequestId/></ErrorResponse>
// GetCallerIdentity is emulated; every other operation of the two models answers NotImplemented naming the
// service and the action, and a name neither model has answers InvalidAction, as AWS does.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "api/api_types.hpp"
#include "api/auth/caller_identity.hpp"
#include "model/core/caller.hpp"
#include "model/core/result.hpp"
#include "wire/form_decoder.hpp"

namespace localec2::api {

enum class QueryService { kEc2, kSts, kIam };

// Which service a request at the endpoint is for: a signed request's scope service (sts, iam, else EC2);
// for an unsigned one the Version parameter (2011-06-15 STS, 2010-05-08 IAM), and without one EC2, except
// for GetCallerIdentity, which is no EC2 action.
QueryService ServiceOf(const std::optional<CredentialScope>& scope, const wire::FormParams& params,
                       std::string_view action);

// The answer of STS or IAM (`service`) to `action` for `caller`.
ApiResponse HandleStsOrIam(QueryService service, std::string_view action, const model::Caller& caller,
                           const std::string& request_id);

// `error` in the STS or IAM error envelope, with AWS's status for its code.
ApiResponse StsOrIamError(QueryService service, const model::Error& error, const std::string& request_id,
                          std::string action);

}  // namespace localec2::api
