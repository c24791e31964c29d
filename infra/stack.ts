import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { metricsNamespace } from '../shared/metric-names.ts';
import { ApplicationsApi } from './constructs/applications-api.ts';
import { Auth } from './constructs/auth.ts';
import { Data } from './constructs/data.ts';
import { Documents } from './constructs/documents.ts';
import { EmailFeedback } from './constructs/email-feedback.ts';
import { MailIdentity } from './constructs/mail-identity.ts';
import { Mailer } from './constructs/mailer.ts';
import { Monitoring } from './constructs/monitoring.ts';
import { Reminders } from './constructs/reminders.ts';
import { acknowledgeServerlessFindings } from './serverless-acknowledgements.ts';
import type { FederationSettings } from './settings.ts';

/** What the deployment chooses (from CDK context in app.ts). */
export interface KurStackSettings {
  /** Names the deployment (context `stage`): `dev`, `test`, `prod` can share an account. @default `dev` */
  readonly stage?: string;
  /** The SES identity e-mails are sent from (context `senderEmail`). */
  readonly senderEmail: string;
  /** Extra URLs the form may be reached at, for the sign-in redirect (context `formCallbackUrls`). */
  readonly formCallbackUrls?: string[];
  /** Hosted UI domain prefix (context `authDomainPrefix`). @default `kur-<stage>-<account id>` */
  readonly authDomainPrefix?: string;
  /** Who the alarms e-mail (context `alarmEmail`). @default none: the alarm topic has no subscriber */
  readonly alarmEmail?: string;
  /**
   * The domain of `senderEmail` (context `senderDomain`): the stack creates its SES identity (Easy
   * DKIM, MAIL FROM `mail.<domain>`) and outputs the DNS records. @default the identity is made by hand
   */
  readonly senderDomain?: string;
  /** SES shows `senderDomain` verified (context `senderDomainVerified`): Cognito sends through SES. */
  readonly senderDomainVerified?: boolean;
  /** The agency's identity provider (context `samlMetadataUrl`, or `oidcIssuer`…). @default none */
  readonly federation?: FederationSettings;
}

export interface KurStackProps extends StackProps, KurStackSettings {}

/**
 * The whole system in one stack. It only composes capabilities; each lives in its own construct
 * under infra/constructs/ and gets what it needs (mostly the table) passed in. Later capabilities
 * sit next to these the same way, e.g. `new Reports(this, 'Reports', { table: data.table })`.
 */
export class KurStack extends Stack {
  readonly data: Data;
  readonly auth: Auth;
  readonly documents: Documents;
  readonly api: ApplicationsApi;
  readonly emailFeedback: EmailFeedback;
  readonly mailer: Mailer;
  readonly reminders: Reminders;
  readonly monitoring: Monitoring;
  /** The SES domain identity, when `senderDomain` is given. */
  readonly mailIdentity?: MailIdentity;
  /** `dev`, `test`, `prod`…: names the deployment. */
  readonly stage: string;
  /** Where the functions' business metrics go (`KurGrants/<stage>`); KurFunction reads it. */
  readonly metricsNamespace: string;

  constructor(scope: Construct, id: string, props: KurStackProps) {
    super(scope, id, {
      description: 'KUR grant programmes: applications, decisions, follow-ups',
      ...props,
    });
    this.stage = props.stage ?? 'dev';
    this.metricsNamespace = metricsNamespace(this.stage);

    this.data = new Data(this, 'Data');
    this.auth = new Auth(this, 'Auth', {
      domainPrefix: props.authDomainPrefix ?? `kur-${props.stage ?? 'dev'}-${this.account}`,
      // Cognito refuses an SES identity that is not verified yet: only once its DNS records are in.
      ...(props.senderDomain && props.senderDomainVerified
        ? { sesSender: { fromEmail: props.senderEmail, domain: props.senderDomain } }
        : {}),
      ...(props.federation ? { federation: props.federation } : {}),
    });
    this.documents = new Documents(this, 'Documents');
    this.api = new ApplicationsApi(this, 'Api', {
      table: this.data.table,
      auth: this.auth,
      documents: this.documents,
      mailFrom: props.senderEmail,
      extraFormUrls: props.formCallbackUrls ?? [],
    });
    this.auth.setSignInUrl(this.api.formUrl);
    this.emailFeedback = new EmailFeedback(this, 'EmailFeedback', { table: this.data.table });
    this.mailer = new Mailer(this, 'Mailer', {
      table: this.data.table,
      mailFrom: props.senderEmail,
      formUrl: this.api.formUrl,
      feedback: this.emailFeedback,
    });
    if (props.senderDomain) {
      this.mailIdentity = new MailIdentity(this, 'MailIdentity', {
        domain: props.senderDomain,
        configurationSet: this.mailer.configurationSet,
      });
    }
    this.reminders = new Reminders(this, 'Reminders', { table: this.data.table, formUrl: this.api.formUrl });
    // The daily run e-mails each survey round's link, whose token it seals with this key.
    this.api.secrets.grantRead(this.reminders.function.function, ['pageTokens']);
    // Last: it watches every function and gives every alarm of the stack its topic.
    this.monitoring = new Monitoring(this, 'Monitoring', {
      httpApi: this.api.httpApi,
      table: this.data.table,
      streamFunction: this.mailer.streamFunction,
      ...(props.alarmEmail ? { alarmEmail: props.alarmEmail } : {}),
    });
    this.monitoring.notifyAll();
    acknowledgeServerlessFindings(this);

    new CfnOutput(this, 'ApiUrl', {
      value: this.api.formUrl,
      description: 'API base URL; GET / is the form',
    });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'DocumentsBucket', { value: this.documents.bucket.bucketName });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'FormClientId', { value: this.api.formClient.userPoolClientId });
    new CfnOutput(this, 'HostedUiUrl', { value: this.auth.hostedUiUrl });
    new CfnOutput(this, 'SesConfigurationSet', {
      value: this.mailer.configurationSet.configurationSetName,
      description: 'Every e-mail is sent in this configuration set; its bounces and complaints are recorded',
    });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.monitoring.topic.topicArn,
      description: 'Every alarm notifies this topic (firing and OK again); subscribe whoever is on call',
    });
  }
}
