// Agent text keeps its markdown but loses live markup and script links.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { neutraliseAgentText } from '../../bot/security/index.js';

describe('neutraliseAgentText', () => {
  it('keeps emphasis and web and mail links', () => {
    const text =
      '**Done**: see [the KB](https://kb.example/a?b=1) or [mail us](mailto:it@example.com)';
    assert.equal(neutraliseAgentText(text), text);
  });

  it('shows HTML tags as typed instead of interpreting them', () => {
    assert.equal(
      neutraliseAgentText('<script>alert(1)</script><b>x</b>'),
      '\\<script\\>alert(1)\\</script\\>\\<b\\>x\\</b\\>',
    );
  });

  it('keeps only the label of links to script, data or other schemes', () => {
    assert.equal(neutraliseAgentText('[click](javascript:alert(1))'), 'click');
    assert.equal(neutraliseAgentText('[img]( data:text/html;base64,xx "t")'), 'img');
    assert.equal(neutraliseAgentText('[app](ms-settings:network)'), 'app');
    assert.equal(neutraliseAgentText('[x](<javascript:alert(1)>)'), 'x');
  });

  it('neutralises reference-style link definitions too', () => {
    assert.equal(neutraliseAgentText('[go][1]\n[1]: javascript:alert(1)'), '[go][1]\n[1]: #');
    assert.equal(neutraliseAgentText('[1]: https://ok.example'), '[1]: https://ok.example');
  });
});
