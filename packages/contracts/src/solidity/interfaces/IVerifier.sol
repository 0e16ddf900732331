// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice A verification mode for VerifiedComputing jobs: signer set today, TEE attestation,
/// ZK proof or an optimistic challenge game later. `digest` is the EIP-712 digest of the result
/// record in the VerifiedComputing domain; `proof` is opaque to VerifiedComputing.
interface IVerifier {
  function verifyResult(uint256 jobId, bytes32 digest, bytes calldata proof) external view returns (bool);
}
