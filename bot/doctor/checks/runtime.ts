// "Node.js runtime": whether the Node.js the bot runs on is one it supports and still gets
// security fixes (bot/node-support.ts, the same verdict the bot logs at start-up).
import { nodeSupport, NodeSupportStatus } from '../../node-support.js';
import { CheckId, CheckStatus, type Check, type DoctorContext, type Finding } from '../types.js';

const statusOf: Record<NodeSupportStatus, CheckStatus> = {
  [NodeSupportStatus.supported]: CheckStatus.pass,
  [NodeSupportStatus.ending]: CheckStatus.warn,
  [NodeSupportStatus.ended]: CheckStatus.warn,
  [NodeSupportStatus.unsupported]: CheckStatus.fail,
};

export const runtimeCheck: Check = {
  id: CheckId.runtime,
  title: 'Node.js runtime',
  run(context: DoctorContext): Promise<Finding> {
    const { status, detail, fix } = nodeSupport(context.nodeVersion, context.now());
    return Promise.resolve({
      status: statusOf[status],
      detail,
      ...(fix === undefined ? {} : { fix }),
    });
  },
};
