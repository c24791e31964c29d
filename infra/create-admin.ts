/**
 * Creates the first administrator, who then invites everyone else under "Användare".
 *
 *   npm run create-admin -- --email anna.andersson@forsakringskassan.se --user-pool-id eu-north-1_AbC123
 *   npm run create-admin -- --email admin@example.se --local        (the running `npm start`)
 *
 * Deployed it uses your AWS credentials (the `UserPoolId` output of `cdk deploy` names the pool;
 * its region is the id's prefix) and needs `cognito-idp:AdminCreateUser` and
 * `cognito-idp:AdminAddUserToGroup` on it. The pool e-mails the invitation with a temporary password.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { cognitoUserDirectory } from '../shared/adapters/cognito/user-directory.ts';
import { DomainError, ValidationFailed } from '../shared/domain/errors.ts';
import { NewUserBody } from '../shared/schemas/users.ts';
import { makeUsers } from '../shared/usecases/users.ts';
import { LOCAL_DIRECTORY_FILE } from './local/directory.ts';

const USAGE = `Usage:
  npm run create-admin -- --email <work e-mail> --user-pool-id <id>   (deployed; the UserPoolId output)
  npm run create-admin -- --email <work e-mail> --local               (the running npm start)`;

const fail = (message: string): never => {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(1);
};

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    'user-pool-id': { type: 'string' },
    region: { type: 'string' },
    /** A Cognito emulator (tests); --local finds the one of npm start. */
    endpoint: { type: 'string' },
    local: { type: 'boolean', default: false },
  },
  strict: true,
});

const target = (): { USER_POOL_ID: string; AWS_REGION: string; COGNITO_ENDPOINT?: string } => {
  if (values.local) {
    if (!existsSync(LOCAL_DIRECTORY_FILE))
      fail('The local stack is not running: start it first with npm start.');
    const running = JSON.parse(readFileSync(LOCAL_DIRECTORY_FILE, 'utf8')) as {
      endpoint: string;
      userPoolId: string;
    };
    return { USER_POOL_ID: running.userPoolId, AWS_REGION: 'eu-north-1', COGNITO_ENDPOINT: running.endpoint };
  }
  const pool = values['user-pool-id'] ?? fail('Name the user pool: --user-pool-id (or --local).');
  // A pool id is `<region>_<id>`.
  const region = values.region ?? pool.split('_')[0] ?? '';
  return {
    USER_POOL_ID: pool,
    AWS_REGION: region,
    ...(values.endpoint ? { COGNITO_ENDPOINT: values.endpoint } : {}),
  };
};

const parsed = NewUserBody.safeParse({ email: values.email ?? '', role: 'admin' });
if (!parsed.success) fail("Give the administrator's work e-mail address: --email name@agency.se");
const settings = target();
// An administrator has no area, so the area store is never asked.
const users = makeUsers({
  directory: cognitoUserDirectory(() => settings),
  areas: { get: async () => undefined },
});

try {
  const admin = await users.invite(parsed.data as NewUserBody);
  console.log(`Created administrator ${admin.email} (id ${admin.id}) in user pool ${settings.USER_POOL_ID}.

What happens next:
  1. ${admin.email} gets an e-mail "Ditt konto i KUR-tjänsten" with a temporary password (valid 3 days)${
    settings.COGNITO_ENDPOINT ? ' — locally it is in the SES inbox: GET /local/outbox' : ''
  }.
  2. They sign in on the form, choose their own password${settings.COGNITO_ENDPOINT ? '' : ' and connect an authenticator app (MFA is required)'}.
  3. Under "Användare" they invite the other administrators and each area's coordinators.`);
} catch (error) {
  if (error instanceof ValidationFailed) fail(error.errors.map((e) => e.message).join('; '));
  if (error instanceof DomainError) fail(error.message);
  throw error;
}
