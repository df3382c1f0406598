// A DomainClassifier that answers with whatever classification the test configured, and
// remembers which texts it was asked about.
import type { DomainClassification, DomainClassifier } from '../../../dialogs/ports.js';

export class InMemoryDomainClassifier implements DomainClassifier {
  readonly texts: string[] = [];

  constructor(private readonly result: DomainClassification = { candidates: [] }) {}

  classify(text: string): Promise<DomainClassification> {
    this.texts.push(text);
    return Promise.resolve(this.result);
  }
}
