// Hand-written reader for names_data.hcl: no HCL parser is installed, and this file uses only a regular subset
// (labelled blocks, `key = "string" | [strings] | bool | number | null` attributes, `//` comments).

/** Parses HCL text into nested blocks: { type, label, attrs: {}, blocks: [] }. */
export function parseHcl(text) {
  const root = { type: 'root', label: undefined, attrs: {}, blocks: [] };
  const stack = [root];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('//') || line.startsWith('#')) continue;
    const top = stack[stack.length - 1];
    if (line === '}') {
      if (stack.length > 1) stack.pop();
      continue;
    }
    const open = /^([A-Za-z_][\w-]*)(?:\s+"([^"]*)")?\s*\{$/.exec(line);
    if (open) {
      const block = { type: open[1], label: open[2], attrs: {}, blocks: [] };
      top.blocks.push(block);
      stack.push(block);
      continue;
    }
    const attr = /^([A-Za-z_][\w-]*)\s*=\s*(.*)$/.exec(line);
    if (attr) {
      top.attrs[attr[1]] = parseValue(attr[2].trim());
      continue;
    }
    throw new Error(`names_data.hcl line ${i + 1}: cannot read "${line}"`);
  }
  return root;
}

function parseValue(raw) {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (raw === 'null') return null;
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (raw.startsWith('"')) return readString(raw, 0).value;
  if (raw.startsWith('[')) {
    const out = [];
    let i = 1;
    while (i < raw.length) {
      const c = raw[i];
      if (c === '"') {
        const s = readString(raw, i);
        out.push(s.value);
        i = s.end;
      } else if (/\d/.test(c)) {
        const m = /^\d+/.exec(raw.slice(i));
        out.push(Number(m[0]));
        i += m[0].length;
      } else if (c === ']') {
        break;
      } else {
        i++;
      }
    }
    return out;
  }
  throw new Error(`names_data.hcl: unsupported value ${raw}`);
}

function readString(raw, start) {
  let value = '';
  let i = start + 1;
  while (i < raw.length && raw[i] !== '"') {
    if (raw[i] === '\\' && i + 1 < raw.length) {
      const n = raw[i + 1];
      value += n === 'n' ? '\n' : n === 't' ? '\t' : n;
      i += 2;
    } else {
      value += raw[i++];
    }
  }
  return { value, end: i + 1 };
}

function child(block, type) {
  return block.blocks.find((b) => b.type === type);
}

/**
 * The provider's services (top-level and ec2 sub-services) as plain records.
 * @returns {{ id: string, parent?: string, sdkId: string, providerNameUpper: string, humanFriendly: string,
 *   aliases: string[], cliNoDashes?: string, brand: string, correct?: string, actual?: string, notImplemented: boolean }[]}
 */
export function readNamesData(text) {
  const root = parseHcl(text);
  const out = [];
  const visit = (block, parent) => {
    const names = child(block, 'names')?.attrs ?? {};
    const prefix = child(block, 'resource_prefix')?.attrs ?? {};
    out.push({
      id: block.label,
      ...(parent ? { parent } : {}),
      sdkId: child(block, 'sdk')?.attrs.id ?? '',
      providerNameUpper: names.provider_name_upper ?? '',
      humanFriendly: names.human_friendly ?? '',
      aliases: names.aliases ?? [],
      ...(child(block, 'cli_v2_command')?.attrs.aws_cli_v2_command_no_dashes
        ? { cliNoDashes: child(block, 'cli_v2_command').attrs.aws_cli_v2_command_no_dashes }
        : {}),
      brand: block.attrs.brand ?? '',
      ...(prefix.correct ? { correct: prefix.correct } : {}),
      ...(prefix.actual ? { actual: prefix.actual } : {}),
      notImplemented: block.attrs.not_implemented === true,
    });
    for (const sub of block.blocks.filter((b) => b.type === 'sub_service')) visit(sub, block.label);
  };
  for (const b of root.blocks.filter((b) => b.type === 'service')) visit(b, undefined);
  return out;
}
