// Well-known sys_ids and the demo data a fresh simulator starts with.
import type { SimulatedAgent, SimulatedUser } from './types.js';

/** Out-of-box sys_id of the AWA "Chat" service channel. */
export const CHAT_CHANNEL_SYS_ID = '27f675e3739713004a905ee515f6a7c3';
/** Out-of-box sys_id of the AWA presence state "Available". */
export const AVAILABLE_PRESENCE_SYS_ID = '0b10223c57a313005baaaa65ef94f970';
/** The simulator's own id for "Offline": the out-of-box one is not documented. */
export const OFFLINE_PRESENCE_SYS_ID = 'f3a8c1d25b6e4f0fa1d7c9e8b4a21d60';
/** Out-of-box sys_id of the guest user that unlinked chat users are opened for. */
export const GUEST_USER_SYS_ID = '5136503cc611227c0183e96598c4f706';

export const DEFAULT_AGENTS: readonly SimulatedAgent[] = [
  { name: 'Jordan Taylor', available: true },
];

export const DEFAULT_USERS: readonly SimulatedUser[] = [
  { name: 'Alex Wilber', email: 'alexw@example.com', userName: 'alexw' },
  { name: 'Megan Bowen', email: 'meganb@example.com', userName: 'meganb' },
  { name: 'Adele Vance', email: 'adelev@example.com', userName: 'adelev' },
  { name: 'Abel Tuter', email: 'abel.tuter@example.com', userName: 'abel.tuter' },
];

export const TOPICS: readonly { readonly label: string; readonly value: string }[] = [
  { label: 'Live Agent Support', value: 'ce2ee85053130010cf8cddeeff7b12bf' },
  { label: 'Password Reset', value: '2f5a1d2c53130010cf8cddeeff7b1242' },
  { label: 'Check IT Ticket Status', value: '8c2b5d9053130010cf8cddeeff7b1261' },
];
