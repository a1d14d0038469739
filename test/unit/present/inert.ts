/**
 * Proof helpers: render Markdown the most permissive way (raw HTML allowed) and parse HTML like a browser, then list
 * every live element, attribute and link, so tests can assert that nothing from a template became markup.
 */
import { parse, parseFragment } from 'parse5';

// markdown-it ships no types here; this is the one call we use.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (o: { html: boolean; linkify: boolean }) => { render(s: string): string };
const permissive = new MarkdownIt({ html: true, linkify: false });

export interface Live {
  tags: string[];
  attrs: { tag: string; name: string; value: string }[];
  links: string[];
  text: string;
}

interface P5Node {
  nodeName: string;
  tagName?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: P5Node[];
  content?: P5Node;
  value?: string;
}

function walk(n: P5Node, out: Live): void {
  if (n.tagName) {
    out.tags.push(n.tagName);
    for (const a of n.attrs ?? []) {
      out.attrs.push({ tag: n.tagName, name: a.name, value: a.value });
      if (n.tagName === 'a' && a.name === 'href') out.links.push(a.value);
    }
  }
  if (n.nodeName === '#text' && n.value) out.text += n.value;
  for (const c of n.childNodes ?? []) walk(c, out);
  if (n.content) walk(n.content, out);
}

export function liveHtml(html: string, fragment = false): Live {
  const out: Live = { tags: [], attrs: [], links: [], text: '' };
  walk((fragment ? parseFragment(html) : parse(html)) as unknown as P5Node, out);
  return out;
}

export function liveMarkdown(md: string): Live {
  return liveHtml(permissive.render(md), true);
}

export const AWS_LINK = /^https:\/\/([a-z0-9-]+\.)*(aws\.amazon\.com|docs\.aws\.amazon\.com)\//;
export const OUR_COMMAND = /^command:awsResponsibility\.showModel\?/;

/** Decodes the arguments of one of our command links. */
export function commandArgs(href: string): unknown {
  return JSON.parse(decodeURIComponent(href.slice(href.indexOf('?') + 1)));
}
