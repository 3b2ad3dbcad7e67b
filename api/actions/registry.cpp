#include "api/actions/registry.hpp"

#include <algorithm>

#include "api/actions/catalogs/region_actions.hpp"
#include "api/actions/ebs/snapshot_actions.hpp"
#include "api/actions/ebs/volume_actions.hpp"
#include "api/actions/images/image_actions.hpp"
#include "api/actions/images/image_attribute_actions.hpp"
#include "api/actions/instances/instance_actions.hpp"
#include "api/actions/instances/instance_info_actions.hpp"
#include "api/actions/network/network_actions.hpp"
#include "api/actions/security/key_pair_actions.hpp"
#include "api/actions/security/security_group_actions.hpp"
#include "api/actions/tags/tag_actions.hpp"

namespace localec2::api {
namespace {

#define LOCALEC2_ACTION(name) \
  ActionEntry { #name, &name }

// Sorted by name (checked by a unit test).
constexpr ActionEntry kActions[] = {
    LOCALEC2_ACTION(AssociateIamInstanceProfile),
    LOCALEC2_ACTION(AttachVolume),
    LOCALEC2_ACTION(AuthorizeSecurityGroupEgress),
    LOCALEC2_ACTION(AuthorizeSecurityGroupIngress),
    LOCALEC2_ACTION(CopyImage),
    LOCALEC2_ACTION(CopySnapshot),
    LOCALEC2_ACTION(CreateImage),
    LOCALEC2_ACTION(CreateKeyPair),
    LOCALEC2_ACTION(CreateSecurityGroup),
    LOCALEC2_ACTION(CreateSnapshot),
    LOCALEC2_ACTION(CreateSnapshots),
    LOCALEC2_ACTION(CreateTags),
    LOCALEC2_ACTION(CreateVolume),
    LOCALEC2_ACTION(DeleteKeyPair),
    LOCALEC2_ACTION(DeleteSecurityGroup),
    LOCALEC2_ACTION(DeleteSnapshot),
    LOCALEC2_ACTION(DeleteTags),
    LOCALEC2_ACTION(DeleteVolume),
    LOCALEC2_ACTION(DeregisterImage),
    LOCALEC2_ACTION(DescribeAccountAttributes),
    LOCALEC2_ACTION(DescribeAvailabilityZones),
    LOCALEC2_ACTION(DescribeIamInstanceProfileAssociations),
    LOCALEC2_ACTION(DescribeImageAttribute),
    LOCALEC2_ACTION(DescribeImages),
    LOCALEC2_ACTION(DescribeInstanceAttribute),
    LOCALEC2_ACTION(DescribeInstanceStatus),
    LOCALEC2_ACTION(DescribeInstanceTypeOfferings),
    LOCALEC2_ACTION(DescribeInstanceTypes),
    LOCALEC2_ACTION(DescribeInstances),
    LOCALEC2_ACTION(DescribeKeyPairs),
    LOCALEC2_ACTION(DescribeRegions),
    LOCALEC2_ACTION(DescribeSecurityGroupRules),
    LOCALEC2_ACTION(DescribeSecurityGroups),
    LOCALEC2_ACTION(DescribeSnapshotAttribute),
    LOCALEC2_ACTION(DescribeSnapshots),
    LOCALEC2_ACTION(DescribeSubnets),
    LOCALEC2_ACTION(DescribeTags),
    LOCALEC2_ACTION(DescribeVolumeStatus),
    LOCALEC2_ACTION(DescribeVolumes),
    LOCALEC2_ACTION(DescribeVolumesModifications),
    LOCALEC2_ACTION(DescribeVpcs),
    LOCALEC2_ACTION(DetachVolume),
    LOCALEC2_ACTION(DisableImage),
    LOCALEC2_ACTION(DisableImageDeprecation),
    LOCALEC2_ACTION(DisableImageDeregistrationProtection),
    LOCALEC2_ACTION(DisassociateIamInstanceProfile),
    LOCALEC2_ACTION(EnableImage),
    LOCALEC2_ACTION(EnableImageDeprecation),
    LOCALEC2_ACTION(EnableImageDeregistrationProtection),
    LOCALEC2_ACTION(GetConsoleOutput),
    LOCALEC2_ACTION(ImportKeyPair),
    LOCALEC2_ACTION(ModifyImageAttribute),
    LOCALEC2_ACTION(ModifyInstanceAttribute),
    LOCALEC2_ACTION(ModifySnapshotAttribute),
    LOCALEC2_ACTION(ModifyVolume),
    LOCALEC2_ACTION(RebootInstances),
    LOCALEC2_ACTION(RegisterImage),
    LOCALEC2_ACTION(ReplaceIamInstanceProfileAssociation),
    LOCALEC2_ACTION(ResetImageAttribute),
    LOCALEC2_ACTION(ResetInstanceAttribute),
    LOCALEC2_ACTION(ResetSnapshotAttribute),
    LOCALEC2_ACTION(RevokeSecurityGroupEgress),
    LOCALEC2_ACTION(RevokeSecurityGroupIngress),
    LOCALEC2_ACTION(RunInstances),
    LOCALEC2_ACTION(StartInstances),
    LOCALEC2_ACTION(StopInstances),
    LOCALEC2_ACTION(TerminateInstances),
};

#undef LOCALEC2_ACTION

}  // namespace

Handler FindHandler(std::string_view action) {
  auto it = std::lower_bound(std::begin(kActions), std::end(kActions), action,
                             [](const ActionEntry& e, std::string_view n) { return e.name < n; });
  return it != std::end(kActions) && it->name == action ? it->handler : nullptr;
}

std::span<const ActionEntry> SupportedActions() { return kActions; }

}  // namespace localec2::api
