// SPDX-License-Identifier: MIT
// Contracts of the executor's determinism tests and benchmark. Compiled by compile.mjs (solc 0.8.30,
// optimizer 200 runs) into bytecode.json, which is checked in so tests never run solc.
pragma solidity 0.8.30;

contract Token {
    mapping(address => uint256) public balanceOf;
    event Transfer(address indexed from, address indexed to, uint256 value);

    function transfer(address to, uint256 value) external returns (bool) {
        uint256 b = balanceOf[msg.sender];
        require(b >= value, "balance");
        unchecked { balanceOf[msg.sender] = b - value; }
        balanceOf[to] += value;
        emit Transfer(msg.sender, to, value);
        return true;
    }
}

contract Pool {
    uint256 public reserve0;
    uint256 public reserve1;
    event Swap(address indexed sender, uint256 amountIn, uint256 amountOut);

    function swap(uint256 amountIn) external returns (uint256 out) {
        uint256 r0 = reserve0;
        uint256 r1 = reserve1;
        out = (r1 * amountIn * 997) / (r0 * 1000 + amountIn * 997);
        reserve0 = r0 + amountIn;
        reserve1 = r1 - out;
        emit Swap(msg.sender, amountIn, out);
    }
}

contract Counter {
    mapping(uint256 => uint256) public counts;

    function bump(uint256 key) external {
        counts[key] += 1;
    }
}

contract Misc {
    uint256 public seen;

    // Reads the coinbase balance: parallel execution must not credit the coinbase lazily here.
    function probe() external {
        seen = block.coinbase.balance;
    }

    function fail() external pure {
        revert("nope");
    }

    function burn(uint256 n) external {
        for (uint256 i = 0; i < n; i++) seen = i;
    }

    function destroy() external {
        selfdestruct(payable(msg.sender));
    }

    // Creates a contract that self-destructs in its constructor (EIP-6780: deleted in the same tx).
    function ephemeral() external payable {
        new Ephemeral{value: msg.value}(payable(msg.sender));
    }

    function deploy() external returns (address) {
        return address(new Counter());
    }
}

contract Ephemeral {
    constructor(address payable to) payable {
        selfdestruct(to);
    }
}
