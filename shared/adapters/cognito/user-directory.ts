import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  type AttributeType,
  CognitoIdentityProviderClient,
  ListUsersInGroupCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { type Config, config } from '../../config.ts';
import { UserExists } from '../../domain/errors.ts';
import { ROLES, type Role } from '../../domain/roles.ts';
import type { User, UserStatus } from '../../domain/users.ts';
import { tracer } from '../../observability.ts';
import type { UserDirectory } from '../../ports.ts';

/** The custom attribute that carries a coordinator's area (`custom:areaId` in the ID token). */
export const AREA_ATTRIBUTE = 'custom:areaId';

/** Cognito's largest page of ListUsersInGroup. */
const PAGE = 60;

type CognitoSettings = Pick<Config, 'AWS_REGION' | 'USER_POOL_ID' | 'COGNITO_ENDPOINT'>;

const attribute = (attributes: AttributeType[] | undefined, name: string): string | undefined =>
  attributes?.find((a) => a.Name === name)?.Value;

/** A user who cannot sign in is `disabled` whatever else holds; one who never chose a password, `invited`. */
const statusOf = (enabled: boolean | undefined, userStatus: string | undefined): UserStatus => {
  if (enabled === false) return 'disabled';
  return userStatus === 'FORCE_CHANGE_PASSWORD' ? 'invited' : 'active';
};

const toUser = (
  role: Role,
  fields: {
    Username?: string;
    Attributes?: AttributeType[];
    Enabled?: boolean;
    UserStatus?: string;
    UserCreateDate?: Date;
  },
): User => {
  const areaId = attribute(fields.Attributes, AREA_ATTRIBUTE);
  return {
    id: fields.Username ?? '',
    email: attribute(fields.Attributes, 'email') ?? '',
    role,
    ...(areaId ? { areaId } : {}),
    status: statusOf(fields.Enabled, fields.UserStatus),
    createdAt: (fields.UserCreateDate ?? new Date(0)).toISOString(),
  };
};

const isNamed = (error: unknown, name: string): boolean => (error as { name?: string })?.name === name;

/**
 * The user directory on a Cognito user pool (locally its emulator, COGNITO_ENDPOINT). The pool
 * signs in by e-mail, so Cognito makes each username a UUID — the `sub` of the person's tokens —
 * which is the user's id here. The role is the pool group of the same name; administrators win
 * if someone is in both. Made on first use: importing it reads no configuration.
 */
export const cognitoUserDirectory = (settings: () => CognitoSettings = config): UserDirectory => {
  let made: { client: CognitoIdentityProviderClient; pool: string } | undefined;
  const connect = () => {
    if (!made) {
      const { AWS_REGION, USER_POOL_ID, COGNITO_ENDPOINT } = settings();
      if (!USER_POOL_ID) throw new Error('Configuration: USER_POOL_ID is required for the user directory');
      const client = tracer.captureAWSv3Client(
        new CognitoIdentityProviderClient({
          region: AWS_REGION,
          ...(COGNITO_ENDPOINT
            ? { endpoint: COGNITO_ENDPOINT, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
            : {}),
        }),
      );
      made = { client, pool: USER_POOL_ID };
    }
    return made;
  };

  const roleOf = async (username: string): Promise<Role | undefined> => {
    const { client, pool } = connect();
    const { Groups = [] } = await client.send(
      new AdminListGroupsForUserCommand({ UserPoolId: pool, Username: username }),
    );
    const names = Groups.map((g) => g.GroupName);
    return ROLES.find((role) => names.includes(role));
  };

  const membersOf = async (role: Role): Promise<UserType[]> => {
    const { client, pool } = connect();
    const users: UserType[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListUsersInGroupCommand({ UserPoolId: pool, GroupName: role, Limit: PAGE, NextToken: token }),
      );
      users.push(...(page.Users ?? []));
      token = page.NextToken;
    } while (token);
    return users;
  };

  return {
    invite: async ({ email, role, areaId }) => {
      const { client, pool } = connect();
      let created: UserType | undefined;
      try {
        ({ User: created } = await client.send(
          new AdminCreateUserCommand({
            UserPoolId: pool,
            Username: email,
            UserAttributes: [
              { Name: 'email', Value: email },
              // The address is the one head office typed and the invitation reaches: no code needed.
              { Name: 'email_verified', Value: 'true' },
              ...(areaId ? [{ Name: AREA_ATTRIBUTE, Value: areaId }] : []),
            ],
            DesiredDeliveryMediums: ['EMAIL'],
          }),
        ));
      } catch (error) {
        if (isNamed(error, 'UsernameExistsException')) throw new UserExists();
        throw error;
      }
      const username = created?.Username;
      if (!username) throw new Error('Cognito created a user without a username');
      try {
        await client.send(
          new AdminAddUserToGroupCommand({ UserPoolId: pool, Username: username, GroupName: role }),
        );
      } catch (error) {
        // Without its group the account could sign in to nothing: take it back, so that inviting
        // again starts clean instead of answering "already exists".
        await client
          .send(new AdminDeleteUserCommand({ UserPoolId: pool, Username: username }))
          .catch(() => {});
        throw error;
      }
      return toUser(role, { ...created, Username: username });
    },

    list: async () => {
      const seen = new Set<string>();
      const users: User[] = [];
      // ROLES lists admin first: someone in both groups is listed once, as an administrator.
      for (const role of ROLES) {
        for (const member of await membersOf(role)) {
          if (!member.Username || seen.has(member.Username)) continue;
          seen.add(member.Username);
          users.push(toUser(role, member));
        }
      }
      return users;
    },

    setEnabled: async (id, enabled) => {
      const { client, pool } = connect();
      try {
        await client.send(
          enabled
            ? new AdminEnableUserCommand({ UserPoolId: pool, Username: id })
            : new AdminDisableUserCommand({ UserPoolId: pool, Username: id }),
        );
        const [found, role] = await Promise.all([
          client.send(new AdminGetUserCommand({ UserPoolId: pool, Username: id })),
          roleOf(id),
        ]);
        // Someone outside both groups is not a user of this service (e.g. made in the console).
        return role ? toUser(role, { ...found, Attributes: found.UserAttributes }) : undefined;
      } catch (error) {
        if (isNamed(error, 'UserNotFoundException')) return undefined;
        throw error;
      }
    },
  };
};
