// The TypeScript side of the kit's one secret table (python/pyinfra_kit_bridge/secret_rules.json,
// which the bridge reads too): which data keys are secret, passwords inside URLs, and scrubbing
// the values that were masked out of any text shown or logged.
import rules from '../../../python/pyinfra_kit_bridge/secret_rules.json';
import { printable } from '../execution/printable';

export const MASK: string = rules.mask;
const SECRET_KEY = new RegExp(rules.keyPattern, 'i');
const URL_PASSWORD = new RegExp(rules.urlPassword, 'gi');

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

const isSet = (value: unknown) => value !== null && value !== undefined && value !== '';

function maskUrls(text: string): string {
  return text.includes('://') ? text.replace(URL_PASSWORD, (_match, before: string, _password: string, at: string) => `${before}${MASK}${at}`) : text;
}

/** A copy of JSON data with the values of secret keys replaced at any depth, and URL passwords. */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (typeof value === 'string') return maskUrls(value);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, isSecretKey(key) && isSet(item) ? MASK : maskSecrets(item)]));
}

/** The texts maskSecrets hides: values of secret keys (numbers as text) and URL passwords. */
export function secretValues(value: unknown, underSecretKey = false): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => secretValues(item, underSecretKey));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => secretValues(item, underSecretKey || (isSecretKey(key) && isSet(item))));
  if (underSecretKey && value !== null && value !== undefined && typeof value !== 'boolean') return [String(value)];
  if (typeof value === 'string' && value.includes('://')) return [...value.matchAll(URL_PASSWORD)].map((match) => match[2]);
  return [];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Remembers secret values of host data and replaces them in text: as they are, as JSON writes them inside a
 * string (a `"`, `\\` or control character escaped), so --json output is scrubbed too, and as printable() shows
 * them (a control character escaped), since the terminal's text is made printable before it is scrubbed.
 */
export class SecretScrubber {
  private readonly values = new Set<string>();
  private pattern: RegExp | undefined;

  remember(data: unknown): this {
    for (const value of secretValues(data)) {
      if (value.length < rules.minScrubLength) continue;
      for (const written of [value, JSON.stringify(value).slice(1, -1), printable(value)]) {
        if (this.values.has(written)) continue;
        this.values.add(written);
        this.pattern = undefined;
      }
    }
    return this;
  }

  scrub(text: string): string {
    if (!text) return text;
    if (this.values.size > 0) {
      // longest first, so a secret that contains another is replaced whole
      this.pattern ??= new RegExp([...this.values].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'g');
      text = text.replace(this.pattern, MASK);
    }
    return maskUrls(text);
  }
}
