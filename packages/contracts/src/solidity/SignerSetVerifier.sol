// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from '@openzeppelin/contracts/access/Ownable.sol';
import {ECDSA} from '@openzeppelin/contracts/utils/cryptography/ECDSA.sol';
import {IVerifier} from './interfaces/IVerifier.sol';

/// @title SignerSetVerifier
/// @notice IVerifier accepting a result when `threshold` distinct members of an owner-managed
/// signer set signed its digest. `proof` = abi.encode(bytes[] signatures).
contract SignerSetVerifier is IVerifier, Ownable {
  mapping(address => bool) public isSigner;
  uint256 public signerCount;
  uint256 public threshold;

  event SignerSet(address indexed signer, bool enabled);
  event ThresholdSet(uint256 threshold);

  error InvalidThreshold(uint256 threshold, uint256 signerCount);

  constructor(address initialOwner, address[] memory signers, uint256 threshold_) Ownable(initialOwner) {
    for (uint256 i = 0; i < signers.length; i++) _setSigner(signers[i], true);
    _setThreshold(threshold_);
  }

  function setSigner(address signer, bool enabled) external onlyOwner {
    _setSigner(signer, enabled);
    if (threshold > signerCount) revert InvalidThreshold(threshold, signerCount);
  }

  function setThreshold(uint256 threshold_) external onlyOwner {
    _setThreshold(threshold_);
  }

  function verifyResult(uint256, bytes32 digest, bytes calldata proof) external view returns (bool) {
    bytes[] memory sigs = abi.decode(proof, (bytes[]));
    address[] memory seen = new address[](sigs.length);
    uint256 valid = 0;
    for (uint256 i = 0; i < sigs.length; i++) {
      (address s, ECDSA.RecoverError err, ) = ECDSA.tryRecover(digest, sigs[i]);
      if (err != ECDSA.RecoverError.NoError || !isSigner[s]) continue;
      bool dup = false;
      for (uint256 j = 0; j < valid; j++) if (seen[j] == s) dup = true;
      if (dup) continue;
      seen[valid++] = s;
    }
    return valid >= threshold;
  }

  function _setSigner(address signer, bool enabled) internal {
    if (isSigner[signer] == enabled) return;
    isSigner[signer] = enabled;
    if (enabled) signerCount++;
    else signerCount--;
    emit SignerSet(signer, enabled);
  }

  function _setThreshold(uint256 threshold_) internal {
    if (threshold_ == 0 || threshold_ > signerCount) revert InvalidThreshold(threshold_, signerCount);
    threshold = threshold_;
    emit ThresholdSet(threshold_);
  }
}
