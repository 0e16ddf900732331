import { pathToFileURL } from 'node:url'
import type { AiInferenceHandler } from '../chain/precompiles.js'

/**
 * Loads a `--ai-inference` module: its default export (or `handler`) is the inference handler.
 * `path` is a file path or a `file:` URL.
 */
export async function loadInferenceHandler(path: string): Promise<AiInferenceHandler> {
  let mod: { default?: unknown; handler?: unknown }
  try {
    mod = await import(path.startsWith('file:') ? path : pathToFileURL(path).href)
  } catch (err) {
    throw new Error(`--ai-inference: cannot load ${path}: ${(err as Error).message}`)
  }
  const handler = typeof mod.default === 'function' ? mod.default : mod.handler
  if (typeof handler !== 'function')
    throw new Error(`--ai-inference: ${path} must export a default function (prompt: string) => string`)
  return handler as AiInferenceHandler
}
