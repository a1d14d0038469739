/** Escaping of template text before it reaches Markdown or HTML. Template text is data: it must come out inert. */

const MD_SPECIAL = /[\\`*_{}[\]()#+\-.!|<>&~"'=:$^]/g;

/**
 * Escapes text for a Markdown paragraph or table cell: every Markdown/HTML metacharacter is backslash-escaped or turned
 * into an entity, and line breaks become spaces, so `](command:x)`, `<img onerror>` and backticks render as text.
 */
export function escapeMarkdown(text: string, max = 300): string {
  const t = text.length > max ? text.slice(0, max) + '…' : text;
  return t
    .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(MD_SPECIAL, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : '\\' + c));
}

/** Inline code that cannot be broken out of: backticks inside are replaced, the span is escaped as a whole. */
export function markdownCode(text: string, max = 120): string {
  const t = (text.length > max ? text.slice(0, max) + '…' : text).replace(/[\r\n]+/g, ' ').replace(/`/g, 'ˋ');
  return '`' + t + '`';
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A URL we put into Markdown ourselves: only https links to AWS pages, anything else is dropped. */
export function safeAwsUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return /^https:\/\/([a-z0-9-]+\.)*(aws\.amazon\.com|docs\.aws\.amazon\.com|amazon\.com)\/[^\s()<>"'`]*$/i.test(url) ? url : undefined;
}
