/**
 * The local Cognito: cognito-local (https://github.com/jagregory/cognito-local) in a process of
 * its own, built as its `createDefaultServer` builds it, with two differences that make it answer
 * as Cognito does where this service relies on it:
 * - a disabled user cannot sign in (cognito-local 5 lets them: it never reads `Enabled`);
 * - its e-mails are sent to the SES emulator, so that an invitation lands in the same local inbox
 *   as every other e-mail, in the words of the deployed pool's template (shared/domain/invitation.ts).
 *
 *   node --import tsx infra/local/cognito-emulator.ts --port 9229 --dir .local/cognito \
 *     --ses-endpoint http://127.0.0.1:8005 --from kur@example.se --sign-in-url http://localhost:3000/
 *
 * Prints `ready` when it listens. Its data lives in `<dir>/.cognito/` (cognito-local's layout).
 */
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { NotAuthorizedError } from 'cognito-local/lib/errors.js';
import { loadConfig } from 'cognito-local/lib/server/config.js';
import { Router } from 'cognito-local/lib/server/Router.js';
import { createServer } from 'cognito-local/lib/server/server.js';
import { DateClock } from 'cognito-local/lib/services/clock.js';
import { CognitoServiceFactoryImpl } from 'cognito-local/lib/services/cognitoService.js';
import { CryptoService } from 'cognito-local/lib/services/crypto.js';
import { StormDBDataStoreFactory } from 'cognito-local/lib/services/dataStore/stormDb.js';
import type { Messages } from 'cognito-local/lib/services/messages.js';
import { otp } from 'cognito-local/lib/services/otp.js';
import { JwtTokenGenerator } from 'cognito-local/lib/services/tokenGenerator.js';
import { TriggersService } from 'cognito-local/lib/services/triggers/triggers.js';
import { attributeValue, UserPoolServiceFactoryImpl } from 'cognito-local/lib/services/userPoolService.js';
import { invitationEmail } from '../../shared/domain/invitation.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    dir: { type: 'string' },
    'ses-endpoint': { type: 'string' },
    from: { type: 'string', default: 'kur@example.se' },
    'sign-in-url': { type: 'string', default: 'http://localhost:3000/' },
  },
});
const port = Number(values.port);
if (!values.dir || !port || !values['ses-endpoint']) {
  console.error('usage: cognito-emulator.ts --port <n> --dir <data dir> --ses-endpoint <url>');
  process.exit(2);
}
// cognito-local keeps its data relative to the working directory.
process.chdir(values.dir);

const ses = new SESClient({
  endpoint: values['ses-endpoint'],
  region: 'eu-north-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const utf8 = (data: string) => ({ Data: data, Charset: 'UTF-8' });
const textOf = (html: string) => html.replace(/<br>/g, '\n').replace(/<[^>]+>/g, '');

/** What Cognito e-mails: the invitation (from the pool's template), else a code. */
const messages: Messages = {
  deliver: async (_ctx, source, _clientId, _poolId, user, code, _metadata, delivery) => {
    if (delivery.DeliveryMedium !== 'EMAIL') return;
    const email = attributeValue('email', user.Attributes) ?? delivery.Destination;
    const template =
      source === 'AdminCreateUser'
        ? invitationEmail(values['sign-in-url'] as string)
        : { emailSubject: 'Din kod för KUR-tjänsten', emailBody: 'Din kod är {####}' };
    const body = template.emailBody.replaceAll('{username}', email).replaceAll('{####}', code);
    await ses.send(
      new SendEmailCommand({
        Source: values.from as string,
        Destination: { ToAddresses: [delivery.Destination] },
        Message: {
          Subject: utf8(template.emailSubject),
          Body: { Html: utf8(body), Text: utf8(textOf(body)) },
        },
      }),
    );
  },
};

// cognito-local's own pino (its server logs requests through pino-http with it).
const pino = createRequire(createRequire(import.meta.url).resolve('cognito-local'))(
  'pino',
) as typeof import('pino').default;
const logger = pino({ level: process.env.DEBUG ? 'debug' : 'warn' });
const ctx = { logger };
const config = await loadConfig(ctx, new StormDBDataStoreFactory('.cognito'));
config.TokenConfig = { IssuerDomain: `http://127.0.0.1:${port}` };
config.ServerConfig = { ...config.ServerConfig, port, hostname: '127.0.0.1' };
const clock = new DateClock();
const dataDirectory = '.cognito/db';
const dataStoreFactory = new StormDBDataStoreFactory(dataDirectory);
const cognito = await new CognitoServiceFactoryImpl(
  dataDirectory,
  dataStoreFactory,
  new UserPoolServiceFactoryImpl(clock, dataStoreFactory),
).create(ctx, config.UserPoolDefaults);
// No Lambda triggers are configured, so the Lambda client is never called.
const triggers = new TriggersService(
  clock,
  cognito,
  { enabled: () => false } as never,
  new CryptoService(config.KMSConfig),
);
const services = {
  clock,
  cognito,
  config,
  messages,
  otp,
  tokenGenerator: new JwtTokenGenerator(clock, triggers, config.TokenConfig),
  triggers,
};

type Request = {
  UserPoolId?: string;
  ClientId?: string;
  AuthParameters?: { USERNAME?: string; REFRESH_TOKEN?: string };
};

/** Cognito answers a disabled user's sign-in (password or refresh token) with NotAuthorizedException. */
const refuseDisabled = async (request: Request): Promise<void> => {
  const pool = request.UserPoolId
    ? await cognito.getUserPool(ctx, request.UserPoolId)
    : request.ClientId
      ? await cognito.getUserPoolForClientId(ctx, request.ClientId)
      : undefined;
  const { USERNAME, REFRESH_TOKEN } = request.AuthParameters ?? {};
  const user = !pool
    ? null
    : USERNAME
      ? await pool.getUserByUsername(ctx, USERNAME)
      : REFRESH_TOKEN
        ? await pool.getUserByRefreshToken(ctx, REFRESH_TOKEN)
        : null;
  if (user && user.Enabled === false) throw new NotAuthorizedError('User is disabled.');
};

const router = Router(services as never);
const guarded: typeof router = (target) => {
  const route = router(target);
  if (target !== 'InitiateAuth' && target !== 'AdminInitiateAuth') return route;
  return async (context, request) => {
    await refuseDisabled(request as Request);
    return route(context, request);
  };
};

await createServer(guarded, logger, config.ServerConfig, services as never).start();
console.log('ready');
