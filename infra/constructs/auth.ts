import { Duration, Lazy, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  type IUserPoolIdentityProvider,
  Mfa,
  OAuthScope,
  ProviderAttribute,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
  UserPoolEmail,
  UserPoolIdentityProviderOidc,
  UserPoolIdentityProviderSaml,
  UserPoolIdentityProviderSamlMetadata,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { invitationEmail } from '../../shared/domain/invitation.ts';
import { ROLES } from '../../shared/domain/roles.ts';
import type { FederationSettings } from '../settings.ts';

export interface AuthProps {
  /**
   * Prefix of the hosted UI domain (`<prefix>.auth.<region>.amazoncognito.com`); unique per
   * region across all AWS accounts.
   */
  readonly domainPrefix: string;
  /**
   * Send Cognito's e-mails (invitations, codes) through SES from this address of a verified
   * domain identity; without it Cognito's own sender, with its small daily quota, sends them.
   */
  readonly sesSender?: { readonly fromEmail: string; readonly domain: string };
  /** The agency's identity provider; its users sign in there, with the agency's own MFA. */
  readonly federation?: FederationSettings;
}

/** Name of the agency's provider in the pool (shown on the hosted UI's button). */
export const AGENCY_PROVIDER_NAME = 'Myndigheten';

/** Custom attribute that receives the agency provider's groups, for an administrator to read. */
export const IDP_GROUPS_ATTRIBUTE = 'idpGroups';

/** The claims providers usually send e-mail and groups in, unless `idpGroupsAttribute` names another. */
const PROVIDER_CLAIMS = {
  saml: {
    email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
    groups: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups',
  },
  oidc: { email: 'email', groups: 'groups' },
} as const;

export interface FormClientProps {
  /** Where the hosted UI may send the user back with the code (the form's URL and any extra ones). */
  readonly callbackUrls: string[];
  /** Where the hosted UI may send the user after signing out. */
  readonly logoutUrls: string[];
}

/** Custom attribute carrying a coordinator's area; tokens carry it as `custom:areaId`. */
export const AREA_ID_ATTRIBUTE = 'areaId';

/**
 * The Cognito user pool: administrators create the accounts (no self sign-up), users sign in with
 * their work e-mail, one group per role of shared/domain/roles.ts (`cognito:groups` in the token),
 * and coordinators carry their area in `custom:areaId`.
 */
export class Auth extends Construct {
  readonly userPool: UserPool;
  readonly domain: UserPoolDomain;
  /** The agency's identity provider, when federation is configured. */
  readonly agencyProvider?: IUserPoolIdentityProvider;
  private signInUrl?: string;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    // The invitation names where to sign in: the form's URL, known only once the API exists.
    const signInUrl = Lazy.string({
      produce: () => {
        if (!this.signInUrl) throw new Error('Auth.setSignInUrl must be called: the invitation names it');
        return this.signInUrl;
      },
    });

    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      // Area ids are 1–63 characters (shared/schemas/common.ts); constraints cannot change later.
      customAttributes: {
        [AREA_ID_ATTRIBUTE]: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
        // Only with federation: attributes can be added to a pool later, never removed.
        ...(props.federation
          ? { [IDP_GROUPS_ATTRIBUTE]: new StringAttribute({ maxLen: 2048, mutable: true }) }
          : {}),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Every user of the pool's own signs in with a second factor from an authenticator app (TOTP);
      // no SMS (SIM swapping, and no SNS spend). Federated users get the agency's MFA instead:
      // Cognito leaves their authentication to the provider.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus plan with full threat protection: blocks sign-ins with leaked passwords and challenges
      // risky ones. A few dozen users, so the per-user cost is negligible.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      userVerification: {
        emailSubject: 'Bekräfta din e-postadress för KUR',
        emailBody: 'Din kod för att bekräfta e-postadressen är {####}',
      },
      userInvitation: invitationEmail(signInUrl),
      ...(props.sesSender
        ? {
            email: UserPoolEmail.withSES({
              fromEmail: props.sesSender.fromEmail,
              fromName: 'KUR-tjänsten',
              sesRegion: Stack.of(this).region,
              sesVerifiedDomain: props.sesSender.domain,
            }),
          }
        : {}),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const role of ROLES) {
      this.userPool.addGroup(`Group-${role}`, {
        groupName: role,
        description: `Members act as ${role} in the KUR API.`,
      });
    }

    this.domain = this.userPool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
    });

    if (props.federation) this.agencyProvider = this.addAgencyProvider(props.federation);
  }

  /** Where the invitation tells people to sign in (the form's URL). */
  setSignInUrl(url: string): void {
    this.signInUrl = url;
  }

  /**
   * The agency's identity provider. Its e-mail becomes the user's, its groups land in
   * `custom:idpGroups`: the role (`admin`, `coordinator`) and the area stay the pool's own groups
   * and attribute, given by an administrator, so the agency's groups never grant a role by themselves.
   */
  private addAgencyProvider(federation: FederationSettings): IUserPoolIdentityProvider {
    const claims = PROVIDER_CLAIMS[federation.kind];
    const attributeMapping = {
      email: ProviderAttribute.other(claims.email),
      custom: {
        [`custom:${IDP_GROUPS_ATTRIBUTE}`]: ProviderAttribute.other(
          federation.groupsAttribute ?? claims.groups,
        ),
      },
    };
    if (federation.kind === 'saml') {
      return new UserPoolIdentityProviderSaml(this, 'AgencySaml', {
        userPool: this.userPool,
        name: AGENCY_PROVIDER_NAME,
        metadata: UserPoolIdentityProviderSamlMetadata.url(federation.metadataUrl),
        attributeMapping,
      });
    }
    return new UserPoolIdentityProviderOidc(this, 'AgencyOidc', {
      userPool: this.userPool,
      name: AGENCY_PROVIDER_NAME,
      issuerUrl: federation.issuer,
      clientId: federation.clientId,
      // A dynamic reference: CloudFormation reads the secret at deploy time, the template holds only
      // its name. (Not SSM SecureString: CloudFormation does not resolve those in this property.)
      clientSecret: SecretValue.secretsManager(federation.clientSecretName).unsafeUnwrap(),
      scopes: ['openid', 'email', 'profile'],
      attributeMapping,
    });
  }

  /** The hosted UI's base URL, e.g. `https://kur-123.auth.eu-north-1.amazoncognito.com`. */
  get hostedUiUrl(): string {
    return this.domain.baseUrl();
  }

  /** The issuer of the pool's tokens (`iss`), for a JWT authorizer. */
  get issuerUrl(): string {
    const stack = Stack.of(this);
    return `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${this.userPool.userPoolId}`;
  }

  /**
   * The public client of the form (a browser page: no secret). Authorization-code grant, which the
   * form runs with PKCE; the form sends the ID token, the only one that carries `custom:areaId`.
   * Users may read their area but never write it: only an administrator assigns areas. E-mail
   * stays writable because Cognito wants required attributes writable; a change takes effect only
   * once the new address is verified (`keepOriginal`).
   */
  addFormClient(id: string, props: FormClientProps): UserPoolClient {
    // Naming the provider refers to it, so the client is created after it.
    const client = this.userPool.addClient(id, {
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      supportedIdentityProviders: [
        UserPoolClientIdentityProvider.COGNITO,
        ...(this.agencyProvider
          ? [UserPoolClientIdentityProvider.custom(this.agencyProvider.providerName)]
          : []),
      ],
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: props.callbackUrls,
        logoutUrls: props.logoutUrls,
      },
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(AREA_ID_ATTRIBUTE),
      // Cognito writes a federated user's mapped attributes through the client, so they must be writable.
      writeAttributes: this.agencyProvider
        ? new ClientAttributes()
            .withStandardAttributes({ email: true, fullname: true })
            .withCustomAttributes(IDP_GROUPS_ATTRIBUTE)
        : new ClientAttributes().withStandardAttributes({ email: true, fullname: true }),
    });
    return client;
  }
}
