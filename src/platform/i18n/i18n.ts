export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'vi';

export type Messages = { readonly [key: string]: string | Messages };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * Builds a translator over nested message catalogues. A missing key falls back to Vietnamese,
 * then to the key itself, so a gap shows up on the page instead of breaking it.
 * `{name}` placeholders are filled from `params`.
 */
export function createTranslator(catalogues: Record<Locale, Messages>) {
  const flat = {
    vi: flatten(catalogues.vi),
    en: flatten(catalogues.en),
  } satisfies Record<Locale, Map<string, string>>;
  return function translate(locale: Locale, key: string, params: Record<string, unknown> = {}): string {
    const template = flat[locale].get(key) ?? flat.vi.get(key) ?? key;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      params[name] === undefined ? whole : String(params[name]),
    );
  };
}

export type Translate = ReturnType<typeof createTranslator>;

function flatten(messages: Messages, prefix = '', into = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(messages)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') into.set(full, value.normalize('NFC'));
    else flatten(value, full, into);
  }
  return into;
}

/** Merges module catalogues into one; a key defined twice is a programming error. */
export function mergeMessages(...parts: Messages[]): Messages {
  const out: Record<string, string | Messages> = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      const existing = out[key];
      if (existing === undefined) out[key] = value;
      else if (typeof existing === 'object' && typeof value === 'object') out[key] = mergeMessages(existing, value);
      else throw new Error(`Message key "${key}" is defined twice`);
    }
  }
  return out;
}
