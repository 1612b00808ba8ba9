/** `opendvc account add …`: operators create accounts (e.g. the first officials of an agency). */
import { parseArgs } from 'node:util';
import { presentAccount } from './account.presenter.ts';
import type { AccountService } from './account.service.ts';

export const ACCOUNT_USAGE = `  account add --type citizen|business|organisation|official --email <address> --password <password>
              [--phone <mobile>] [--agency <CODE> --role <ROLE>[,<ROLE>]] [--id-number <12 digits>] [--name <full name>]
                             create an active account and print it as JSON (officials set up two-step verification at first login)
`;

/** Runs an `account` subcommand; returns the JSON to print. Throws AppError on bad input. */
export async function runAccountCommand(args: string[], accounts: AccountService): Promise<string> {
  const [sub, ...rest] = args;
  if (sub !== 'add') throw new UsageError(`unknown account command "${sub ?? ''}"; try: opendvc account add --type citizen --email … --password …`);
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: {
      type: { type: 'string' },
      email: { type: 'string' },
      phone: { type: 'string' },
      password: { type: 'string' },
      agency: { type: 'string' },
      role: { type: 'string' },
      'id-number': { type: 'string' },
      name: { type: 'string' },
    },
  });
  if (!values.type) throw new UsageError('--type is required (citizen, business, organisation or official)');
  if (!values.password) throw new UsageError('--password is required');
  const account = await accounts.addAccount(
    {
      type: values.type,
      email: values.email,
      phone: values.phone,
      password: values.password,
      agency: values.agency,
      roles: values.role ? values.role.split(',') : [],
      idNumber: values['id-number'],
      fullName: values.name,
    },
    { origin: { ip: 'cli', userAgent: 'opendvc account add' } },
  );
  return JSON.stringify(presentAccount(account), null, 2);
}

export class UsageError extends Error {
  override name = 'UsageError';
}
