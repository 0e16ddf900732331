// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ReentrancyGuard} from '@openzeppelin/contracts/utils/ReentrancyGuard.sol';
import {IDataAnchoringToken} from './interfaces/IDataAnchoringToken.sol';

/// @title IDAO
/// @notice An AI DAO: Human and Agent members (an agent is linked to a human controller),
/// join requests approved by the admin or by the DAO itself, an optional refundable DAT deposit,
/// proposals that execute after a vote and a timelock, and a treasury routing revenue to its
/// DAT classes.
contract IDAO is ReentrancyGuard {
  enum MemberKind { Human, Agent }
  enum MemberStatus { None, Pending, Active }
  enum VotingMode { DatWeighted, OneMemberOneVote }
  enum ProposalState { None, Active, Defeated, Queued, Executed }

  struct Member {
    MemberKind kind;
    MemberStatus status;
    address controller;
    uint256 depositTokenId;
    uint64 joinedAt;
  }

  struct Config {
    string name;
    string description;
    address token;
    VotingMode votingMode;
    uint64 votingPeriod;
    uint64 timelock;
    uint256 quorum;
    uint256 depositClassId;
    uint256 minDeposit;
  }

  struct Proposal {
    address proposer;
    address target;
    uint256 value;
    bytes data;
    string description;
    uint64 voteEnd;
    uint64 eta;
    uint256 forVotes;
    uint256 againstVotes;
    bool executed;
  }

  Config private _config;
  address public admin;
  uint256 public memberCount;
  uint256 public proposalCount;
  uint256[] private _classes;

  mapping(address => Member) private _members;
  mapping(uint256 => Proposal) private _proposals;
  mapping(uint256 => mapping(address => bool)) public hasVoted;

  event MemberRequested(address indexed account, MemberKind kind, address controller, uint256 depositTokenId);
  event MemberApproved(address indexed account);
  event MemberLeft(address indexed account, uint256 refundedTokenId);
  event ProposalCreated(uint256 indexed proposalId, address indexed proposer, address target, uint256 value, string description, uint64 voteEnd);
  event VoteCast(uint256 indexed proposalId, address indexed voter, bool support, uint256 weight);
  event ProposalExecuted(uint256 indexed proposalId);
  event ClassCreated(uint256 indexed classId);
  event RevenueRouted(uint256 indexed classId, uint256 amount);
  event AdminChanged(address indexed admin);
  event Received(address indexed from, uint256 amount);

  error NotAdmin(address caller);
  error NotMember(address caller);
  error AlreadyMember(address account);
  error InvalidController(address controller);
  error DepositRequired(uint256 classId, uint256 minDeposit);
  error InvalidDeposit(uint256 tokenId);
  error NotPending(address account);
  error ProposalNotFound(uint256 proposalId);
  error VotingClosed(uint256 proposalId);
  error AlreadyVoted(uint256 proposalId, address voter);
  error NoVotingWeight(address voter);
  error ProposalNotPassed(uint256 proposalId);
  error TimelockNotExpired(uint256 proposalId, uint64 eta);
  error AlreadyExecuted(uint256 proposalId);
  error ExecutionFailed(uint256 proposalId, bytes reason);
  error InsufficientTreasury(uint256 balance, uint256 amount);

  modifier onlyAdminOrSelf() {
    if (msg.sender != admin && msg.sender != address(this)) revert NotAdmin(msg.sender);
    _;
  }

  modifier onlyActiveMember() {
    if (_members[msg.sender].status != MemberStatus.Active) revert NotMember(msg.sender);
    _;
  }

  constructor(Config memory config_, address founder) {
    _config = config_;
    admin = founder;
    _members[founder] = Member({kind: MemberKind.Human, status: MemberStatus.Active, controller: address(0), depositTokenId: 0, joinedAt: uint64(block.timestamp)});
    memberCount = 1;
    emit MemberApproved(founder);
  }

  receive() external payable {
    emit Received(msg.sender, msg.value);
  }

  function config() external view returns (Config memory) { return _config; }
  function getMember(address account) external view returns (Member memory) { return _members[account]; }
  function isMember(address account) external view returns (bool) { return _members[account].status == MemberStatus.Active; }
  function classes() external view returns (uint256[] memory) { return _classes; }
  function getProposal(uint256 proposalId) external view returns (Proposal memory) { return _proposal(proposalId); }

  // ---------------------------------------------------------------- membership

  /// @notice Asks to join. Agents name an active Human member as controller. With a deposit
  /// class configured the caller deposits a DAT of that class (this DAO must be its operator).
  function join(MemberKind kind, address controller, uint256 depositTokenId) external {
    Member storage m = _members[msg.sender];
    if (m.status != MemberStatus.None) revert AlreadyMember(msg.sender);
    if (kind == MemberKind.Agent) {
      Member storage c = _members[controller];
      if (controller == msg.sender || c.status != MemberStatus.Active || c.kind != MemberKind.Human) revert InvalidController(controller);
    } else if (controller != address(0)) {
      revert InvalidController(controller);
    }
    if (_config.depositClassId != 0) {
      if (depositTokenId == 0) revert DepositRequired(_config.depositClassId, _config.minDeposit);
      IDataAnchoringToken t = IDataAnchoringToken(_config.token);
      if (
        t.ownerOf(depositTokenId) != msg.sender || t.classOf(depositTokenId) != _config.depositClassId ||
        t.valueOf(depositTokenId) < _config.minDeposit || t.isExpired(depositTokenId)
      ) revert InvalidDeposit(depositTokenId);
      t.transferToken(depositTokenId, address(this));
    } else if (depositTokenId != 0) {
      revert InvalidDeposit(depositTokenId);
    }
    _members[msg.sender] = Member({kind: kind, status: MemberStatus.Pending, controller: controller, depositTokenId: depositTokenId, joinedAt: 0});
    emit MemberRequested(msg.sender, kind, controller, depositTokenId);
  }

  function approve(address account) external onlyAdminOrSelf {
    Member storage m = _members[account];
    if (m.status != MemberStatus.Pending) revert NotPending(account);
    m.status = MemberStatus.Active;
    m.joinedAt = uint64(block.timestamp);
    memberCount += 1;
    emit MemberApproved(account);
  }

  /// @notice Leaves (or withdraws a pending request); the DAT deposit goes back to the member.
  function leave() external nonReentrant {
    Member memory m = _members[msg.sender];
    if (m.status == MemberStatus.None) revert NotMember(msg.sender);
    if (m.status == MemberStatus.Active) memberCount -= 1;
    delete _members[msg.sender];
    if (m.depositTokenId != 0) IDataAnchoringToken(_config.token).transferToken(m.depositTokenId, msg.sender);
    emit MemberLeft(msg.sender, m.depositTokenId);
  }

  function votingWeight(address account) public view returns (uint256) {
    Member storage m = _members[account];
    if (m.status != MemberStatus.Active) return 0;
    if (_config.votingMode == VotingMode.OneMemberOneVote) return 1;
    if (m.depositTokenId == 0) return 0;
    return IDataAnchoringToken(_config.token).valueOf(m.depositTokenId);
  }

  // ---------------------------------------------------------------- governance

  function propose(address target, uint256 value, bytes calldata data, string calldata description) external onlyActiveMember returns (uint256 proposalId) {
    proposalId = ++proposalCount;
    Proposal storage p = _proposals[proposalId];
    p.proposer = msg.sender;
    p.target = target;
    p.value = value;
    p.data = data;
    p.description = description;
    p.voteEnd = uint64(block.timestamp) + _config.votingPeriod;
    emit ProposalCreated(proposalId, msg.sender, target, value, description, p.voteEnd);
  }

  function vote(uint256 proposalId, bool support) external onlyActiveMember {
    Proposal storage p = _proposal(proposalId);
    if (block.timestamp > p.voteEnd) revert VotingClosed(proposalId);
    if (hasVoted[proposalId][msg.sender]) revert AlreadyVoted(proposalId, msg.sender);
    uint256 weight = votingWeight(msg.sender);
    if (weight == 0) revert NoVotingWeight(msg.sender);
    hasVoted[proposalId][msg.sender] = true;
    if (support) p.forVotes += weight;
    else p.againstVotes += weight;
    emit VoteCast(proposalId, msg.sender, support, weight);
  }

  function state(uint256 proposalId) public view returns (ProposalState) {
    Proposal storage p = _proposals[proposalId];
    if (p.proposer == address(0)) return ProposalState.None;
    if (p.executed) return ProposalState.Executed;
    if (block.timestamp <= p.voteEnd) return ProposalState.Active;
    if (p.forVotes <= p.againstVotes || p.forVotes < _config.quorum) return ProposalState.Defeated;
    return ProposalState.Queued;
  }

  /// @notice Executes a passed proposal once `timelock` seconds have passed since voting ended.
  function execute(uint256 proposalId) external nonReentrant returns (bytes memory result) {
    Proposal storage p = _proposal(proposalId);
    if (p.executed) revert AlreadyExecuted(proposalId);
    if (state(proposalId) != ProposalState.Queued) revert ProposalNotPassed(proposalId);
    uint64 eta = p.voteEnd + _config.timelock;
    if (block.timestamp <= eta) revert TimelockNotExpired(proposalId, eta);
    p.executed = true;
    p.eta = eta;
    bool ok;
    (ok, result) = p.target.call{value: p.value}(p.data);
    if (!ok) revert ExecutionFailed(proposalId, result);
    emit ProposalExecuted(proposalId);
  }

  // ---------------------------------------------------------------- treasury and classes

  function setAdmin(address newAdmin) external onlyAdminOrSelf {
    admin = newAdmin;
    emit AdminChanged(newAdmin);
  }

  /// @notice Creates a DAT class owned by this DAO.
  function createClass(string calldata metadataURI, bytes32 integrityHash, uint8 unitDecimals, string calldata policyURI) external onlyAdminOrSelf returns (uint256 classId) {
    classId = IDataAnchoringToken(_config.token).createClass(metadataURI, integrityHash, unitDecimals, policyURI);
    _classes.push(classId);
    emit ClassCreated(classId);
  }

  function approveClassOperator(uint256 classId, address operator, bool approved) external onlyAdminOrSelf {
    IDataAnchoringToken(_config.token).approveForClass(classId, operator, approved);
  }

  /// @notice Sends treasury ETH to a DAT class as revenue for its holders.
  function routeRevenue(uint256 classId, uint256 amount) external onlyAdminOrSelf nonReentrant {
    if (address(this).balance < amount) revert InsufficientTreasury(address(this).balance, amount);
    IDataAnchoringToken(_config.token).settleRevenueETH{value: amount}(classId);
    emit RevenueRouted(classId, amount);
  }

  function _proposal(uint256 proposalId) internal view returns (Proposal storage p) {
    p = _proposals[proposalId];
    if (p.proposer == address(0)) revert ProposalNotFound(proposalId);
  }
}
