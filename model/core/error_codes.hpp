// Every AWS error code localec2 answers with, in one place (AWS names are data). The HTTP status of
// each is in api/protocol/error_status.cpp; codes not listed there are 400.
#pragma once

#include <string_view>

namespace localec2::model::codes {

// Request-level (any action).
inline constexpr std::string_view kInvalidAction = "InvalidAction";
inline constexpr std::string_view kMissingAction = "MissingAction";
inline constexpr std::string_view kNotImplemented = "NotImplemented";  // known to EC2, not emulated yet
inline constexpr std::string_view kMissingParameter = "MissingParameter";
inline constexpr std::string_view kUnknownParameter = "UnknownParameter";
inline constexpr std::string_view kInvalidParameterValue = "InvalidParameterValue";
inline constexpr std::string_view kInvalidParameterCombination = "InvalidParameterCombination";
inline constexpr std::string_view kInvalidParameter = "InvalidParameter";
inline constexpr std::string_view kMalformedQueryString = "MalformedQueryString";
inline constexpr std::string_view kRequestEntityTooLarge = "RequestEntityTooLarge";
inline constexpr std::string_view kInvalidRequest = "InvalidRequest";
inline constexpr std::string_view kAuthFailure = "AuthFailure";
inline constexpr std::string_view kDryRunOperation = "DryRunOperation";
inline constexpr std::string_view kInternalError = "InternalError";
inline constexpr std::string_view kServiceUnavailable = "ServiceUnavailable";
inline constexpr std::string_view kInvalidPaginationToken = "InvalidPaginationToken";
inline constexpr std::string_view kFilterLimitExceeded = "FilterLimitExceeded";
inline constexpr std::string_view kTagLimitExceeded = "TagLimitExceeded";
inline constexpr std::string_view kInvalidId = "InvalidID";
inline constexpr std::string_view kDependencyViolation = "DependencyViolation";
inline constexpr std::string_view kCannotDelete = "CannotDelete";

// Key pairs.
inline constexpr std::string_view kKeyPairDuplicate = "InvalidKeyPair.Duplicate";
inline constexpr std::string_view kKeyPairNotFound = "InvalidKeyPair.NotFound";
inline constexpr std::string_view kKeyFormat = "InvalidKey.Format";

// Security groups.
inline constexpr std::string_view kGroupNotFound = "InvalidGroup.NotFound";
inline constexpr std::string_view kGroupDuplicate = "InvalidGroup.Duplicate";
inline constexpr std::string_view kGroupReserved = "InvalidGroup.Reserved";
inline constexpr std::string_view kGroupIdMalformed = "InvalidGroupId.Malformed";
inline constexpr std::string_view kPermissionDuplicate = "InvalidPermission.Duplicate";
inline constexpr std::string_view kPermissionNotFound = "InvalidPermission.NotFound";
inline constexpr std::string_view kRuleIdMalformed = "InvalidSecurityGroupRuleId.Malformed";
inline constexpr std::string_view kRuleIdNotFound = "InvalidSecurityGroupRuleId.NotFound";

// VPCs and subnets.
inline constexpr std::string_view kVpcIdMalformed = "InvalidVpcID.Malformed";
inline constexpr std::string_view kVpcIdNotFound = "InvalidVpcID.NotFound";
inline constexpr std::string_view kSubnetIdMalformed = "InvalidSubnetID.Malformed";
inline constexpr std::string_view kSubnetIdNotFound = "InvalidSubnetID.NotFound";

// Images and instances.
inline constexpr std::string_view kAmiIdMalformed = "InvalidAMIID.Malformed";
inline constexpr std::string_view kAmiIdNotFound = "InvalidAMIID.NotFound";
inline constexpr std::string_view kInstanceIdMalformed = "InvalidInstanceID.Malformed";
inline constexpr std::string_view kInstanceIdNotFound = "InvalidInstanceID.NotFound";
inline constexpr std::string_view kIncorrectInstanceState = "IncorrectInstanceState";
inline constexpr std::string_view kUnsupportedOperation = "UnsupportedOperation";
inline constexpr std::string_view kOperationNotPermitted = "OperationNotPermitted";
inline constexpr std::string_view kInvalidBlockDeviceMapping = "InvalidBlockDeviceMapping";
inline constexpr std::string_view kInsufficientFreeAddresses = "InsufficientFreeAddressesInSubnet";
inline constexpr std::string_view kUnsupportedHibernation = "UnsupportedHibernationConfiguration";
inline constexpr std::string_view kAmiIdUnavailable = "InvalidAMIID.Unavailable";
inline constexpr std::string_view kAmiNameMalformed = "InvalidAMIName.Malformed";
inline constexpr std::string_view kAmiNameDuplicate = "InvalidAMIName.Duplicate";
inline constexpr std::string_view kUserIdMalformed = "InvalidUserID.Malformed";
inline constexpr std::string_view kInvalidParameterDependency = "InvalidParameterDependency";
inline constexpr std::string_view kIncorrectState = "IncorrectState";

// Snapshots and volumes.
inline constexpr std::string_view kSnapshotIdMalformed = "InvalidSnapshotID.Malformed";
inline constexpr std::string_view kSnapshotNotFound = "InvalidSnapshot.NotFound";
inline constexpr std::string_view kSnapshotInUse = "InvalidSnapshot.InUse";
inline constexpr std::string_view kVolumeIdMalformed = "InvalidVolumeID.Malformed";
inline constexpr std::string_view kVolumeNotFound = "InvalidVolume.NotFound";
inline constexpr std::string_view kVolumeZoneMismatch = "InvalidVolume.ZoneMismatch";
inline constexpr std::string_view kVolumeInUse = "VolumeInUse";
inline constexpr std::string_view kAttachmentNotFound = "InvalidAttachment.NotFound";
inline constexpr std::string_view kZoneNotFound = "InvalidZone.NotFound";
inline constexpr std::string_view kVolumeModificationRateExceeded = "VolumeModificationRateExceeded";

}  // namespace localec2::model::codes
