// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from '@openzeppelin/contracts/access/Ownable.sol';
import {ReentrancyGuard} from '@openzeppelin/contracts/utils/ReentrancyGuard.sol';
import {EIP712} from '@openzeppelin/contracts/utils/cryptography/EIP712.sol';
import {ECDSA} from '@openzeppelin/contracts/utils/cryptography/ECDSA.sol';
import {IVerifier} from './interfaces/IVerifier.sol';

/// @title VerifiedComputing
/// @notice Staked compute/verifier nodes, fee-escrowed jobs assigned deterministically, and
/// EIP-712 result records checked by a per-job verification mode. All payouts are pull payments.
contract VerifiedComputing is Ownable, ReentrancyGuard, EIP712 {
  enum NodeStatus { None, Active, Exiting }
  enum JobStatus { None, Pending, Accepted, Completed, Cancelled }

  struct Node {
    NodeStatus status;
    string url;
    bytes encryptionKey;
    uint256 stake;
    uint64 exitUnlockAt;
    uint256 jobsCompleted;
  }

  struct Job {
    address requester;
    address node;
    bytes32 inputHash;
    bytes32 modelHash;
    uint256 fee;
    uint64 deadline;
    address verifier;
    JobStatus status;
  }

  struct ResultRecord {
    uint256 jobId;
    bytes32 inputHash;
    bytes32 modelHash;
    bytes32 outputHash;
    uint256 score;
    string proofUri;
  }

  bytes32 public constant RESULT_TYPEHASH =
    keccak256('ResultRecord(uint256 jobId,bytes32 inputHash,bytes32 modelHash,bytes32 outputHash,uint256 score,string proofUri)');

  uint256 public minStake;
  uint256 public nodeFee;
  uint64 public exitDelay;
  uint64 public defaultTimeout;
  uint256 public jobCount;

  mapping(address => Node) private _nodes;
  address[] private _activeNodes;
  mapping(address => uint256) private _activeIndex; // index + 1
  mapping(uint256 => Job) private _jobs;
  mapping(uint256 => ResultRecord) private _results;
  mapping(address => uint256) public balanceOf;

  event NodeRegistered(address indexed node, string url, uint256 stake);
  event NodeUpdated(address indexed node, string url);
  event NodeExitRequested(address indexed node, uint64 unlockAt);
  event NodeRemoved(address indexed node, uint256 slashed);
  event StakeWithdrawn(address indexed node, uint256 amount);
  event JobSubmitted(uint256 indexed jobId, address indexed requester, address indexed node, bytes32 inputHash, uint256 fee, address verifier);
  event JobAccepted(uint256 indexed jobId, address indexed node);
  event JobCompleted(uint256 indexed jobId, address indexed node, bytes32 outputHash, uint256 score);
  event JobCancelled(uint256 indexed jobId, uint256 refund);
  event Withdrawn(address indexed account, uint256 amount);
  event ParamsSet(uint256 minStake, uint256 nodeFee, uint64 exitDelay, uint64 defaultTimeout);

  error InsufficientStake(uint256 sent, uint256 required);
  error NodeAlreadyRegistered(address node);
  error NodeNotActive(address node);
  error NodeNotExiting(address node);
  error StakeLocked(uint64 unlockAt);
  error NoActiveNodes();
  error InsufficientFee(uint256 sent, uint256 required);
  error JobNotFound(uint256 jobId);
  error InvalidJobStatus(uint256 jobId, JobStatus status);
  error NotAssignedNode(uint256 jobId, address caller);
  error NotRequester(uint256 jobId, address caller);
  error JobExpired(uint256 jobId);
  error JobNotCancellable(uint256 jobId);
  error InputMismatch(uint256 jobId);
  error InvalidResultProof(uint256 jobId);
  error NothingToWithdraw();
  error EthTransferFailed();

  constructor(address initialOwner, uint256 minStake_, uint256 nodeFee_, uint64 exitDelay_, uint64 defaultTimeout_)
    Ownable(initialOwner)
    EIP712('MetisVerifiedComputing', '1')
  {
    _setParams(minStake_, nodeFee_, exitDelay_, defaultTimeout_);
  }

  function setParams(uint256 minStake_, uint256 nodeFee_, uint64 exitDelay_, uint64 defaultTimeout_) external onlyOwner {
    _setParams(minStake_, nodeFee_, exitDelay_, defaultTimeout_);
  }

  // ---------------------------------------------------------------- nodes

  function registerNode(string calldata url, bytes calldata encryptionKey) external payable {
    Node storage n = _nodes[msg.sender];
    if (n.status != NodeStatus.None) revert NodeAlreadyRegistered(msg.sender);
    if (msg.value < minStake) revert InsufficientStake(msg.value, minStake);
    n.status = NodeStatus.Active;
    n.url = url;
    n.encryptionKey = encryptionKey;
    n.stake = msg.value;
    _activeNodes.push(msg.sender);
    _activeIndex[msg.sender] = _activeNodes.length;
    emit NodeRegistered(msg.sender, url, msg.value);
  }

  function updateNode(string calldata url, bytes calldata encryptionKey) external {
    Node storage n = _nodes[msg.sender];
    if (n.status != NodeStatus.Active) revert NodeNotActive(msg.sender);
    n.url = url;
    n.encryptionKey = encryptionKey;
    emit NodeUpdated(msg.sender, url);
  }

  /// @notice Leaves the assignment rotation; the stake unlocks after `exitDelay` (slashable until then).
  function requestExit() external {
    Node storage n = _nodes[msg.sender];
    if (n.status != NodeStatus.Active) revert NodeNotActive(msg.sender);
    _deactivate(msg.sender);
    n.status = NodeStatus.Exiting;
    n.exitUnlockAt = uint64(block.timestamp) + exitDelay;
    emit NodeExitRequested(msg.sender, n.exitUnlockAt);
  }

  function withdrawStake() external {
    Node storage n = _nodes[msg.sender];
    if (n.status != NodeStatus.Exiting) revert NodeNotExiting(msg.sender);
    if (block.timestamp < n.exitUnlockAt) revert StakeLocked(n.exitUnlockAt);
    uint256 amount = n.stake;
    n.stake = 0;
    n.status = NodeStatus.None;
    balanceOf[msg.sender] += amount;
    emit StakeWithdrawn(msg.sender, amount);
  }

  /// @notice Owner removes a misbehaving node; `slashBps` of its stake goes to the owner's balance.
  function removeNode(address node, uint16 slashBps) external onlyOwner {
    Node storage n = _nodes[node];
    if (n.status == NodeStatus.None) revert NodeNotActive(node);
    if (n.status == NodeStatus.Active) _deactivate(node);
    uint256 slashed = (n.stake * (slashBps > 10_000 ? 10_000 : slashBps)) / 10_000;
    balanceOf[owner()] += slashed;
    balanceOf[node] += n.stake - slashed;
    n.stake = 0;
    n.status = NodeStatus.None;
    emit NodeRemoved(node, slashed);
  }

  function getNode(address node) external view returns (Node memory) { return _nodes[node]; }
  function isActiveNode(address node) external view returns (bool) { return _nodes[node].status == NodeStatus.Active; }
  function activeNodeCount() external view returns (uint256) { return _activeNodes.length; }
  function activeNodes() external view returns (address[] memory) { return _activeNodes; }

  // ---------------------------------------------------------------- jobs

  /// @notice Opens a job paid by the caller; refunds go to `requester`. `verifier` = address(0)
  /// selects the built-in mode (the assigned node's EIP-712 signature); `timeout` 0 = default.
  function requestJobFor(address requester, bytes32 inputHash, bytes32 modelHash, address verifier, uint64 timeout)
    public
    payable
    returns (uint256 jobId)
  {
    if (msg.value < nodeFee) revert InsufficientFee(msg.value, nodeFee);
    uint256 count = _activeNodes.length;
    if (count == 0) revert NoActiveNodes();
    jobId = ++jobCount;
    // Deterministic: the same job id and input always select the same node for a given set.
    address node = _activeNodes[uint256(keccak256(abi.encode(jobId, inputHash))) % count];
    _jobs[jobId] = Job({
      requester: requester,
      node: node,
      inputHash: inputHash,
      modelHash: modelHash,
      fee: msg.value,
      deadline: uint64(block.timestamp) + (timeout == 0 ? defaultTimeout : timeout),
      verifier: verifier,
      status: JobStatus.Pending
    });
    emit JobSubmitted(jobId, requester, node, inputHash, msg.value, verifier);
  }

  function requestJob(bytes32 inputHash, bytes32 modelHash, address verifier, uint64 timeout) external payable returns (uint256) {
    return requestJobFor(msg.sender, inputHash, modelHash, verifier, timeout);
  }

  /// @notice LazAI-compatible: a proof job for a DataRegistry file (input hash = bytes32(fileId)).
  function requestProof(uint256 fileId) external payable returns (uint256) {
    return requestJobFor(msg.sender, bytes32(fileId), bytes32(0), address(0), 0);
  }

  function acceptJob(uint256 jobId) external {
    Job storage j = _job(jobId);
    if (j.status != JobStatus.Pending) revert InvalidJobStatus(jobId, j.status);
    if (j.node != msg.sender) revert NotAssignedNode(jobId, msg.sender);
    if (block.timestamp > j.deadline) revert JobExpired(jobId);
    j.status = JobStatus.Accepted;
    emit JobAccepted(jobId, msg.sender);
  }

  /// @notice Records a result; the fee is credited to the assigned node. Anyone may relay it,
  /// the proof authenticates it.
  function submitResult(ResultRecord calldata r, bytes calldata proof) external {
    Job storage j = _job(r.jobId);
    if (j.status != JobStatus.Pending && j.status != JobStatus.Accepted) revert InvalidJobStatus(r.jobId, j.status);
    if (block.timestamp > j.deadline) revert JobExpired(r.jobId);
    if (r.inputHash != j.inputHash || r.modelHash != j.modelHash) revert InputMismatch(r.jobId);
    bytes32 digest = hashResult(r);
    bool ok;
    if (j.verifier == address(0)) {
      (address signer, ECDSA.RecoverError err, ) = ECDSA.tryRecover(digest, proof);
      ok = err == ECDSA.RecoverError.NoError && signer == j.node;
    } else {
      ok = IVerifier(j.verifier).verifyResult(r.jobId, digest, proof);
    }
    if (!ok) revert InvalidResultProof(r.jobId);
    j.status = JobStatus.Completed;
    _results[r.jobId] = r;
    _nodes[j.node].jobsCompleted += 1;
    balanceOf[j.node] += j.fee;
    emit JobCompleted(r.jobId, j.node, r.outputHash, r.score);
  }

  /// @notice Requester refund: before the node accepted, or after the deadline passed.
  function cancelJob(uint256 jobId) external {
    Job storage j = _job(jobId);
    if (j.requester != msg.sender) revert NotRequester(jobId, msg.sender);
    bool open = j.status == JobStatus.Pending;
    bool timedOut = j.status == JobStatus.Accepted && block.timestamp > j.deadline;
    if (!open && !timedOut) revert JobNotCancellable(jobId);
    j.status = JobStatus.Cancelled;
    balanceOf[j.requester] += j.fee;
    emit JobCancelled(jobId, j.fee);
  }

  function hashResult(ResultRecord calldata r) public view returns (bytes32) {
    return _hashTypedDataV4(
      keccak256(abi.encode(RESULT_TYPEHASH, r.jobId, r.inputHash, r.modelHash, r.outputHash, r.score, keccak256(bytes(r.proofUri))))
    );
  }

  function getJob(uint256 jobId) external view returns (Job memory) { return _job(jobId); }
  function getResult(uint256 jobId) external view returns (ResultRecord memory) { return _results[jobId]; }

  // ---------------------------------------------------------------- payouts

  function withdraw() external nonReentrant {
    uint256 amount = balanceOf[msg.sender];
    if (amount == 0) revert NothingToWithdraw();
    balanceOf[msg.sender] = 0;
    (bool ok, ) = msg.sender.call{value: amount}('');
    if (!ok) revert EthTransferFailed();
    emit Withdrawn(msg.sender, amount);
  }

  // ---------------------------------------------------------------- internals

  function _job(uint256 jobId) internal view returns (Job storage j) {
    j = _jobs[jobId];
    if (j.status == JobStatus.None) revert JobNotFound(jobId);
  }

  function _deactivate(address node) internal {
    uint256 idx = _activeIndex[node];
    uint256 last = _activeNodes.length;
    if (idx != last) {
      address moved = _activeNodes[last - 1];
      _activeNodes[idx - 1] = moved;
      _activeIndex[moved] = idx;
    }
    _activeNodes.pop();
    _activeIndex[node] = 0;
  }

  function _setParams(uint256 minStake_, uint256 nodeFee_, uint64 exitDelay_, uint64 defaultTimeout_) internal {
    minStake = minStake_;
    nodeFee = nodeFee_;
    exitDelay = exitDelay_;
    defaultTimeout = defaultTimeout_ == 0 ? 1 days : defaultTimeout_;
    emit ParamsSet(minStake_, nodeFee_, exitDelay_, defaultTimeout);
  }
}
