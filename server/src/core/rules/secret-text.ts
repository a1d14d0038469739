/**
 * What marks text as a secret, shared by the secret rules: names of properties and inputs that hold secrets (and of
 * those that only identify one), AWS access key ids and PEM private keys.
 */
import { get } from '../model/nodes';
import { detached } from '../parse/text-diff';
import type { RuleContext } from './rule-api';

/** An input the file declares secret: a CloudFormation parameter with `NoEcho`, a Terraform variable marked `sensitive`. */
export function declaredSecret(ctx: RuleContext, name: string): boolean {
  const p = ctx.doc.declarations.parameters.get(name)?.node;
  return ctx.values.bool(get(p, ctx.doc.language === 'cloudformation' ? 'NoEcho' : 'sensitive')) === true;
}

const ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/;
/** Property / variable names that hold secrets (compared without `_` and `-`, case-insensitive, as a suffix). */
const SECRET_NAME = /(password|passwd|secret|secretstring|secretkey|authtoken|token|apikey|privatekey|secretaccesskey|credentials?)$/;
/**
 * Answers per distinct name (templates repeat the same keys in every resource); bounded in count and key length so
 * hostile input cannot grow it.
 */
const secretNames = new Map<string, boolean>();

export function secretName(key: string): boolean {
  let yes = secretNames.get(key);
  if (yes === undefined) {
    yes = SECRET_NAME.test(key.replace(/[_-]/g, '').toLowerCase());
    if (key.length <= 100) {
      if (secretNames.size >= 10_000) secretNames.clear();
      // A copy: the key may be a slice of a document's text, which the cache would otherwise keep alive.
      secretNames.set(detached(key), yes);
    }
  }
  return yes;
}

/** An access key id is 20 characters starting AKIA/ASIA: test the cheap conditions before the regex. */
export function hasAccessKeyId(text: string): boolean {
  return text.length >= 20 && (text.includes('AKIA') || text.includes('ASIA')) && ACCESS_KEY_ID.test(text);
}

const PEM_PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----/;
/** "-----BEGIN" in base64, and what follows it (a PEM private key put in user data base64-encoded). */
const PEM_BASE64 = /LS0tLS1CRUdJTi[A-Za-z0-9+/]{8,120}/g;
/** The start of a decoded PEM private key (its header may be cut where the base64 run was). */
const PEM_HEADER = /^-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY/;

/** A PEM private key (RSA, EC, OpenSSH, PKCS#8, PGP), as text or base64-encoded; certificates and public keys are not. */
export function hasPrivateKey(text: string): boolean {
  if (text.length < 30) return false;
  if (text.includes('-----BEGIN') && PEM_PRIVATE_KEY.test(text)) return true;
  if (!text.includes('LS0tLS1CRUdJTi')) return false;
  PEM_BASE64.lastIndex = 0;
  for (let m = PEM_BASE64.exec(text), n = 0; m && n < 20; m = PEM_BASE64.exec(text), n++) {
    const b64 = m[0].slice(0, m[0].length - (m[0].length % 4));
    try {
      if (PEM_HEADER.test(atob(b64))) return true;
    } catch {
      // not base64 after all
    }
  }
  return false;
}

/** Names of inputs that identify a secret rather than hold it (compared without `_` / `-`). */
export const NAME_NOT_VALUE = /(name|arn|id|path|param|parameter|ref|prefix|suffix|length|version|keyid)$/i;

