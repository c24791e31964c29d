import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLES } from '../../shared/domain/roles.ts';

export interface AuthProps {
  /**
   * Prefix of the hosted UI domain (`<prefix>.auth.<region>.amazoncognito.com`); unique per
   * region across all AWS accounts.
   */
  readonly domainPrefix: string;
}

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

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);

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
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // MFA optional (acknowledged in the stack): a user can turn on an authenticator app; threat
      // protection below covers risky sign-ins for those who have not.
      mfa: Mfa.OPTIONAL,
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
      userInvitation: {
        emailSubject: 'Ditt konto för KUR',
        emailBody:
          'Hej!<br><br>Du har fått ett konto för att ansöka om och följa upp KUR-medel.<br>' +
          'Användarnamn: {username}<br>Tillfälligt lösenord: {####}<br><br>' +
          'Du väljer ett eget lösenord första gången du loggar in.',
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // AwsSolutions-COG2 wants MFA required. Optional is a product decision: coordinators are
    // municipal and agency staff on shared or locked-down work computers where an authenticator
    // app cannot always be installed; threat protection (Plus plan, enforced) covers risky sign-ins.
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is optional by decision: not every coordinator can install an authenticator app; ' +
        'enforced threat protection (Plus plan) challenges or blocks risky sign-ins instead.',
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
    return this.userPool.addClient(id, {
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
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
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true, fullname: true }),
    });
  }
}
