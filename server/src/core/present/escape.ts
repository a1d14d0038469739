/** Escaping of template text before it reaches Markdown or HTML. Template text is data: it must come out inert. */

const MD_SPECIAL = /[\\`*_{}[\]()#+\-.!|<>&~"'=:$^]/g;

/**
 * Unicode bidirectional controls (embeddings, overrides, isolates, marks): in a name or message they can make text
 * read differently from what it is ("Trojan Source"). Template text shows them as U+FFFD.
 */
export const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Escapes text for a Markdown paragraph or table cell: every Markdown/HTML metacharacter is backslash-escaped or turned
 * into an entity, and line breaks become spaces, so `](command:x)`, `<img onerror>` and backticks render as text.
 */
export function escapeMarkdown(text: string, max = 300): string {
  const t = text.length > max ? text.slice(0, max) + '…' : text;
  return t
    .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(BIDI_CONTROLS, '\ufffd')
    .replace(MD_SPECIAL, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : '\\' + c));
}

/** Inline code that cannot be broken out of: backticks inside are replaced, the span is escaped as a whole. */
export function markdownCode(text: string, max = 120): string {
  const t = (text.length > max ? text.slice(0, max) + '…' : text)
    .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(BIDI_CONTROLS, '\ufffd')
    .replace(/`/g, 'ˋ');
  // A code span that starts or ends with a space loses one; padding keeps `|` and spaces literal.
  return '`' + (t === '' ? ' ' : t) + '`';
}

/**
 * A rule message (prose with `code` spans, as rules write them) as safe Markdown: the code spans become inert code,
 * everything else is escaped. Works on any input: an odd number of backticks only leaves the tail as escaped prose.
 */
export function messageMarkdown(text: string, max = 400): string {
  const t = text.length > max ? text.slice(0, max) + '…' : text;
  const parts = t.split('`');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const inCode = i % 2 === 1 && i < parts.length - 1;
    out.push(inCode ? markdownCode(parts[i], max) : escapeMarkdown(parts[i], max));
  }
  return out.join('');
}

export function escapeHtml(text: string): string {
  return text.replace(BIDI_CONTROLS, '\ufffd').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A rule message as HTML: code spans become `<code>`, everything escaped. */
export function messageHtml(text: string): string {
  return text
    .split('`')
    .map((p, i, all) => (i % 2 === 1 && i < all.length - 1 ? `<code>${escapeHtml(p)}</code>` : escapeHtml(p)))
    .join('');
}

/** A URL we put into Markdown or HTML ourselves: only https links to AWS pages, anything else is dropped. */
export function safeAwsUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return /^https:\/\/([a-z0-9-]+\.)*(aws\.amazon\.com|docs\.aws\.amazon\.com|amazon\.com)\/[^\s()<>"'`\\[\]]*$/i.test(url) ? url : undefined;
}

/**
 * A `command:` link target built by our code for one of our commands. Arguments are JSON, URI-encoded, with the
 * characters Markdown would read as link syntax also encoded, so template text in them cannot end the link.
 */
export function commandUri(command: string, args: unknown): string {
  if (!/^awsResponsibility\.[A-Za-z]+$/.test(command)) throw new Error(`not one of our commands: ${command}`);
  const enc = encodeURIComponent(JSON.stringify([args])).replace(/[()'!*~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  return `command:${command}?${enc}`;
}

/** Plain text shown outside Markdown and HTML (diagnostics, outline, terminals): no control or bidirectional characters. */
export function plainText(text: string, max = 2000): string {
  const t = text.length > max ? text.slice(0, max) + '…' : text;
  return t.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '').replace(BIDI_CONTROLS, '\ufffd');
}
