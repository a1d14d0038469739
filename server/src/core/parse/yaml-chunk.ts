import { parseYamlWithLibrary, type YamlParse } from './yaml-convert';

type FastParser = (text: string, base?: number) => YamlParse | undefined;

let fast: FastParser | undefined;
try {
  // The fast path for the block-structure subset CloudFormation uses; returns undefined outside it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  fast = (require('./yaml-fast') as { parseYamlFast?: FastParser }).parseYamlFast;
} catch {
  fast = undefined;
}

/** Parses one chunk of YAML: the fast subset parser when it is sure, else the `yaml` library. */
export function parseYamlChunk(text: string, base = 0): YamlParse {
  if (fast) {
    try {
      const r = fast(text, base);
      if (r) return r;
    } catch {
      // fall through to the library, which reports errors properly
    }
  }
  return parseYamlWithLibrary(text, base);
}
