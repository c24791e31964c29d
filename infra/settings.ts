/**
 * What a deployment chooses, from CDK context (`-c key=value`, or cdk.json), checked before anything
 * is built: a synth that would put personal data outside the EU, or send from a made-up address,
 * stops here with a message saying what to pass.
 */
export interface DeploymentSettings {
  /** Names the stack and its resources, so that dev, test and prod can share an account. */
  readonly stage: string;
  /** Where everything runs; one of `allowedRegions`. */
  readonly region: string;
  /** The SES identity e-mails are sent from. */
  readonly senderEmail: string;
  /** Extra URLs the form may be reached at, for the sign-in redirect. */
  readonly formCallbackUrls: string[];
  /** Hosted UI domain prefix; default `kur-<stage>-<account id>`. */
  readonly authDomainPrefix?: string;
  /** Who the alarms e-mail (subscribed to the alarm topic); without it the topic has no subscriber. */
  readonly alarmEmail?: string;
  /**
   * The domain the stack makes an SES identity of (Easy DKIM, MAIL FROM `mail.<domain>`);
   * `senderEmail` must be in it. Without it the identity is verified by hand, as before.
   */
  readonly senderDomain?: string;
  /**
   * Set once SES shows `senderDomain` verified (its DNS records are in): Cognito then sends its
   * invitations through SES from `senderEmail`. Cognito refuses an identity that is not verified
   * yet, so the first deployment with a new domain cannot switch it.
   */
  readonly senderDomainVerified?: boolean;
  /** The agency's identity provider, when its staff sign in with their own accounts. */
  readonly federation?: FederationSettings;
}

/** One external identity provider: SAML (metadata URL) or OpenID Connect. */
export type FederationSettings =
  | { readonly kind: 'saml'; readonly metadataUrl: string; readonly groupsAttribute?: string }
  | {
      readonly kind: 'oidc';
      readonly issuer: string;
      readonly clientId: string;
      /**
       * Name of the Secrets Manager secret (a plain string) holding the client secret; only the name
       * is in the template. Not an SSM SecureString: CloudFormation resolves those only in a fixed
       * list of resource properties, and the identity provider's is not one of them.
       */
      readonly clientSecretName: string;
      readonly groupsAttribute?: string;
    };

/** EU regions with every service the stack uses (Lambda arm64, HTTP API, SES, Scheduler, Cognito). */
export const EU_REGIONS = ['eu-north-1', 'eu-west-1', 'eu-central-1', 'eu-west-2', 'eu-west-3', 'eu-south-1'];

const STAGE = /^[a-z][a-z0-9-]{0,19}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DOMAIN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const HTTPS_URL = /^https:\/\/[^\s/]+(\/\S*)?$/;
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;

const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [])
    .map((item) => String(item).trim())
    .filter((item) => item.length > 0);

export class SettingsError extends Error {}

