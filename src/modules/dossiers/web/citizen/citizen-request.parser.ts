/** Reading the citizen's form posts: text fields as NFC strings, the button pressed, a fresh idempotency key. */
import { randomUUID } from 'node:crypto';

/** The first value of a form field as trimmed NFC text ('' when absent). */
export function formText(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.normalize('NFC').trim() : '';
}

export type FormAction = { type: 'save' } | { type: 'add'; group: string } | { type: 'remove'; group: string; index: number } | { type: 'units'; path: string };

/**
 * Which submit button was pressed on a question page. Without JavaScript, "add another", "remove"
 * and "show the communes" are buttons of the same form, told apart by the `_action` value.
 */
export function parseAction(value: string): FormAction {
  const add = /^add:([a-z][a-z0-9_]*)$/.exec(value);
  if (add) return { type: 'add', group: add[1]! };
  const remove = /^remove:([a-z][a-z0-9_]*):(\d{1,3})$/.exec(value);
  if (remove) return { type: 'remove', group: remove[1]!, index: Number(remove[2]) };
  const units = /^units:([a-z][a-z0-9_]*(?:\[\d{1,3}\]\.[a-z][a-z0-9_]*)?)$/.exec(value);
  if (units) return { type: 'units', path: units[1]! };
  return { type: 'save' };
}

/** A key for a form that must act once however often it is posted (a double click, a retried request). */
export function newFormKey(): string {
  return randomUUID();
}

/** A key posted back, if it looks like one of ours. */
export function formKey(body: unknown): string | null {
  const key = formText(body, '_key');
  return /^[0-9a-f-]{36}$/.test(key) ? key : null;
}
