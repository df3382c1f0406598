// An agent's plain text is shown as typed: every markdown or HTML character is escaped, so none
// becomes markup or a link with a hidden target; bare web and mail addresses stay links.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { neutraliseAgentText } from '../../bot/security/index.js';

describe('neutraliseAgentText', () => {
  it('escapes emphasis, code, strike-through, tables and entities', () => {
    assert.equal(
      neutraliseAgentText('2*3*4 **bold** _x_ file_name `code` ~~s~~ a|b AT&T &amp;'),
      '2\\*3\\*4 \\*\\*bold\\*\\* \\_x\\_ file\\_name \\`code\\` \\~\\~s\\~\\~ a\\|b AT\\&T \\&amp;',
    );
  });

  it('shows HTML tags as typed instead of interpreting them', () => {
    assert.equal(
      neutraliseAgentText('<script>alert(1)</script><b>x</b>'),
      '\\<script\\>alert(1)\\</script\\>\\<b\\>x\\</b\\>',
    );
  });

  it('keeps backslashes, as in Windows paths', () => {
    assert.equal(neutraliseAgentText('C:\\dir\\file'), 'C:\\\\dir\\\\file');
  });

  it('turns no markdown link into a link, whatever its target', () => {
    assert.equal(
      neutraliseAgentText('[click](javascript:alert(1))'),
      '\\[click\\](javascript:alert(1))',
    );
    assert.equal(neutraliseAgentText('![img](x.png)'), '!\\[img\\](x.png)');
    assert.equal(
      neutraliseAgentText('[go][1]\n[1]: javascript:x'),
      '\\[go\\]\\[1\\]\n\\[1\\]: javascript:x',
    );
  });

  it('keeps bare web and mail addresses as they are, so Teams links them', () => {
    assert.equal(
      neutraliseAgentText(
        'see https://kb.example/a_b?c=1&d=*2, mailto:it@example.com or http://x.example.',
      ),
      'see https://kb.example/a_b?c=1&d=*2, mailto:it@example.com or http://x.example.',
    );
    assert.equal(
      neutraliseAgentText('[doc](https://kb.example/a_b)'),
      '\\[doc\\](https://kb.example/a_b)',
    );
  });

  it('escapes what would start a list, heading, quote or rule at the start of a line', () => {
    assert.equal(
      neutraliseAgentText('1. restart\n2) log in\n- done\n  + nested\n# title\n> quote\n===\n---'),
      '1\\. restart\n2\\) log in\n\\- done\n  \\+ nested\n\\# title\n\\> quote\n\\===\n\\---',
    );
    assert.equal(neutraliseAgentText('version 1.2 - ok # 3'), 'version 1.2 - ok # 3');
  });
});