/** Reads and checks the context; every problem is named at once. */
export const readSettings = (context: (key: string) => unknown): DeploymentSettings => {
  const problems: string[] = [];
  const stage = String(context('stage') ?? 'dev');
  if (!STAGE.test(stage))
    problems.push(`stage "${stage}" must be 1–20 characters a–z, 0–9 and -, starting with a letter`);

  const allowed = list(context('allowedRegions'));
  const allowedRegions = allowed.length > 0 ? allowed : EU_REGIONS;
  const outside = allowedRegions.filter((region) => !EU_REGIONS.includes(region));
  if (outside.length > 0) problems.push(`allowedRegions may list EU regions only, not ${outside.join(', ')}`);
  const region = String(context('region') ?? '');
  if (!allowedRegions.includes(region) || !EU_REGIONS.includes(region)) {
    problems.push(
      `region "${region}" is not allowed: choose one of ${allowedRegions.join(', ')} (-c region=…; cdk.json says eu-north-1)`,
    );
  }

  const senderEmail = String(context('senderEmail') ?? '');
  if (!EMAIL.test(senderEmail)) {
    problems.push(
      'senderEmail is required: -c senderEmail=kur@your-verified-domain.se (an SES identity of the region)',
    );
  }
  const authDomainPrefix = context('authDomainPrefix');
  const alarmEmail = context('alarmEmail');
  if (alarmEmail !== undefined && !EMAIL.test(String(alarmEmail))) {
    problems.push(
      `alarmEmail "${String(alarmEmail)}" is not an e-mail address (-c alarmEmail=drift@your-agency.se)`,
    );
  }

  const senderDomain = context('senderDomain');
  if (senderDomain !== undefined) {
    const domain = String(senderDomain);
    if (!DOMAIN.test(domain)) {
      problems.push(
        `senderDomain "${domain}" is not a domain name in lower case (-c senderDomain=kur.example.se)`,
      );
    } else if (EMAIL.test(senderEmail) && !senderEmail.toLowerCase().endsWith(`@${domain}`)) {
      problems.push(
        `senderEmail "${senderEmail}" must be an address in senderDomain "${domain}" (…@${domain})`,
      );
    }
  }
  const senderDomainVerified = ['true', true].includes(context('senderDomainVerified') as string | boolean);
  if (senderDomainVerified && senderDomain === undefined) {
    problems.push('senderDomainVerified needs senderDomain: the domain whose SES identity is verified');
  }

  const federation = readFederation(context, problems);
  if (problems.length > 0) throw new SettingsError(`Cannot synthesize: ${problems.join('; ')}.`);
  return {
    stage,
    region,
    senderEmail,
    formCallbackUrls: list(context('formCallbackUrls')),
    ...(typeof authDomainPrefix === 'string' && authDomainPrefix ? { authDomainPrefix } : {}),
    ...(alarmEmail !== undefined ? { alarmEmail: String(alarmEmail) } : {}),
    ...(senderDomain !== undefined ? { senderDomain: String(senderDomain), senderDomainVerified } : {}),
    ...(federation ? { federation } : {}),
  };
};

/** `samlMetadataUrl`, or `oidcIssuer` with `oidcClientId` and `oidcClientSecretName`; never both. */
const readFederation = (
  context: (key: string) => unknown,
  problems: string[],
): FederationSettings | undefined => {
  const text = (key: string): string | undefined => {
    const value = context(key);
    return value === undefined || value === '' ? undefined : String(value);
  };
  const metadataUrl = text('samlMetadataUrl');
  const issuer = text('oidcIssuer');
  const clientId = text('oidcClientId');
  const clientSecretName = text('oidcClientSecretName');
  const groupsAttribute = text('idpGroupsAttribute');
  const groups = groupsAttribute ? { groupsAttribute } : {};
  if (metadataUrl && (issuer || clientId || clientSecretName)) {
    problems.push(
      'give samlMetadataUrl or the oidc… settings, not both: the form signs in through one provider',
    );
    return undefined;
  }
  if (metadataUrl) {
    if (!HTTPS_URL.test(metadataUrl)) problems.push(`samlMetadataUrl "${metadataUrl}" must be an https URL`);
    return { kind: 'saml', metadataUrl, ...groups };
  }
  if (!issuer && !clientId && !clientSecretName) return undefined;
  if (!issuer || !HTTPS_URL.test(issuer)) problems.push("oidcIssuer must be the provider's https issuer URL");
  if (!clientId) problems.push('oidcClientId is required with oidcIssuer');
  if (!clientSecretName || !SECRET_NAME.test(clientSecretName)) {
    problems.push(
      'oidcClientSecretName is required with oidcIssuer: the name of a Secrets Manager secret holding the client secret (never the secret itself)',
    );
  }
  if (!issuer || !clientId || !clientSecretName) return undefined;
  return { kind: 'oidc', issuer, clientId, clientSecretName, ...groups };
};
