// What the lifecycle does to an instance's network interfaces (instance_network.cpp): a stop releases the
// public address AWS gave at launch (an Elastic IP stays), a start gives a new one, a termination deletes
// the DeleteOnTermination interfaces (their Elastic IPs are disassociated) and detaches the others.
#pragma once

#include "model/core/resources.hpp"
#include "model/network/addressing.hpp"

namespace localec2::model {

class Tx;

void ReleasePublicAddressesOnStop(Tx& tx, const Instance& instance);
void RenewPublicAddressOnStart(Tx& tx, const Instance& instance, PublicAddressAllocator& public_addresses);
void ReleaseInterfacesOnTermination(Tx& tx, const Instance& instance);
// The primary interface follows ModifyInstanceAttribute's groups and SourceDestCheck (AWS keeps them on it).
void SyncPrimaryInterface(Tx& tx, const Instance& instance);

}  // namespace localec2::model
