// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from '@openzeppelin/contracts/access/Ownable.sol';
import {EIP712} from '@openzeppelin/contracts/utils/cryptography/EIP712.sol';
import {ECDSA} from '@openzeppelin/contracts/utils/cryptography/ECDSA.sol';
import {IDataAnchoringToken} from './interfaces/IDataAnchoringToken.sol';

interface IVerifiedComputingNodes {
  function isActiveNode(address node) external view returns (bool);
  function requestJobFor(address requester, bytes32 inputHash, bytes32 modelHash, address verifier, uint64 timeout) external payable returns (uint256);
}

/// @title DataRegistry
/// @notice LazAI-compatible file registry: files, per-account encrypted keys, verifier proofs and
/// DAT rewards. Proofs are EIP-712 signatures bound to file id, file hash, chain id and this
/// contract, one per verifier and file; a reward is paid at most once per file.
contract DataRegistry is Ownable, EIP712 {
  struct Permission {
    address account;
    string key;
  }

  struct ProofData {
    uint256 id;
    uint256 score;
    string fileUrl;
    string proofUrl;
  }

  struct Proof {
    bytes signature;
    ProofData data;
  }

  struct StoredProof {
    address signer;
    uint256 score;
    string proofUrl;
  }

  struct FileInfo {
    uint256 id;
    address ownerAddress;
    string url;
    string hash;
    uint256 timestamp;
    uint256 proofsCount;
    uint256 rewardAmount;
    bool rewarded;
  }

  bytes32 public constant PROOF_TYPEHASH =
    keccak256('FileProof(uint256 fileId,bytes32 fileHash,uint256 score,string fileUrl,string proofUrl)');
  uint256 public constant MAX_PROOFS_PER_FILE = 16;

  IDataAnchoringToken public immutable token;
  IVerifiedComputingNodes public immutable verifiedComputing;
  /// The iDAO's DAT class rewards are minted into (this registry must be its class operator).
  uint256 public rewardClassId;
  string public publicKey;
  uint256 public filesCount;

  mapping(uint256 => FileInfo) private _files;
  mapping(uint256 => StoredProof[]) private _proofs;
  mapping(uint256 => mapping(address => bool)) private _provedBy;
  mapping(uint256 => mapping(address => string)) private _permissions;
  mapping(bytes32 => uint256) private _fileIdByUrl;

  event FileAdded(uint256 indexed fileId, address indexed ownerAddress, string url);
  event PermissionGranted(uint256 indexed fileId, address indexed account);
  event ProofAdded(uint256 indexed fileId, address indexed signer, uint256 proofIndex, uint256 score);
  event RewardRequested(uint256 indexed fileId, address indexed ownerAddress, uint256 proofIndex, uint256 tokenId, uint256 amount);
  event RewardClassSet(uint256 classId);
  event PublicKeyUpdated(string publicKey);

  error FileNotFound(uint256 fileId);
  error FileAlreadyExists(string url);
  error EmptyUrl();
  error NotFileOwner(uint256 fileId, address caller);
  error ProofFileMismatch(uint256 fileId, uint256 proofFileId);
  error ProofUrlMismatch(uint256 fileId);
  error InvalidProofSigner(address signer);
  error DuplicateProof(uint256 fileId, address signer);
  error TooManyProofs(uint256 fileId);
  error ProofNotFound(uint256 fileId, uint256 proofIndex);
  error AlreadyRewarded(uint256 fileId);
  error RewardClassNotSet();

  constructor(address initialOwner, address token_, address verifiedComputing_, string memory publicKey_)
    Ownable(initialOwner)
    EIP712('MetisDataRegistry', '1')
  {
    token = IDataAnchoringToken(token_);
    verifiedComputing = IVerifiedComputingNodes(verifiedComputing_);
    publicKey = publicKey_;
  }

  function setRewardClass(uint256 classId) external onlyOwner {
    rewardClassId = classId;
    emit RewardClassSet(classId);
  }

  function updatePublicKey(string calldata publicKey_) external onlyOwner {
    publicKey = publicKey_;
    emit PublicKeyUpdated(publicKey_);
  }

  // ---------------------------------------------------------------- files

  function addFile(string calldata url, string calldata hash) public returns (uint256 fileId) {
    if (bytes(url).length == 0) revert EmptyUrl();
    bytes32 key = keccak256(bytes(url));
    if (_fileIdByUrl[key] != 0) revert FileAlreadyExists(url);
    fileId = ++filesCount;
    FileInfo storage f = _files[fileId];
    f.id = fileId;
    f.ownerAddress = msg.sender;
    f.url = url;
    f.hash = hash;
    f.timestamp = block.timestamp;
    _fileIdByUrl[key] = fileId;
    emit FileAdded(fileId, msg.sender, url);
  }

  function addFileWithPermissions(string calldata url, string calldata hash, Permission[] calldata permissions) external returns (uint256 fileId) {
    fileId = addFile(url, hash);
    for (uint256 i = 0; i < permissions.length; i++) _grant(fileId, permissions[i].account, permissions[i].key);
  }

  /// @notice Registers a file and pays a VerifiedComputing proof job for it in one call.
  function addFileAndRequestProof(string calldata url, string calldata hash) external payable returns (uint256 fileId, uint256 jobId) {
    fileId = addFile(url, hash);
    jobId = verifiedComputing.requestJobFor{value: msg.value}(msg.sender, bytes32(fileId), bytes32(0), address(0), 0);
  }

  function addPermissionForFile(uint256 fileId, address account, string calldata key) external {
    FileInfo storage f = _file(fileId);
    if (f.ownerAddress != msg.sender) revert NotFileOwner(fileId, msg.sender);
    _grant(fileId, account, key);
  }

  function getFile(uint256 fileId) external view returns (FileInfo memory) { return _file(fileId); }

  function getFileIdByUrl(string calldata url) external view returns (uint256) {
    return _fileIdByUrl[keccak256(bytes(url))];
  }

  function getFilePermission(uint256 fileId, address account) external view returns (string memory) {
    _file(fileId);
    return _permissions[fileId][account];
  }

  // ---------------------------------------------------------------- proofs and rewards

  /// @notice EIP-712 digest a verifier node signs for `fileId`; binds the file's stored hash.
  function proofDigest(uint256 fileId, uint256 score, string calldata fileUrl, string calldata proofUrl) public view returns (bytes32) {
    FileInfo storage f = _file(fileId);
    return _hashTypedDataV4(
      keccak256(abi.encode(PROOF_TYPEHASH, fileId, keccak256(bytes(f.hash)), score, keccak256(bytes(fileUrl)), keccak256(bytes(proofUrl))))
    );
  }

  function addProof(uint256 fileId, Proof calldata proof) external {
    FileInfo storage f = _file(fileId);
    if (proof.data.id != fileId) revert ProofFileMismatch(fileId, proof.data.id);
    if (keccak256(bytes(proof.data.fileUrl)) != keccak256(bytes(f.url))) revert ProofUrlMismatch(fileId);
    bytes32 digest = proofDigest(fileId, proof.data.score, proof.data.fileUrl, proof.data.proofUrl);
    (address signer, ECDSA.RecoverError err, ) = ECDSA.tryRecover(digest, proof.signature);
    if (err != ECDSA.RecoverError.NoError || !verifiedComputing.isActiveNode(signer)) revert InvalidProofSigner(signer);
    if (_provedBy[fileId][signer]) revert DuplicateProof(fileId, signer);
    if (_proofs[fileId].length >= MAX_PROOFS_PER_FILE) revert TooManyProofs(fileId);
    _provedBy[fileId][signer] = true;
    _proofs[fileId].push(StoredProof({signer: signer, score: proof.data.score, proofUrl: proof.data.proofUrl}));
    f.proofsCount = _proofs[fileId].length;
    emit ProofAdded(fileId, signer, _proofs[fileId].length - 1, proof.data.score);
  }

  function getFileProof(uint256 fileId, uint256 index) external view returns (StoredProof memory) {
    _file(fileId);
    if (index >= _proofs[fileId].length) revert ProofNotFound(fileId, index);
    return _proofs[fileId][index];
  }

  /// @notice Mints the file owner a DAT worth the proof's score, once per file. A zero score
  /// closes the file's reward without minting.
  function requestReward(uint256 fileId, uint256 proofIndex) external returns (uint256 tokenId) {
    FileInfo storage f = _file(fileId);
    if (f.rewarded) revert AlreadyRewarded(fileId);
    if (proofIndex >= _proofs[fileId].length) revert ProofNotFound(fileId, proofIndex);
    StoredProof storage p = _proofs[fileId][proofIndex];
    // The signer must still be an active node when the reward is paid.
    if (!verifiedComputing.isActiveNode(p.signer)) revert InvalidProofSigner(p.signer);
    uint256 classId = rewardClassId;
    if (classId == 0) revert RewardClassNotSet();
    f.rewarded = true;
    f.rewardAmount = p.score;
    if (p.score != 0) tokenId = token.mintWithFile(classId, f.ownerAddress, p.score, p.score, 0, f.url, true);
    emit RewardRequested(fileId, f.ownerAddress, proofIndex, tokenId, p.score);
  }

  // ---------------------------------------------------------------- internals

  function _grant(uint256 fileId, address account, string calldata key) internal {
    _permissions[fileId][account] = key;
    emit PermissionGranted(fileId, account);
  }

  function _file(uint256 fileId) internal view returns (FileInfo storage f) {
    f = _files[fileId];
    if (f.id == 0) revert FileNotFound(fileId);
  }
}
