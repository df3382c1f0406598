// "Configuration valid": the same validation the bot runs at start-up, on the same environment.
import { CheckId, CheckStatus, type Check, type DoctorContext, type Finding } from '../types.js';

export const configCheck: Check = {
  id: CheckId.config,
  title: 'Configuration valid',
  run(context: DoctorContext): Promise<Finding> {
    const { config, configProblems } = context;
    if (config === undefined) {
      return Promise.resolve({
        status: CheckStatus.fail,
        detail: `${configProblems.length} problem(s): ${configProblems.join('; ')}`,
        fix: 'Correct each variable named (README, "Configuration") in the environment or .env; the bot refuses to start until then.',
      });
    }
    const serviceNow =
      config.serviceNow.mode === 'instance'
        ? `ServiceNow ${config.serviceNow.instanceUrl}`
        : 'ServiceNow sandbox (simulator)';
    const cosmos =
      config.cosmos.mode === 'remote'
        ? `Cosmos DB ${config.cosmos.endpoint}`
        : 'embedded memory-only store';
    const botAuth =
      config.bot.appId === undefined ? 'no Bot Framework authentication' : config.bot.appType;
    return Promise.resolve({
      status: CheckStatus.pass,
      detail: `${serviceNow}; ${cosmos}; ${botAuth}${config.production ? '; production' : ''}`,
    });
  },
};
