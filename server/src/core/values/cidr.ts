/**
 * `Fn::Cidr` computed locally (hand-written: a few lines of BigInt arithmetic, no library needed).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-cidr.html
 * Returns undefined when the inputs are invalid (the caller reports unknown).
 */
export function cidrSubnets(ipBlock: string, count: number, cidrBits: number): string[] | undefined {
  if (!Number.isInteger(count) || count < 1 || count > 256 || !Number.isInteger(cidrBits) || cidrBits < 0) return undefined;
  const slash = ipBlock.indexOf('/');
  if (slash < 0) return undefined;
  const addr = ipBlock.slice(0, slash).trim();
  const prefix = Number(ipBlock.slice(slash + 1).trim());
  const v6 = addr.includes(':');
  const width = v6 ? 128 : 32;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > width) return undefined;
  const base = v6 ? parseV6(addr) : parseV4(addr);
  if (base === undefined) return undefined;
  const newPrefix = width - cidrBits;
  if (newPrefix < prefix || newPrefix > width) return undefined;
  if (BigInt(count) > 1n << BigInt(newPrefix - prefix)) return undefined;
  const hostMask = (1n << BigInt(width - prefix)) - 1n;
  const network = base & ~hostMask & ((1n << BigInt(width)) - 1n);
  const step = 1n << BigInt(cidrBits);
  const out: string[] = [];
  for (let i = 0n; i < BigInt(count); i++) {
    const a = network + i * step;
    out.push(`${v6 ? formatV6(a) : formatV4(a)}/${newPrefix}`);
  }
  return out;
}

function parseV4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    v = (v << 8n) | BigInt(Number(p));
  }
  return v;
}

function formatV4(v: bigint): string {
  return [24n, 16n, 8n, 0n].map((sh) => String((v >> sh) & 255n)).join('.');
}

function parseV6(s: string): bigint | undefined {
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let v = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    v = (v << 16n) | BigInt(parseInt(g, 16));
  }
  return v;
}

/** Full (uncompressed) lower-case groups; CloudFormation's exact compression is not needed for analysis. */
function formatV6(v: bigint): string {
  const groups: string[] = [];
  for (let sh = 112n; sh >= 0n; sh -= 16n) groups.push(((v >> sh) & 0xffffn).toString(16));
  return groups.join(':');
}
