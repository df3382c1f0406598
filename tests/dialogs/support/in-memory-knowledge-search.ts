// A KnowledgeSearch that answers with the findings the test configured, and records what it was
// asked and the verdicts it was told.
import type { TurnContext } from 'botbuilder';
import type { HelpRequest, KnowledgeFindings, KnowledgeSearch } from '../../../dialogs/ports.js';

export class InMemoryKnowledgeSearch implements KnowledgeSearch {
  readonly requests: HelpRequest[] = [];
  readonly verdicts: { readonly text: string; readonly solved: boolean }[] = [];

  constructor(private findings: KnowledgeFindings) {}

  answer(findings: KnowledgeFindings): void {
    this.findings = findings;
  }

  find(_context: TurnContext, request: HelpRequest): Promise<KnowledgeFindings> {
    this.requests.push({ ...request });
    return Promise.resolve(this.findings);
  }

  verdict(request: HelpRequest, solved: boolean): void {
    this.verdicts.push({ text: request.text, solved });
  }
}
