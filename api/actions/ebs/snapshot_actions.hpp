#pragma once

#include "api/actions/action.hpp"

namespace localec2::api {

model::Result<Json> CreateSnapshot(ActionContext& context, const Json& input);
model::Result<Json> CreateSnapshots(ActionContext& context, const Json& input);
model::Result<Json> CopySnapshot(ActionContext& context, const Json& input);
model::Result<Json> DeleteSnapshot(ActionContext& context, const Json& input);
model::Result<Json> DescribeSnapshots(ActionContext& context, const Json& input);
model::Result<Json> DescribeSnapshotAttribute(ActionContext& context, const Json& input);
model::Result<Json> ModifySnapshotAttribute(ActionContext& context, const Json& input);
model::Result<Json> ResetSnapshotAttribute(ActionContext& context, const Json& input);

}  // namespace localec2::api
