/** Texts the analysis refuses to read, with a message that says why. */

/** Files larger than this are not analyzed (CloudFormation's own limit is 1 MB; Terraform files are rarely over 1 MB). */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** How much of a file is looked at for NUL bytes. */
export const HEAD_BYTES = 8192;

/**
 * Why a text is not analyzed at all (a clear message for a diagnostic or the CLI), or undefined when it can be.
 * `headChecked`: the caller knows the first HEAD_BYTES characters are those of a text that passed (an edit after them).
 */
export function refuseReason(text: string, maxBytes = DEFAULT_MAX_BYTES, headChecked = false): string | undefined {
  if (text.length > maxBytes) {
    return `File not analyzed: ${(text.length / 1048576).toFixed(1)} MB is over the ${(maxBytes / 1048576).toFixed(0)} MB limit (setting awsResponsibility.maxFileSizeMB).`;
  }
  if (headChecked) return undefined;
  const head = text.slice(0, HEAD_BYTES);
  if (head.includes('\u0000')) return 'File not analyzed: it looks binary (it contains NUL bytes).';
  return undefined;
}

