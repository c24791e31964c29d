import { startGateway } from '../../infra/local/gateway.ts';
import { createLocalKeys } from '../../infra/local/keys.ts';
import { drainAfterRequest, startOutboxDrain } from '../../infra/local/outbox-drain.ts';

/**
 * The local gateway as `npm start` runs it (the outbox drained after a request that wrote), on a
 * free port, with an administrator's and an area's coordinator's tokens and a `call` that answers
 * the JSON or throws on anything but 2xx: what the gateway and memory benches drive.
 */
export const startBenchGateway = async (options: {
  tableName: string;
  endpoint: string;
  sesEndpoint: string;
  areaId: string;
}) => {
  const keys = await createLocalKeys();
  const outbox = await startOutboxDrain({ tableName: options.tableName, endpoint: options.endpoint });
  const gateway = await startGateway({
    port: 0,
    keys,
    sesEndpoint: options.sesEndpoint,
    log: false,
    afterRequest: [drainAfterRequest(outbox)],
  });
  const coordinatorEmail = `samverkan.${options.areaId}@forsakringskassan.se`;
  const admin = { authorization: `Bearer ${await keys.token('admin')}` };
  const coordinator = {
    authorization: `Bearer ${await keys.token('coordinator', { areaId: options.areaId, email: coordinatorEmail })}`,
  };
  const call = async (
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: unknown,
  ): Promise<Record<string, any>> => {
    const response = await fetch(`${gateway.url}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const answer = (await response.json()) as Record<string, unknown>;
    if (response.status >= 300)
      throw new Error(`${method} ${path} → ${response.status}: ${JSON.stringify(answer)}`);
    return answer;
  };
  return {
    gateway,
    admin,
    coordinator,
    coordinatorEmail,
    call,
    close: async () => {
      await gateway.close();
      await outbox.close();
    },
  };
};
