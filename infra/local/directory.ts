import { fileURLToPath } from 'node:url';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createRemoteJWKSet } from 'jose';
import { AREA_ATTRIBUTE } from '../../shared/adapters/cognito/user-directory.ts';
import { ROLES, type Role } from '../../shared/domain/roles.ts';
import type { TrustedIssuer } from './auth.ts';

/**
 * The local user pool on the Cognito emulator: the pool, the form's app client and one group per
 * role, made on first start and found again after (by name). The local gateway trusts its tokens
 * as API Gateway trusts the deployed pool's: issuer `<endpoint>/<pool id>`, keys from
 * `<issuer>/.well-known/jwks.json`, audience the app client.
 */

/** Where a running `npm start` names its user pool (`{ endpoint, userPoolId }`), for `npm run create-admin -- --local`. */
export const LOCAL_DIRECTORY_FILE = fileURLToPath(new URL('../../.local/directory.json', import.meta.url));

const POOL_NAME = 'kur-local';
const CLIENT_NAME = 'kur-form';
/** Every local account signs in with this password: the picker stands in for the hosted UI. */
const LOCAL_PASSWORD = 'Lokalt-lösenord-1';

export class UserDisabled extends Error {
  constructor() {
    super('Kontot är avstängt. Be projektledningen att aktivera det igen.');
  }
}

export interface LocalDirectory {
  endpoint: string;
  userPoolId: string;
  clientId: string;
  trustedIssuer: TrustedIssuer;
  /**
   * The local sign-in picker: makes the directory agree with the pick (creates the user, or moves
   * them to the picked role and area) and signs them in, answering the ID token. A disabled user
   * is refused, as Cognito refuses them.
   */
  signIn(pick: { role: Role; email: string; areaId?: string }): Promise<string>;
  close(): void;
}

const isNamed = (error: unknown, name: string): boolean => (error as { name?: string })?.name === name;

export const connectLocalDirectory = async (endpoint: string): Promise<LocalDirectory> => {
  const client = new CognitoIdentityProviderClient({
    endpoint,
    region: 'eu-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const pools = await client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  let userPoolId = pools.UserPools?.find((p) => p.Name === POOL_NAME)?.Id;
  if (!userPoolId) {
    const created = await client.send(
      new CreateUserPoolCommand({
        PoolName: POOL_NAME,
        UsernameAttributes: ['email'],
        Schema: [{ Name: 'areaId', AttributeDataType: 'String', Mutable: true }],
      }),
    );
    userPoolId = created.UserPool?.Id as string;
  }
  const clients = await client.send(
    new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }),
  );
  let clientId = clients.UserPoolClients?.find((c) => c.ClientName === CLIENT_NAME)?.ClientId;
  if (!clientId) {
    const created = await client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: CLIENT_NAME,
        ExplicitAuthFlows: [
          'ALLOW_ADMIN_USER_PASSWORD_AUTH',
          'ALLOW_USER_PASSWORD_AUTH',
          'ALLOW_REFRESH_TOKEN_AUTH',
        ],
      }),
    );
    clientId = created.UserPoolClient?.ClientId as string;
  }
  for (const role of ROLES) {
    await client
      .send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: role }))
      .catch((error: unknown) => {
        if (!isNamed(error, 'GroupExistsException')) throw error;
      });
  }
  const pool = userPoolId;
  const audience = clientId;
  const issuer = `${endpoint}/${pool}`;

  const placeInRole = async (username: string, role: Role, areaId: string | undefined) => {
    const { Groups = [] } = await client.send(
      new AdminListGroupsForUserCommand({ UserPoolId: pool, Username: username }),
    );
    for (const group of Groups) {
      if (group.GroupName && group.GroupName !== role) {
        await client.send(
          new AdminRemoveUserFromGroupCommand({
            UserPoolId: pool,
            Username: username,
            GroupName: group.GroupName,
          }),
        );
      }
    }
    if (!Groups.some((g) => g.GroupName === role)) {
      await client.send(
        new AdminAddUserToGroupCommand({ UserPoolId: pool, Username: username, GroupName: role }),
      );
    }
    if (areaId) {
      await client.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: pool,
          Username: username,
          UserAttributes: [{ Name: AREA_ATTRIBUTE, Value: areaId }],
        }),
      );
    } else {
      await client.send(
        new AdminDeleteUserAttributesCommand({
          UserPoolId: pool,
          Username: username,
          UserAttributeNames: [AREA_ATTRIBUTE],
        }),
      );
    }
  };

  const findOrCreate = async (email: string, areaId: string | undefined): Promise<string> => {
    try {
      const found = await client.send(new AdminGetUserCommand({ UserPoolId: pool, Username: email }));
      if (found.Enabled === false) throw new UserDisabled();
      return found.Username as string;
    } catch (error) {
      if (!isNamed(error, 'UserNotFoundException')) throw error;
    }
    const { User } = await client.send(
      new AdminCreateUserCommand({
        UserPoolId: pool,
        Username: email,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
          ...(areaId ? [{ Name: AREA_ATTRIBUTE, Value: areaId }] : []),
        ],
      }),
    );
    return User?.Username as string;
  };

  return {
    endpoint,
    userPoolId: pool,
    clientId: audience,
    trustedIssuer: {
      issuer,
      audience,
      algorithms: ['RS256'],
      verificationKeys: createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`)),
    },
    signIn: async ({ role, email, areaId }) => {
      const username = await findOrCreate(email, areaId);
      await placeInRole(username, role, areaId);
      await client.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: pool,
          Username: username,
          Password: LOCAL_PASSWORD,
          Permanent: true,
        }),
      );
      const { AuthenticationResult } = await client.send(
        new AdminInitiateAuthCommand({
          UserPoolId: pool,
          ClientId: audience,
          AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: email, PASSWORD: LOCAL_PASSWORD },
        }),
      );
      if (!AuthenticationResult?.IdToken) throw new Error('The Cognito emulator answered no ID token');
      return AuthenticationResult.IdToken;
    },
    close: () => client.destroy(),
  };
};
