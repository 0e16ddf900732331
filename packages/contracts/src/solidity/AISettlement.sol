// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from '@openzeppelin/contracts/access/Ownable.sol';
import {ReentrancyGuard} from '@openzeppelin/contracts/utils/ReentrancyGuard.sol';
import {EIP712} from '@openzeppelin/contracts/utils/cryptography/EIP712.sol';
import {ECDSA} from '@openzeppelin/contracts/utils/cryptography/ECDSA.sol';
import {IDataAnchoringToken} from './interfaces/IDataAnchoringToken.sol';

/// @title AISettlement
/// @notice Escrow per (user, node, service) for paid AI requests. The node charges with a
/// user-signed EIP-712 request (strictly increasing nonce), refunds are time-locked so the node
/// can charge what it already served, and every payout is a pull withdrawal that debits first.
/// `dataShareBps` of each charge goes to the revenue of the DAT class whose token was used.
contract AISettlement is Ownable, ReentrancyGuard, EIP712 {
  struct Refund {
    uint256 amount;
    uint64 unlockAt;
  }

  bytes32 public constant REQUEST_TYPEHASH =
    keccak256('Request(address user,address node,bytes32 service,uint256 nonce,uint256 tokenId)');
  uint16 public constant MAX_DATA_SHARE_BPS = 10_000;

  IDataAnchoringToken public immutable token;
  uint64 public lockTime;
  uint16 public dataShareBps;

  mapping(address => mapping(address => mapping(bytes32 => uint256))) public escrowOf;
  mapping(address => mapping(address => mapping(bytes32 => uint256))) public lastNonce;
  mapping(address => mapping(address => mapping(bytes32 => Refund))) private _refunds;
  mapping(address => uint256) public withdrawable;
  /// Sum of all escrows plus all withdrawable balances: equals this contract's ETH balance.
  uint256 public totalLiabilities;

  event Deposited(address indexed user, address indexed node, bytes32 indexed service, uint256 amount);
  event Charged(address indexed user, address indexed node, bytes32 indexed service, uint256 nonce, uint256 cost, uint256 tokenId, uint256 dataShare);
  event RefundRequested(address indexed user, address indexed node, bytes32 indexed service, uint256 amount, uint64 unlockAt);
  event RefundCancelled(address indexed user, address indexed node, bytes32 indexed service, uint256 amount, uint256 remaining);
  event RefundCompleted(address indexed user, address indexed node, bytes32 indexed service, uint256 amount);
  event Withdrawn(address indexed account, uint256 amount);
  event ParamsSet(uint64 lockTime, uint16 dataShareBps);

  error ZeroAmount();
  error InvalidNode();
  error InsufficientEscrow(uint256 available, uint256 requested);
  error NonceTooLow(uint256 nonce, uint256 lastNonce);
  error InvalidSignature();
  error NoRefundPending();
  error RefundLocked(uint64 unlockAt);
  error RefundTooLarge(uint256 pending, uint256 requested);
  error NothingToWithdraw();
  error InvalidShare(uint16 bps);
  error EthTransferFailed();

  constructor(address initialOwner, address token_, uint64 lockTime_, uint16 dataShareBps_)
    Ownable(initialOwner)
    EIP712('MetisAISettlement', '1')
  {
    token = IDataAnchoringToken(token_);
    _setParams(lockTime_, dataShareBps_);
  }

  function setParams(uint64 lockTime_, uint16 dataShareBps_) external onlyOwner {
    _setParams(lockTime_, dataShareBps_);
  }

  function deposit(address node, bytes32 service) external payable {
    if (msg.value == 0) revert ZeroAmount();
    if (node == address(0)) revert InvalidNode();
    escrowOf[msg.sender][node][service] += msg.value;
    totalLiabilities += msg.value;
    emit Deposited(msg.sender, node, service, msg.value);
  }

  function requestDigest(address user, address node, bytes32 service, uint256 nonce, uint256 tokenId) public view returns (bytes32) {
    return _hashTypedDataV4(keccak256(abi.encode(REQUEST_TYPEHASH, user, node, service, nonce, tokenId)));
  }

  /// @notice Called by the node that served a request. `tokenId` 0 = no DAT was used.
  function charge(address user, bytes32 service, uint256 cost, uint256 nonce, uint256 tokenId, bytes calldata signature) external {
    if (cost == 0) revert ZeroAmount();
    uint256 last = lastNonce[user][msg.sender][service];
    if (nonce <= last) revert NonceTooLow(nonce, last);
    (address signer, ECDSA.RecoverError err, ) = ECDSA.tryRecover(requestDigest(user, msg.sender, service, nonce, tokenId), signature);
    if (err != ECDSA.RecoverError.NoError || signer != user) revert InvalidSignature();
    uint256 available = escrowOf[user][msg.sender][service];
    if (available < cost) revert InsufficientEscrow(available, cost);
    lastNonce[user][msg.sender][service] = nonce;
    escrowOf[user][msg.sender][service] = available - cost;

    uint256 dataShare = 0;
    if (tokenId != 0 && dataShareBps != 0) {
      uint256 classId = token.classOf(tokenId);
      // A class with no live shares cannot take revenue; the node keeps the whole charge then.
      if (token.totalShareOf(classId) != 0) {
        dataShare = (cost * dataShareBps) / 10_000;
        if (dataShare != 0) {
          totalLiabilities -= dataShare;
          token.settleRevenueETH{value: dataShare}(classId);
        }
      }
    }
    withdrawable[msg.sender] += cost - dataShare;
    emit Charged(user, msg.sender, service, nonce, cost, tokenId, dataShare);
  }

  /// @notice Starts (or tops up) a refund; the amount stays chargeable until it unlocks.
  function requestRefund(address node, bytes32 service, uint256 amount) external {
    if (amount == 0) revert ZeroAmount();
    Refund storage r = _refunds[msg.sender][node][service];
    uint256 total = r.amount + amount;
    uint256 available = escrowOf[msg.sender][node][service];
    if (total > available) revert InsufficientEscrow(available, total);
    r.amount = total;
    r.unlockAt = uint64(block.timestamp) + lockTime;
    emit RefundRequested(msg.sender, node, service, total, r.unlockAt);
  }

  /// @notice Cancels part of a pending refund; only `amount` is removed, not the whole entry.
  function cancelRefund(address node, bytes32 service, uint256 amount) external {
    Refund storage r = _refunds[msg.sender][node][service];
    if (r.amount == 0) revert NoRefundPending();
    if (amount == 0) revert ZeroAmount();
    if (amount > r.amount) revert RefundTooLarge(r.amount, amount);
    r.amount -= amount;
    if (r.amount == 0) r.unlockAt = 0;
    emit RefundCancelled(msg.sender, node, service, amount, r.amount);
  }

  /// @notice After the lock, moves the refund (capped by what is left in escrow) to the user's
  /// withdrawable balance. The ETH never leaves this contract until `withdraw`.
  function completeRefund(address node, bytes32 service) external returns (uint256 amount) {
    Refund storage r = _refunds[msg.sender][node][service];
    if (r.amount == 0) revert NoRefundPending();
    if (block.timestamp < r.unlockAt) revert RefundLocked(r.unlockAt);
    uint256 available = escrowOf[msg.sender][node][service];
    amount = r.amount < available ? r.amount : available;
    delete _refunds[msg.sender][node][service];
    escrowOf[msg.sender][node][service] = available - amount;
    withdrawable[msg.sender] += amount;
    emit RefundCompleted(msg.sender, node, service, amount);
  }

  function pendingRefund(address user, address node, bytes32 service) external view returns (Refund memory) {
    return _refunds[user][node][service];
  }

  function withdraw() external nonReentrant returns (uint256 amount) {
    amount = withdrawable[msg.sender];
    if (amount == 0) revert NothingToWithdraw();
    withdrawable[msg.sender] = 0;
    totalLiabilities -= amount;
    (bool ok, ) = msg.sender.call{value: amount}('');
    if (!ok) revert EthTransferFailed();
    emit Withdrawn(msg.sender, amount);
  }

  function _setParams(uint64 lockTime_, uint16 dataShareBps_) internal {
    if (dataShareBps_ > MAX_DATA_SHARE_BPS) revert InvalidShare(dataShareBps_);
    lockTime = lockTime_;
    dataShareBps = dataShareBps_;
    emit ParamsSet(lockTime_, dataShareBps_);
  }
}
