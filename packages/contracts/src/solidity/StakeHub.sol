// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from '@openzeppelin/contracts/access/Ownable.sol';
import {ReentrancyGuard} from '@openzeppelin/contracts/utils/ReentrancyGuard.sol';

/// @title StakeHub
/// @notice Sequencer/validator staking for the decentralized sequencer: validators with a
/// consensus key and commission, share-based delegation (so a slash hits every delegator
/// pro rata), undelegation with an unbonding period, jail/unjail and slash hooks for the
/// consensus layer, and the election view the sequencer reads.
contract StakeHub is Ownable, ReentrancyGuard {
  uint256 private constant SHARE_SCALE = 1e18;

  struct Validator {
    address operator;
    bytes consensusKey;
    uint16 commissionBps;
    uint256 totalStake;
    uint256 totalShares;
    bool jailed;
    uint64 jailedUntil;
    bool exists;
  }

  struct Unbonding {
    uint256 amount;
    uint64 unlockAt;
  }

  uint256 public minSelfStake;
  uint64 public unbondingPeriod;
  address public slasher;
  uint256 public slashedFunds;

  address[] private _validatorList;
  mapping(address => Validator) private _validators;
  mapping(address => mapping(address => uint256)) public sharesOf; // validator => delegator => shares
  mapping(address => Unbonding[]) private _unbondings;

  event ValidatorCreated(address indexed validator, bytes consensusKey, uint16 commissionBps, uint256 selfStake);
  event Delegated(address indexed validator, address indexed delegator, uint256 amount, uint256 shares);
  event Undelegated(address indexed validator, address indexed delegator, uint256 amount, uint256 shares, uint64 unlockAt);
  event UnbondedClaimed(address indexed delegator, uint256 amount);
  event Jailed(address indexed validator, uint64 until);
  event Unjailed(address indexed validator);
  event Slashed(address indexed validator, uint16 bps, uint256 amount);
  event SlasherSet(address indexed slasher);
  event ParamsSet(uint256 minSelfStake, uint64 unbondingPeriod);

  error ValidatorExists(address validator);
  error ValidatorNotFound(address validator);
  error InsufficientSelfStake(uint256 sent, uint256 required);
  error InvalidCommission(uint16 bps);
  error ZeroAmount();
  error InsufficientShares(uint256 available, uint256 requested);
  error NotSlasher(address caller);
  error NotJailed(address validator);
  error StillJailed(uint64 until);
  error NothingToClaim();
  error InvalidBps(uint16 bps);
  error EthTransferFailed();

  modifier onlySlasher() {
    if (msg.sender != slasher && msg.sender != owner()) revert NotSlasher(msg.sender);
    _;
  }

  constructor(address initialOwner, uint256 minSelfStake_, uint64 unbondingPeriod_) Ownable(initialOwner) {
    minSelfStake = minSelfStake_;
    unbondingPeriod = unbondingPeriod_;
    emit ParamsSet(minSelfStake_, unbondingPeriod_);
  }

  function setParams(uint256 minSelfStake_, uint64 unbondingPeriod_) external onlyOwner {
    minSelfStake = minSelfStake_;
    unbondingPeriod = unbondingPeriod_;
    emit ParamsSet(minSelfStake_, unbondingPeriod_);
  }

  function setSlasher(address slasher_) external onlyOwner {
    slasher = slasher_;
    emit SlasherSet(slasher_);
  }

  function createValidator(bytes calldata consensusKey, uint16 commissionBps) external payable {
    if (_validators[msg.sender].exists) revert ValidatorExists(msg.sender);
    if (msg.value < minSelfStake || msg.value == 0) revert InsufficientSelfStake(msg.value, minSelfStake);
    if (commissionBps > 10_000) revert InvalidCommission(commissionBps);
    Validator storage v = _validators[msg.sender];
    v.operator = msg.sender;
    v.consensusKey = consensusKey;
    v.commissionBps = commissionBps;
    v.exists = true;
    _validatorList.push(msg.sender);
    emit ValidatorCreated(msg.sender, consensusKey, commissionBps, msg.value);
    _delegate(msg.sender, msg.sender, msg.value);
  }

  function delegate(address validator) external payable {
    if (!_validators[validator].exists) revert ValidatorNotFound(validator);
    if (msg.value == 0) revert ZeroAmount();
    _delegate(validator, msg.sender, msg.value);
  }

  /// @notice Burns `shares` at the current rate and queues the ETH for `unbondingPeriod`.
  function undelegate(address validator, uint256 shares) external returns (uint256 amount) {
    Validator storage v = _validators[validator];
    if (!v.exists) revert ValidatorNotFound(validator);
    if (shares == 0) revert ZeroAmount();
    uint256 have = sharesOf[validator][msg.sender];
    if (shares > have) revert InsufficientShares(have, shares);
    amount = (shares * v.totalStake) / v.totalShares;
    sharesOf[validator][msg.sender] = have - shares;
    v.totalShares -= shares;
    v.totalStake -= amount;
    uint64 unlockAt = uint64(block.timestamp) + unbondingPeriod;
    _unbondings[msg.sender].push(Unbonding({amount: amount, unlockAt: unlockAt}));
    emit Undelegated(validator, msg.sender, amount, shares, unlockAt);
  }

  /// @notice Pays out every unbonding entry of the caller whose period has passed.
  function claimUnbonded() external nonReentrant returns (uint256 amount) {
    Unbonding[] storage list = _unbondings[msg.sender];
    uint256 i = 0;
    while (i < list.length) {
      if (list[i].unlockAt <= block.timestamp) {
        amount += list[i].amount;
        list[i] = list[list.length - 1];
        list.pop();
      } else {
        i++;
      }
    }
    if (amount == 0) revert NothingToClaim();
    (bool ok, ) = msg.sender.call{value: amount}('');
    if (!ok) revert EthTransferFailed();
    emit UnbondedClaimed(msg.sender, amount);
  }

  function jail(address validator, uint64 duration) external onlySlasher {
    Validator storage v = _validators[validator];
    if (!v.exists) revert ValidatorNotFound(validator);
    v.jailed = true;
    v.jailedUntil = uint64(block.timestamp) + duration;
    emit Jailed(validator, v.jailedUntil);
  }

  function unjail() external {
    Validator storage v = _validators[msg.sender];
    if (!v.exists) revert ValidatorNotFound(msg.sender);
    if (!v.jailed) revert NotJailed(msg.sender);
    if (block.timestamp < v.jailedUntil) revert StillJailed(v.jailedUntil);
    v.jailed = false;
    emit Unjailed(msg.sender);
  }

  /// @notice Slash hook: removes `bps` of the validator's bonded stake (all delegators share it).
  function slash(address validator, uint16 bps) external onlySlasher returns (uint256 amount) {
    Validator storage v = _validators[validator];
    if (!v.exists) revert ValidatorNotFound(validator);
    if (bps == 0 || bps > 10_000) revert InvalidBps(bps);
    amount = (v.totalStake * bps) / 10_000;
    v.totalStake -= amount;
    slashedFunds += amount;
    emit Slashed(validator, bps, amount);
  }

  function withdrawSlashed(address to) external onlyOwner nonReentrant {
    uint256 amount = slashedFunds;
    if (amount == 0) revert NothingToClaim();
    slashedFunds = 0;
    (bool ok, ) = to.call{value: amount}('');
    if (!ok) revert EthTransferFailed();
  }

  function getValidator(address validator) external view returns (Validator memory) { return _validators[validator]; }
  function validatorCount() external view returns (uint256) { return _validatorList.length; }
  function unbondingsOf(address delegator) external view returns (Unbonding[] memory) { return _unbondings[delegator]; }

  function stakeOf(address validator, address delegator) external view returns (uint256) {
    Validator storage v = _validators[validator];
    if (v.totalShares == 0) return 0;
    return (sharesOf[validator][delegator] * v.totalStake) / v.totalShares;
  }

  /// @notice Electable validators (not jailed, stake ≥ minSelfStake and > 0) in registration
  /// order, paged by `offset`/`limit` over the full list; `total` is the full list length.
  function getValidatorElectionInfo(uint256 offset, uint256 limit)
    external
    view
    returns (address[] memory validators, uint256[] memory votingPowers, bytes[] memory consensusKeys, uint256 total)
  {
    total = _validatorList.length;
    uint256 end = offset + limit > total ? total : offset + limit;
    uint256 n = 0;
    for (uint256 i = offset; i < end; i++) if (_electable(_validators[_validatorList[i]])) n++;
    validators = new address[](n);
    votingPowers = new uint256[](n);
    consensusKeys = new bytes[](n);
    uint256 k = 0;
    for (uint256 i = offset; i < end; i++) {
      Validator storage v = _validators[_validatorList[i]];
      if (!_electable(v)) continue;
      validators[k] = v.operator;
      votingPowers[k] = v.totalStake;
      consensusKeys[k] = v.consensusKey;
      k++;
    }
  }

  function _electable(Validator storage v) internal view returns (bool) {
    return !v.jailed && v.totalStake > 0 && v.totalStake >= minSelfStake;
  }

  function _delegate(address validator, address delegator, uint256 amount) internal {
    Validator storage v = _validators[validator];
    // First stake (or a fully slashed pool) mints shares 1:1 scaled; later stakes at the pool rate.
    uint256 shares = v.totalShares == 0 || v.totalStake == 0 ? amount * SHARE_SCALE : (amount * v.totalShares) / v.totalStake;
    v.totalShares += shares;
    v.totalStake += amount;
    sharesOf[validator][delegator] += shares;
    emit Delegated(validator, delegator, amount, shares);
  }
}
