// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// A 6-decimal dollar-like token for local stacks and tests. Anyone may mint: never deploy it
/// where its balances mean money.
contract TestToken is ERC20 {
    constructor() ERC20("Tollgate Test Dollar", "TTD") {}

    function decimals() public pure override returns (uint8) {
        return 6;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
