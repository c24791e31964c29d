import { CfnOutput, Stack } from 'aws-cdk-lib';
import {
  DkimIdentity,
  EasyDkimSigningKeyLength,
  EmailIdentity,
  type IConfigurationSet,
  Identity,
  MailFromBehaviorOnMxFailure,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface MailIdentityProps {
  /** The domain e-mails are sent from, e.g. `kur.example.se`. */
  readonly domain: string;
  /** Every e-mail from the identity is sent in this set, unless the sender names another. */
  readonly configurationSet?: IConfigurationSet;
}

/** The subdomain bounces return to (custom MAIL FROM), so the envelope sender aligns with the domain. */
export const MAIL_FROM_SUBDOMAIN = 'mail';

/**
 * The SES domain identity the service sends from: Easy DKIM (2048-bit keys, rotated by SES) and a
 * custom MAIL FROM domain. The agency's DNS is not in this account, so the records to add are
 * stack outputs (`DnsRecord…`): SES verifies the domain once the DKIM CNAMEs resolve.
 */
export class MailIdentity extends Construct {
  readonly identity: EmailIdentity;
  readonly domain: string;
  readonly mailFromDomain: string;

  constructor(scope: Construct, id: string, props: MailIdentityProps) {
    super(scope, id);
    this.domain = props.domain;
    this.mailFromDomain = `${MAIL_FROM_SUBDOMAIN}.${props.domain}`;

    this.identity = new EmailIdentity(this, 'Domain', {
      identity: Identity.domain(props.domain),
      dkimIdentity: DkimIdentity.easyDkim(EasyDkimSigningKeyLength.RSA_2048_BIT),
      dkimSigning: true,
      mailFromDomain: this.mailFromDomain,
      // Until the MX record is in, SES falls back to amazonses.com rather than refusing to send.
      mailFromBehaviorOnMxFailure: MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE,
      ...(props.configurationSet ? { configurationSet: props.configurationSet } : {}),
    });

    const region = Stack.of(this).region;
    this.identity.dkimRecords.forEach((record, index) => {
      new CfnOutput(this, `DnsRecordDkim${index + 1}`, {
        description: `DNS: CNAME ${index + 1} of 3 for Easy DKIM (name → value)`,
        value: `${record.name} CNAME ${record.value}`,
      });
    });
    new CfnOutput(this, 'DnsRecordMailFromMx', {
      description: 'DNS: MX of the MAIL FROM domain, so bounces return to SES',
      value: `${this.mailFromDomain} MX 10 feedback-smtp.${region}.amazonses.com`,
    });
    new CfnOutput(this, 'DnsRecordMailFromSpf', {
      description: 'DNS: SPF of the MAIL FROM domain',
      value: `${this.mailFromDomain} TXT "v=spf1 include:amazonses.com ~all"`,
    });
  }
}
