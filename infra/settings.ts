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
}

/** EU regions with every service the stack uses (Lambda arm64, HTTP API, SES, Scheduler, Cognito). */
export const EU_REGIONS = ['eu-north-1', 'eu-west-1', 'eu-central-1', 'eu-west-2', 'eu-west-3', 'eu-south-1'];

const STAGE = /^[a-z][a-z0-9-]{0,19}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

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
  if (problems.length > 0) throw new SettingsError(`Cannot synthesize: ${problems.join('; ')}.`);
  return {
    stage,
    region,
    senderEmail,
    formCallbackUrls: list(context('formCallbackUrls')),
    ...(typeof authDomainPrefix === 'string' && authDomainPrefix ? { authDomainPrefix } : {}),
    ...(alarmEmail !== undefined ? { alarmEmail: String(alarmEmail) } : {}),
  };
};
