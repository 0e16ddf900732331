// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from '@openzeppelin/contracts/token/ERC20/IERC20.sol';
import {SafeERC20} from '@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol';
import {ReentrancyGuard} from '@openzeppelin/contracts/utils/ReentrancyGuard.sol';
import {Ownable} from '@openzeppelin/contracts/access/Ownable.sol';

/// @title DataAnchoringToken
/// @notice ERC-8028 (draft) core: semi-fungible data tokens grouped in classes, with a consumable
/// value quota, a revenue share and an expiry, plus the LazAI DAT surface
/// (`mint(address,uint256,string,bool)`, `fileUrl`, `verified`) so Alith-style flows keep working.
/// Token ids come only from an internal counter (no caller-chosen ids, see lazai-notes bug 8).
contract DataAnchoringToken is Ownable, ReentrancyGuard {
  using SafeERC20 for IERC20;

  /// Fixed-point scale of the revenue accumulator.
  uint256 public constant ACC_SCALE = 1e18;
  /// Bound on distinct revenue assets per class: mint and expiry iterate them.
  uint256 public constant MAX_ASSETS_PER_CLASS = 8;
  /// Bound on proofs per token, so `proofsOf` stays readable.
  uint256 public constant MAX_PROOFS_PER_TOKEN = 16;

  struct ClassMeta {
    address owner;
    string metadataURI;
    bytes32 integrityHash;
    uint8 unitDecimals;
    string policyURI;
    uint256 totalShare;
    uint256 tokenCount;
  }

  struct TokenData {
    address owner;
    uint256 classId;
    uint256 value;
    uint256 shareRatio;
    uint64 expireAt;
    bool expired;
  }

  struct TokenProof {
    bytes32 proofType;
    string uri;
    bytes signature;
    address submitter;
    uint64 timestamp;
  }

  uint256 public classCount;
  uint256 public tokenCount;
  /// Class used by the LazAI-compatible `mint(address,uint256,string,bool)`.
  uint256 public defaultClassId;

  mapping(uint256 => ClassMeta) private _classes;
  mapping(uint256 => TokenData) private _tokens;
  mapping(uint256 => mapping(address => bool)) private _classOperators;
  mapping(uint256 => string) private _fileUrls;
  mapping(uint256 => bool) private _verified;
  mapping(uint256 => TokenProof[]) private _proofs;

  // revenue: per class and asset (address(0) = ETH)
  mapping(uint256 => address[]) private _classAssets;
  mapping(uint256 => mapping(address => bool)) private _classHasAsset;
  mapping(uint256 => mapping(address => uint256)) public accRevenuePerShare;
  /// Remainder of `amount * ACC_SCALE / totalShare`, carried into the next settlement.
  mapping(uint256 => mapping(address => uint256)) private _accCarry;
  mapping(uint256 => mapping(address => uint256)) public totalSettled;
  mapping(uint256 => mapping(address => uint256)) private _rewardDebt;
  mapping(uint256 => mapping(address => uint256)) private _accrued;

  event ClassCreated(uint256 indexed classId, address indexed owner, string metadataURI, bytes32 integrityHash, uint8 unitDecimals, string policyURI);
  event ClassMetadataUpdated(uint256 indexed classId, string metadataURI, bytes32 integrityHash);
  event ClassPolicyUpdated(uint256 indexed classId, string policyURI);
  event ClassOperatorSet(uint256 indexed classId, address indexed operator, bool approved);
  event DefaultClassSet(uint256 indexed classId);
  event Minted(uint256 indexed tokenId, uint256 indexed classId, address indexed to, uint256 value, uint256 shareRatio, uint64 expireAt);
  event TokenTransferred(uint256 indexed tokenId, address indexed from, address indexed to);
  event ValueTransferred(uint256 indexed fromTokenId, uint256 indexed toTokenId, uint256 amount);
  event UsageRecorded(uint256 indexed tokenId, bytes32 indexed metricType, uint256 amount, uint256 remaining);
  event RevenueSettled(uint256 indexed classId, address indexed asset, uint256 amount, uint256 accRevenuePerShare);
  event RevenueClaimed(uint256 indexed tokenId, address indexed asset, address indexed to, uint256 amount);
  event Expired(uint256 indexed tokenId, uint256 indexed classId, uint256 shareRatio);
  event ProofAdded(uint256 indexed tokenId, uint256 index, bytes32 proofType, string uri);

  error ClassNotFound(uint256 classId);
  error TokenNotFound(uint256 tokenId);
  error NotClassOwner(uint256 classId, address caller);
  error NotClassOperator(uint256 classId, address caller);
  error NotTokenOwner(uint256 tokenId, address caller);
  error NotAuthorized(uint256 tokenId, address caller);
  error InvalidRecipient();
  error InvalidExpiry(uint64 expireAt);
  error TokenIsExpired(uint256 tokenId);
  error TokenNotExpired(uint256 tokenId);
  error ClassMismatch(uint256 fromClassId, uint256 toClassId);
  error InsufficientValue(uint256 tokenId, uint256 available, uint256 requested);
  error ZeroAmount();
  error NoShares(uint256 classId);
  error TooManyAssets(uint256 classId);
  error TooManyProofs(uint256 tokenId);
  error NothingToClaim(uint256 tokenId, address asset);
  error EthTransferFailed();
  error DefaultClassNotSet();

  constructor(address initialOwner) Ownable(initialOwner) {}

  // ---------------------------------------------------------------- classes

  function createClass(string calldata metadataURI, bytes32 integrityHash, uint8 unitDecimals, string calldata policyURI) external returns (uint256 classId) {
    classId = ++classCount;
    ClassMeta storage c = _classes[classId];
    c.owner = msg.sender;
    c.metadataURI = metadataURI;
    c.integrityHash = integrityHash;
    c.unitDecimals = unitDecimals;
    c.policyURI = policyURI;
    emit ClassCreated(classId, msg.sender, metadataURI, integrityHash, unitDecimals, policyURI);
  }

  function updateClassMetadata(uint256 classId, string calldata metadataURI, bytes32 integrityHash) external {
    ClassMeta storage c = _classOwned(classId);
    c.metadataURI = metadataURI;
    c.integrityHash = integrityHash;
    emit ClassMetadataUpdated(classId, metadataURI, integrityHash);
  }

  function updateClassPolicy(uint256 classId, string calldata policyURI) external {
    _classOwned(classId).policyURI = policyURI;
    emit ClassPolicyUpdated(classId, policyURI);
  }

  function approveForClass(uint256 classId, address operator, bool approved) external {
    _classOwned(classId);
    _classOperators[classId][operator] = approved;
    emit ClassOperatorSet(classId, operator, approved);
  }

  function isApprovedForClass(uint256 classId, address operator) public view returns (bool) {
    return _classes[classId].owner == operator || _classOperators[classId][operator];
  }

  function getClassMeta(uint256 classId) external view returns (ClassMeta memory) {
    return _classExisting(classId);
  }

  function classAssets(uint256 classId) external view returns (address[] memory) {
    return _classAssets[classId];
  }

  /// @notice Owner picks the class the LazAI-compatible `mint(address,uint256,string,bool)` mints into.
  function setDefaultClass(uint256 classId) external onlyOwner {
    _classExisting(classId);
    defaultClassId = classId;
    emit DefaultClassSet(classId);
  }

  // ---------------------------------------------------------------- minting

  function mint(uint256 classId, address to, uint256 value, uint256 shareRatio, uint64 expireAt) external returns (uint256) {
    _requireOperator(classId);
    return _mint(classId, to, value, shareRatio, expireAt, '', false);
  }

  function mintWithFile(uint256 classId, address to, uint256 value, uint256 shareRatio, uint64 expireAt, string calldata url, bool isVerified) external returns (uint256) {
    _requireOperator(classId);
    return _mint(classId, to, value, shareRatio, expireAt, url, isVerified);
  }

  /// @notice LazAI DAT surface: mints `amount` as both value and share into the default class.
  function mint(address to, uint256 amount, string calldata url, bool isVerified) external returns (uint256) {
    uint256 classId = defaultClassId;
    if (classId == 0) revert DefaultClassNotSet();
    _requireOperator(classId);
    return _mint(classId, to, amount, amount, 0, url, isVerified);
  }

  function _mint(uint256 classId, address to, uint256 value, uint256 shareRatio, uint64 expireAt, string memory url, bool isVerified) internal returns (uint256 tokenId) {
    if (to == address(0)) revert InvalidRecipient();
    if (expireAt != 0 && expireAt <= block.timestamp) revert InvalidExpiry(expireAt);
    tokenId = ++tokenCount;
    _tokens[tokenId] = TokenData({owner: to, classId: classId, value: value, shareRatio: shareRatio, expireAt: expireAt, expired: false});
    ClassMeta storage c = _classes[classId];
    c.totalShare += shareRatio;
    c.tokenCount += 1;
    // A new token must not earn revenue settled before it existed.
    address[] storage assets = _classAssets[classId];
    for (uint256 i = 0; i < assets.length; i++) {
      _rewardDebt[tokenId][assets[i]] = (shareRatio * accRevenuePerShare[classId][assets[i]]) / ACC_SCALE;
    }
    if (bytes(url).length != 0) _fileUrls[tokenId] = url;
    if (isVerified) _verified[tokenId] = true;
    emit Minted(tokenId, classId, to, value, shareRatio, expireAt);
  }

  // ---------------------------------------------------------------- views

  function classOf(uint256 tokenId) external view returns (uint256) { return _token(tokenId).classId; }
  function valueOf(uint256 tokenId) external view returns (uint256) { return _token(tokenId).value; }
  function shareRatioOf(uint256 tokenId) external view returns (uint256) { return _token(tokenId).shareRatio; }
  function expireAtOf(uint256 tokenId) external view returns (uint64) { return _token(tokenId).expireAt; }
  function ownerOf(uint256 tokenId) external view returns (address) { return _token(tokenId).owner; }
  function fileUrl(uint256 tokenId) external view returns (string memory) { _token(tokenId); return _fileUrls[tokenId]; }
  function verified(uint256 tokenId) external view returns (bool) { _token(tokenId); return _verified[tokenId]; }
  function totalShareOf(uint256 classId) external view returns (uint256) { return _classes[classId].totalShare; }
  function getToken(uint256 tokenId) external view returns (TokenData memory) { return _token(tokenId); }

  function isExpired(uint256 tokenId) public view returns (bool) {
    TokenData storage t = _token(tokenId);
    return t.expired || (t.expireAt != 0 && t.expireAt <= block.timestamp);
  }

  // ---------------------------------------------------------------- transfers and usage

  /// @notice Moves a whole token (with its pending revenue) to `to`. Owner or class operator.
  function transferToken(uint256 tokenId, address to) external {
    TokenData storage t = _token(tokenId);
    if (t.owner != msg.sender && !isApprovedForClass(t.classId, msg.sender)) revert NotAuthorized(tokenId, msg.sender);
    if (to == address(0)) revert InvalidRecipient();
    address from = t.owner;
    t.owner = to;
    emit TokenTransferred(tokenId, from, to);
  }

  /// @notice Moves usage quota between two unexpired tokens of the same class. Shares do not move.
  function transferValue(uint256 fromTokenId, uint256 toTokenId, uint256 amount) external {
    TokenData storage f = _token(fromTokenId);
    TokenData storage t = _token(toTokenId);
    if (f.owner != msg.sender && !isApprovedForClass(f.classId, msg.sender)) revert NotAuthorized(fromTokenId, msg.sender);
    if (f.classId != t.classId) revert ClassMismatch(f.classId, t.classId);
    if (isExpired(fromTokenId)) revert TokenIsExpired(fromTokenId);
    if (isExpired(toTokenId)) revert TokenIsExpired(toTokenId);
    if (amount == 0) revert ZeroAmount();
    if (f.value < amount) revert InsufficientValue(fromTokenId, f.value, amount);
    f.value -= amount;
    t.value += amount;
    emit ValueTransferred(fromTokenId, toTokenId, amount);
  }

  /// @notice Consumes quota. Hard quota: reverts instead of going below zero.
  function recordUsage(uint256 tokenId, bytes32 metricType, uint256 amount) external {
    TokenData storage t = _token(tokenId);
    if (t.owner != msg.sender && !isApprovedForClass(t.classId, msg.sender)) revert NotAuthorized(tokenId, msg.sender);
    if (isExpired(tokenId)) revert TokenIsExpired(tokenId);
    if (amount == 0) revert ZeroAmount();
    if (t.value < amount) revert InsufficientValue(tokenId, t.value, amount);
    t.value -= amount;
    emit UsageRecorded(tokenId, metricType, amount, t.value);
  }

  /// @notice Takes an expired token out of the class share total. Anyone may call; not a burn.
  function expire(uint256 tokenId) external {
    TokenData storage t = _token(tokenId);
    if (t.expired) revert TokenIsExpired(tokenId);
    if (t.expireAt == 0 || t.expireAt > block.timestamp) revert TokenNotExpired(tokenId);
    uint256 classId = t.classId;
    address[] storage assets = _classAssets[classId];
    for (uint256 i = 0; i < assets.length; i++) {
      _accrued[tokenId][assets[i]] = _pending(tokenId, assets[i]);
    }
    t.expired = true;
    _classes[classId].totalShare -= t.shareRatio;
    emit Expired(tokenId, classId, t.shareRatio);
  }

  // ---------------------------------------------------------------- revenue

  function settleRevenueETH(uint256 classId) external payable {
    _settle(classId, address(0), msg.value);
  }

  function settleRevenueERC20(uint256 classId, address asset, uint256 amount) external nonReentrant {
    if (asset == address(0)) revert InvalidRecipient();
    _classExisting(classId);
    // Pull first, measure what really arrived (fee-on-transfer tokens).
    uint256 before = IERC20(asset).balanceOf(address(this));
    IERC20(asset).safeTransferFrom(msg.sender, address(this), amount);
    _settle(classId, asset, IERC20(asset).balanceOf(address(this)) - before);
  }

  function _settle(uint256 classId, address asset, uint256 amount) internal {
    ClassMeta storage c = _classExisting(classId);
    if (amount == 0) revert ZeroAmount();
    if (c.totalShare == 0) revert NoShares(classId);
    if (!_classHasAsset[classId][asset]) {
      if (_classAssets[classId].length >= MAX_ASSETS_PER_CLASS) revert TooManyAssets(classId);
      _classHasAsset[classId][asset] = true;
      _classAssets[classId].push(asset);
    }
    uint256 scaled = amount * ACC_SCALE + _accCarry[classId][asset];
    uint256 acc = accRevenuePerShare[classId][asset] + scaled / c.totalShare;
    accRevenuePerShare[classId][asset] = acc;
    _accCarry[classId][asset] = scaled % c.totalShare;
    totalSettled[classId][asset] += amount;
    emit RevenueSettled(classId, asset, amount, acc);
  }

  function pendingRevenue(uint256 tokenId, address asset) external view returns (uint256) {
    _token(tokenId);
    return _pending(tokenId, asset);
  }

  function _pending(uint256 tokenId, address asset) internal view returns (uint256) {
    TokenData storage t = _tokens[tokenId];
    if (t.expired) return _accrued[tokenId][asset];
    uint256 gross = (t.shareRatio * accRevenuePerShare[t.classId][asset]) / ACC_SCALE;
    return _accrued[tokenId][asset] + gross - _rewardDebt[tokenId][asset];
  }

  /// @notice Pull payment of a token's revenue share in `asset` (address(0) = ETH) to `to`.
  function claim(uint256 tokenId, address asset, address to) external nonReentrant returns (uint256 amount) {
    TokenData storage t = _token(tokenId);
    if (t.owner != msg.sender) revert NotTokenOwner(tokenId, msg.sender);
    if (to == address(0)) revert InvalidRecipient();
    amount = _pending(tokenId, asset);
    if (amount == 0) revert NothingToClaim(tokenId, asset);
    _accrued[tokenId][asset] = 0;
    if (!t.expired) _rewardDebt[tokenId][asset] = (t.shareRatio * accRevenuePerShare[t.classId][asset]) / ACC_SCALE;
    if (asset == address(0)) {
      (bool ok, ) = to.call{value: amount}('');
      if (!ok) revert EthTransferFailed();
    } else {
      IERC20(asset).safeTransfer(to, amount);
    }
    emit RevenueClaimed(tokenId, asset, to, amount);
  }

  // ---------------------------------------------------------------- proofs

  function addProof(uint256 tokenId, bytes32 proofType, string calldata uri, bytes calldata signature) external {
    TokenData storage t = _token(tokenId);
    if (t.owner != msg.sender && !isApprovedForClass(t.classId, msg.sender)) revert NotAuthorized(tokenId, msg.sender);
    TokenProof[] storage list = _proofs[tokenId];
    if (list.length >= MAX_PROOFS_PER_TOKEN) revert TooManyProofs(tokenId);
    list.push(TokenProof({proofType: proofType, uri: uri, signature: signature, submitter: msg.sender, timestamp: uint64(block.timestamp)}));
    emit ProofAdded(tokenId, list.length - 1, proofType, uri);
  }

  function proofsOf(uint256 tokenId) external view returns (TokenProof[] memory) {
    _token(tokenId);
    return _proofs[tokenId];
  }

  // ---------------------------------------------------------------- internals

  function _token(uint256 tokenId) internal view returns (TokenData storage t) {
    t = _tokens[tokenId];
    if (t.owner == address(0)) revert TokenNotFound(tokenId);
  }

  function _classExisting(uint256 classId) internal view returns (ClassMeta storage c) {
    c = _classes[classId];
    if (c.owner == address(0)) revert ClassNotFound(classId);
  }

  function _classOwned(uint256 classId) internal view returns (ClassMeta storage c) {
    c = _classExisting(classId);
    if (c.owner != msg.sender) revert NotClassOwner(classId, msg.sender);
  }

  function _requireOperator(uint256 classId) internal view {
    _classExisting(classId);
    if (!isApprovedForClass(classId, msg.sender)) revert NotClassOperator(classId, msg.sender);
  }
}
