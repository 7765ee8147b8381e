// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IChannel} from "./interfaces/IChannel.sol";
import {IChannelFactory} from "./interfaces/IChannelFactory.sol";
import {LibAsset} from "./lib/LibAsset.sol";

/// Deploys each channel as an EIP-1167 minimal proxy of the mastercopy at a CREATE2 address
/// derived from (alice, bob, chainId), so a payer can deposit to the address before it exists.
contract ChannelFactory is IChannelFactory {
    using SafeERC20 for IERC20;

    // EIP-1167 proxy init code around the 20-byte mastercopy address.
    bytes private constant PROXY_PREFIX = hex"3d602d80600a3d3981f3363d3d373d3d3d363d73";
    bytes private constant PROXY_SUFFIX = hex"5af43d82803e903d91602b57fd5bf3";

    address private immutable mastercopy;
    uint256 private immutable chainId;

    constructor(address _mastercopy, uint256 _chainId) {
        require(_mastercopy.code.length > 0, "ChannelFactory: MASTERCOPY_NOT_A_CONTRACT");
        mastercopy = _mastercopy;
        // Zero means "the chain this runs on"; a fixed id keeps addresses stable for tests
        // on forks whose id differs from the one the parties sign for.
        chainId = _chainId == 0 ? block.chainid : _chainId;
    }

    function getMastercopy() external view override returns (address) {
        return mastercopy;
    }

    function getChainId() external view override returns (uint256) {
        return chainId;
    }

    function getProxyCreationCode() public view override returns (bytes memory) {
        return abi.encodePacked(PROXY_PREFIX, mastercopy, PROXY_SUFFIX);
    }

    function getChannelAddress(address alice, address bob) public view override returns (address) {
        bytes32 codeHash = keccak256(getProxyCreationCode());
        bytes32 digest = keccak256(abi.encodePacked(bytes1(0xff), address(this), salt(alice, bob), codeHash));
        return address(uint160(uint256(digest)));
    }

    function createChannel(address alice, address bob) public override returns (address) {
        address channel = deploy(alice, bob);
        IChannel(payable(channel)).setup(alice, bob);
        emit ChannelCreation(channel, alice, bob);
        return channel;
    }

    function createChannelAndDepositAlice(address alice, address bob, address assetId, uint256 amount)
        external
        payable
        override
        returns (address)
    {
        address channel = createChannel(alice, bob);
        if (LibAsset.isEther(assetId)) {
            require(msg.value == amount, "ChannelFactory: VALUE_MISMATCH");
            IChannel(payable(channel)).depositAlice{value: amount}(assetId, amount);
        } else {
            require(msg.value == 0, "ChannelFactory: ETHER_WITH_TOKEN_DEPOSIT");
            IERC20(assetId).safeTransferFrom(msg.sender, address(this), amount);
            IERC20(assetId).forceApprove(channel, amount);
            IChannel(payable(channel)).depositAlice(assetId, amount);
        }
        return channel;
    }

    function salt(address alice, address bob) private view returns (bytes32) {
        return keccak256(abi.encodePacked(alice, bob, chainId));
    }

    function deploy(address alice, address bob) private returns (address channel) {
        bytes memory code = getProxyCreationCode();
        bytes32 s = salt(alice, bob);
        assembly {
            channel := create2(0, add(code, 0x20), mload(code), s)
        }
        require(channel != address(0), "ChannelFactory: CHANNEL_EXISTS");
    }
}
