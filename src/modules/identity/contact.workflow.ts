/** Contact details: Vietnamese mobile numbers and e-mail addresses, normalised the one way they are stored. */

/**
 * Mobile prefixes in use since the 2018 switch to 10-digit numbers (Ministry of Information and
 * Communications numbering plan): Viettel 032–039, 086, 096–098; VinaPhone 081–085, 088, 091, 094;
 * MobiFone 070, 076–079, 089, 090, 093; Vietnamobile 052, 056, 058, 092; Gmobile 059, 099;
 * Itelecom 087; Reddi 055. 095 (S-Fone) is closed.
 */
const MOBILE_PREFIXES: ReadonlySet<string> = new Set([
  '032', '033', '034', '035', '036', '037', '038', '039',
  '052', '055', '056', '058', '059',
  '070', '076', '077', '078', '079',
  '081', '082', '083', '084', '085', '086', '087', '088', '089',
  '090', '091', '092', '093', '094', '096', '097', '098', '099',
]);

/** A Vietnamese mobile number as stored (0xxxxxxxxx), from the ways people write it; null when invalid. */
export function normalisePhone(input: string): string | null {
  const compact = input.normalize('NFKC').replace(/[\s.\-()]/g, '');
  let national: string;
  if (/^\+84\d{9}$/.test(compact)) national = `0${compact.slice(3)}`;
  else if (/^84\d{9}$/.test(compact)) national = `0${compact.slice(2)}`;
  else if (/^0\d{9}$/.test(compact)) national = compact;
  else return null;
  return MOBILE_PREFIXES.has(national.slice(0, 3)) ? national : null;
}

/** The international form (+84…) an SMS gateway expects. */
export function phoneToE164(phone: string): string {
  return `+84${phone.slice(1)}`;
}

/** An e-mail address, NFC and lower-cased; null when it is not one. Deliberately loose: the code sent proves it. */
export function normaliseEmail(input: string): string | null {
  const value = input.normalize('NFC').trim().toLowerCase();
  if (value.length > 254) return null;
  return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(value) ? value : null;
}

export type Contact = { readonly channel: 'email'; readonly value: string } | { readonly channel: 'sms'; readonly value: string };

/** A login identifier: an e-mail address when it has an @, otherwise a mobile number. */
export function parseContact(input: string): Contact | null {
  if (input.includes('@')) {
    const email = normaliseEmail(input);
    return email ? { channel: 'email', value: email } : null;
  }
  const phone = normalisePhone(input);
  return phone ? { channel: 'sms', value: phone } : null;
}

/** Hides most of an address on screen ("ng***@example.vn", "09******78"), so a page never confirms a full contact. */
export function maskContact(contact: Contact): string {
  if (contact.channel === 'sms') return `${contact.value.slice(0, 2)}******${contact.value.slice(-2)}`;
  const [local = '', domain = ''] = contact.value.split('@');
  return `${local.slice(0, 2)}***@${domain}`;
}
