/**
 * `.aws-responsibility.yaml` for a document, on Node (the language server, and the tests): {@link WorkspaceConfigLookup}
 * with Node's paths, config files read by {@link nodeConfigFs} — only regular files of at most 256 KB whose real path is
 * inside a workspace folder.
 */
import * as path from 'path';
import { nodeConfigFs } from '../node/config-fs';
import { WorkspaceConfigLookup } from './config-lookup';

export type { LoadedConfig } from './config-lookup';

export class WorkspaceConfigs extends WorkspaceConfigLookup {
  constructor(roots: string[] = [], log: (message: string) => void = () => undefined) {
    super({ path, configFs: (r) => nodeConfigFs(r) }, roots, log);
  }
}
