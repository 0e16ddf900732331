// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from '@openzeppelin/contracts/token/ERC20/ERC20.sol';

/// @notice Test-only ERC-20 with open minting, used by the revenue tests and the dev genesis.
contract TestERC20 is ERC20 {
  constructor() ERC20('Test USD', 'TUSD') {}

  function mint(address to, uint256 amount) external {
    _mint(to, amount);
  }
}
