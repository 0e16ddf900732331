// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice The part of DataAnchoringToken the other contracts call.
interface IDataAnchoringToken {
  function mintWithFile(uint256 classId, address to, uint256 value, uint256 shareRatio, uint64 expireAt, string calldata url, bool isVerified) external returns (uint256);
  function settleRevenueETH(uint256 classId) external payable;
  function classOf(uint256 tokenId) external view returns (uint256);
  function valueOf(uint256 tokenId) external view returns (uint256);
  function ownerOf(uint256 tokenId) external view returns (address);
  function isExpired(uint256 tokenId) external view returns (bool);
  function totalShareOf(uint256 classId) external view returns (uint256);
  function transferToken(uint256 tokenId, address to) external;
  function recordUsage(uint256 tokenId, bytes32 metricType, uint256 amount) external;
  function createClass(string calldata metadataURI, bytes32 integrityHash, uint8 unitDecimals, string calldata policyURI) external returns (uint256);
  function approveForClass(uint256 classId, address operator, bool approved) external;
}
