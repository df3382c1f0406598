// ServiceNow users (`sys_user`), looked up by the email address Teams gives for the employee.
import { SnowAmbiguousResultError, SnowBadResponseError, SnowQueryValueError } from './errors.js';
import { EncodedQuery } from './query.js';
import { stringValue, type TableApi, type TableRow } from './table-api.js';

export interface SnowUser {
  readonly sysId: string;
  readonly userName?: string;
  readonly email?: string;
  readonly name?: string;
}

const table = 'sys_user';
const fields = ['sys_id', 'user_name', 'email', 'name'];

export class Users {
  constructor(private readonly tables: TableApi) {}

  /**
   * The one active user with this email. Two matches are an error, not a guess: ServiceNow's own
   * account linking also refuses ambiguous emails, and picking one could expose another person.
   */
  async findByEmail(email: string): Promise<SnowUser | undefined> {
    const query = EncodedQuery.where('email', '=', checkEmail(email)).and('active', '=', 'true');
    const rows = await this.tables.list(table, { query, fields, limit: 2 });
    if (rows.length > 1) {
      throw new SnowAmbiguousResultError('More than one active ServiceNow user has this email');
    }
    return rows[0] === undefined ? undefined : toUser(rows[0]);
  }
}

function checkEmail(email: string): string {
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+$/.test(email)) {
    throw new SnowQueryValueError('Not an email address');
  }
  return email;
}

function toUser(row: TableRow): SnowUser {
  const sysId = stringValue(row.sys_id);
  if (sysId === undefined)
    throw new SnowBadResponseError('Table API read of sys_user: a row has no sys_id');
  return {
    sysId,
    userName: stringValue(row.user_name),
    email: stringValue(row.email),
    name: stringValue(row.name),
  };
}
