// Ticket claims in Cosmos DB, one document per ticket card (its idempotency key): point reads,
// create-if-absent and ETag-guarded replaces only. Each document carries a TTL, so the claims of
// old cards go away on their own.
import type { Container } from '@azure/cosmos';
import { createDocument, readById, replaceIfMatch } from './cosmos-documents.js';
import type { TicketClaim, TicketClaimStore, Versioned } from './types.js';

/** How long a card's claim is kept: a click on a card older than this would file a new ticket. */
export const TICKET_CLAIM_TTL_SECONDS = 90 * 24 * 60 * 60;

export class CosmosTicketClaimStore implements TicketClaimStore {
  constructor(
    private readonly container: Container,
    private readonly ttlSeconds = TICKET_CLAIM_TTL_SECONDS,
  ) {}

  get(id: string): Promise<Versioned<TicketClaim> | undefined> {
    return readById<TicketClaim>(this.container, id, 'Reading a ticket claim');
  }

  create(claim: TicketClaim): Promise<Versioned<TicketClaim>> {
    return createDocument<TicketClaim>(
      this.container,
      { ...claim, ttl: this.ttlSeconds },
      'Creating a ticket claim',
    );
  }

  replace(claim: TicketClaim, etag: string): Promise<Versioned<TicketClaim>> {
    return replaceIfMatch<TicketClaim>(
      this.container,
      { ...claim, ttl: this.ttlSeconds },
      etag,
      'Updating a ticket claim',
    );
  }
}
