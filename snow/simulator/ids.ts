// Identifiers and timestamps in ServiceNow's formats: 32-hex sys_ids and GlideDateTime strings.
import { randomBytes } from 'node:crypto';

export function newSysId(): string {
  return randomBytes(16).toString('hex');
}

/** `YYYY-MM-DD HH:mm:ss` in UTC, the form the Table API returns for date-time fields. */
export function glideDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ');
}

/** Interaction numbers look like `IMS0010001`. */
export function interactionNumber(sequence: number): string {
  return `IMS${String(sequence).padStart(7, '0')}`;
}
