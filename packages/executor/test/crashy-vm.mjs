// The toy VM, except that a transaction whose data starts with 0xee kills the worker thread
// (process.exit inside a worker ends only that worker) and 0xef throws from a state read path.
import { executeSystemCall, executeTransaction as run } from './toy-vm.mjs'

export { executeSystemCall }

export function executeTransaction(parameters) {
  const first = parameters.tx.data[0]
  if (first === 0xee) process.exit(3)
  if (first === 0xef) throw new Error('VM bug: unexpected internal state')
  return run(parameters)
}
