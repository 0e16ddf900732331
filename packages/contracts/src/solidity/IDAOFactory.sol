// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IDAO} from './IDAO.sol';

/// @title IDAOFactory
/// @notice Deploys iDAOs; the caller becomes the founder (first Human member and admin).
contract IDAOFactory {
  address public immutable token;
  address[] private _idaos;
  mapping(address => bool) public isIdao;

  event IdaoCreated(address indexed idao, address indexed founder, string name, IDAO.VotingMode votingMode);

  error InvalidVotingPeriod();

  constructor(address token_) {
    token = token_;
  }

  function createIdao(
    string calldata name,
    string calldata description,
    IDAO.VotingMode votingMode,
    uint64 votingPeriod,
    uint64 timelock,
    uint256 quorum,
    uint256 depositClassId,
    uint256 minDeposit
  ) external returns (address idao) {
    if (votingPeriod == 0) revert InvalidVotingPeriod();
    IDAO.Config memory cfg = IDAO.Config({
      name: name,
      description: description,
      token: token,
      votingMode: votingMode,
      votingPeriod: votingPeriod,
      timelock: timelock,
      quorum: quorum,
      depositClassId: depositClassId,
      minDeposit: minDeposit
    });
    idao = address(new IDAO(cfg, msg.sender));
    _idaos.push(idao);
    isIdao[idao] = true;
    emit IdaoCreated(idao, msg.sender, name, votingMode);
  }

  function idaoCount() external view returns (uint256) { return _idaos.length; }
  function idaoAt(uint256 index) external view returns (address) { return _idaos[index]; }
  function allIdaos() external view returns (address[] memory) { return _idaos; }
}
