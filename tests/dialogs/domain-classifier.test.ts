import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KeywordDomainClassifier } from '../../dialogs/domain-classifier.js';

const classifier = new KeywordDomainClassifier([
  { id: 'IT_DOMAIN', keywords: ['vpn', 'laptop', 'Passwort', 'contraseña'], phrases: ['log in'] },
  { id: 'HR_DOMAIN', keywords: ['payroll', 'vacation'], phrases: ['parental leave'] },
]);

describe('keyword domain classifier', () => {
  it('puts a request in the domain whose words it uses', async () => {
    assert.deepEqual(await classifier.classify('My VPN keeps disconnecting!'), {
      domain: 'IT_DOMAIN',
      candidates: [{ domain: 'IT_DOMAIN', score: 1 }],
    });
  });

  it('ranks every matching domain, phrases counting double', async () => {
    const result = await classifier.classify('Parental leave question: my laptop is broken');
    assert.equal(result.domain, 'HR_DOMAIN');
    assert.deepEqual(result.candidates, [
      { domain: 'HR_DOMAIN', score: 0.667 },
      { domain: 'IT_DOMAIN', score: 0.333 },
    ]);
  });

  it('matches whole words only, ignoring case and accents', async () => {
    assert.equal((await classifier.classify('Mein PASSWORT läuft ab')).domain, 'IT_DOMAIN');
    assert.equal((await classifier.classify('olvidé mi contrasena')).domain, 'IT_DOMAIN');
    assert.deepEqual(await classifier.classify('vpnclient and catalog in the blog'), {
      candidates: [],
    });
  });

  it('leaves the domain unknown when nothing matches', async () => {
    assert.deepEqual(await classifier.classify('Hello there'), { candidates: [] });
    assert.deepEqual(await new KeywordDomainClassifier([]).classify('vpn'), { candidates: [] });
  });
});
