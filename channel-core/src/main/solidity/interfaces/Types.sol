// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// A two-party split of one asset: amount[i] is paid to to[i].
struct Balance {
    uint256[2] amount;
    address payable[2] to;
}

/// The two kinds of message a channel's parties sign; the enum value is the first word of the
/// commitment, so a signature on one kind can never be replayed as the other.
enum CommitmentType {
    ChannelState,
    WithdrawData
}
