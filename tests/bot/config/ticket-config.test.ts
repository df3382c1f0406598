// The `ticket` and `survey` settings of the handoff configuration: defaults, an option's
// settings over the global ones, and every bad key reported at start-up by its JSON path.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHandoffConfig } from '../../../bot/config/index.js';
import { handoffProblemsOf } from './support.js';

const option = {
  id: 'hr',
  enabled: true,
  label: 'Live Chat',
  startAction: 'AGENT',
  contextVariables: {},
};
const base = { options: [option], availability: { agentsAlwaysAvailable: false, cacheSeconds: 0 } };

describe('ticket and survey settings', () => {
  it('are off by default, with incident and work notes', () => {
    const config = parseHandoffConfig(base);
    assert.deepEqual(config.ticket, { enabled: false, table: 'incident', fields: {} });
    assert.deepEqual(config.survey, { enabled: false, field: 'work_notes' });
    assert.deepEqual(config.options[0]?.ticket, config.ticket);
  });

  it("merge an option's settings over the global ones, fields key by key", () => {
    const config = parseHandoffConfig({
      ...base,
      ticket: { enabled: true, fields: { contact_type: 'virtual_agent', urgency: '3' } },
      survey: { enabled: true },
      options: [
        {
          ...option,
          ticket: {
            table: 'u_hr_case',
            fields: { urgency: "${if(context.reason == 'noAgents', '2', '3')}" },
          },
          survey: { enabled: false },
        },
      ],
    });
    assert.deepEqual(config.options[0]?.ticket, {
      enabled: true,
      table: 'u_hr_case',
      fields: {
        contact_type: 'virtual_agent',
        urgency: "${if(context.reason == 'noAgents', '2', '3')}",
      },
    });
    assert.equal(config.options.at(0)?.survey.enabled, false);
    assert.equal(config.survey.enabled, true);
  });

  it('reports every bad ticket key at once, by path, naming no value', () => {
    const problems = handoffProblemsOf({
      ...base,
      ticket: {
        enabled: 'yes',
        table: 'Incident; drop',
        fields: { correlation_id: 'x', category: '${context.secret}', 'Bad Name': 'x' },
        portalUrl: 'javascript:alert(1)',
        choice: {
          field: 'urgency',
          label: 'Urgency',
          default: '9',
          options: [{ value: '1', label: 'High' }],
        },
      },
      options: [{ ...option, ticket: { fields: { short_description: '${unclosed' } } }],
    });
    const text = problems.join('\n');
    assert.match(text, /\/ticket\/enabled: must be boolean/);
    assert.match(text, /\/ticket\/table: must match pattern/);
    assert.match(text, /\/ticket\/fields: property name must be valid/);
    assert.doesNotMatch(text, /Bad Name|drop|javascript/);
  });

  it('checks templates, reserved fields, the portal link and the choice after the schema', () => {
    const text = handoffProblemsOf({
      ...base,
      ticket: {
        enabled: true,
        fields: { correlation_id: 'x', category: '${context.secret}' },
        portalUrl: 'ftp://portal/${context.number}',
        choice: {
          field: 'urgency',
          label: 'Urgency',
          default: '9',
          options: [{ value: '1', label: 'High' }],
        },
      },
      options: [{ ...option, ticket: { fields: { short_description: '${unclosed' } } }],
    }).join('\n');
    assert.match(text, /\/ticket\/fields\/correlation_id: set by the bot/);
    assert.match(text, /\/ticket\/fields\/category: unknown variable "context.secret"/);
    assert.match(text, /\/ticket\/portalUrl: must start with https:\/\//);
    assert.match(text, /\/ticket\/choice\/default: not one of the option values/);
    assert.match(text, /\/options\/0\/ticket\/fields\/short_description: unterminated/);
  });

  it('lets the portal link read the record and the instance, and field templates not', () => {
    const text = handoffProblemsOf({
      ...base,
      ticket: { enabled: true, fields: { description: '${context.number}' } },
    }).join('\n');
    assert.match(text, /\/ticket\/fields\/description: unknown variable "context.number"/);
    const config = parseHandoffConfig({
      ...base,
      ticket: {
        enabled: true,
        portalUrl: '${context.instance_url}/sp?id=ticket&sys_id=${context.sys_id}',
      },
    });
    assert.equal(
      config.ticket.portalUrl,
      '${context.instance_url}/sp?id=ticket&sys_id=${context.sys_id}',
    );
  });
});
