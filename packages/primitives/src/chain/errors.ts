import { BaseError } from '../errors/base.js'

/** A genesis file or chain config that does not validate. `issues` lists each problem with its path. */
export class InvalidGenesisError extends BaseError {
  override name = 'InvalidGenesisError'
  readonly issues: string[]
  constructor(issues: string[], cause?: unknown) {
    super('Invalid genesis.', { metaMessages: issues, cause, code: -32602 })
    this.issues = issues
  }
}

/** An ethereum/tests network name that is not known. */
export class UnknownNetworkError extends BaseError {
  override name = 'UnknownNetworkError'
  constructor(name: string) {
    super(`Unknown test network "${name}".`, {
      details: 'expected a fork name (e.g. Cancun) or a transition such as ShanghaiToCancunAtTime15k',
    })
  }
}
