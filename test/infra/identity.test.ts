import { type CfnElement, Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { AGENCY_PROVIDER_NAME, IDP_GROUPS_ATTRIBUTE } from '../../infra/constructs/auth.ts';
import { readSettings } from '../../infra/settings.ts';
import type { KurStackSettings } from '../../infra/stack.ts';
import { type SynthesizedStack, synthesizedStack } from '../support/synthesized-stack.ts';

/**
 * Mail identity and sign-in, asserted on the synthesized template: the SES domain identity (Easy
 * DKIM, MAIL FROM) and the DNS records it prints, Cognito's e-mail through SES with a Swedish
 * invitation, MFA, and the agency's identity provider. Built unbundled by `synthesizedStack`, with
 * cdk-nag's Serverless rules as well.
 */
type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] };

const build = (settings: Partial<KurStackSettings> = {}): SynthesizedStack =>
  synthesizedStack({ senderEmail: 'kur@kur.example.se', ...settings }, { serverlessChecks: true });

let plain: SynthesizedStack;
let withDomain: SynthesizedStack;
let verified: SynthesizedStack;
let saml: SynthesizedStack;
let oidc: SynthesizedStack;

beforeAll(() => {
  plain = build();
  withDomain = build({ senderDomain: 'kur.example.se' });
  verified = build({ senderDomain: 'kur.example.se', senderDomainVerified: true });
  saml = build({
    federation: { kind: 'saml', metadataUrl: 'https://idp.myndighet.se/metadata.xml' },
  });
  oidc = build({
    federation: {
      kind: 'oidc',
      issuer: 'https://login.myndighet.se',
      clientId: 'kur-client',
      clientSecretName: 'kur/prod/oidc-client-secret',
      groupsAttribute: 'roles',
    },
  });
}, 900_000);

const resources = (built: SynthesizedStack, type: string): Record<string, Resource> =>
  built.template.findResources(type) as Record<string, Resource>;

const only = (built: SynthesizedStack, type: string): Resource => {
  const found = Object.values(resources(built, type));
  expect(found, type).toHaveLength(1);
  return found[0] as Resource;
};

const logicalId = (element: CfnElement): string => Stack.of(element).getLogicalId(element);

const outputs = (built: SynthesizedStack): Record<string, { Value: unknown; Description?: string }> =>
  built.template.toJSON().Outputs;

describe('SES domain identity', () => {
  it('is created with Easy DKIM and a MAIL FROM domain when senderDomain is given, in the mailer configuration set', () => {
    expect(only(withDomain, 'AWS::SES::EmailIdentity').Properties).toMatchObject({
      EmailIdentity: 'kur.example.se',
      DkimAttributes: { SigningEnabled: true },
      DkimSigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' },
      MailFromAttributes: { MailFromDomain: 'mail.kur.example.se', BehaviorOnMxFailure: 'USE_DEFAULT_VALUE' },
      ConfigurationSetAttributes: {
        ConfigurationSetName: {
          Ref: logicalId(withDomain.stack.mailer.configurationSet.node.defaultChild as CfnElement),
        },
      },
    });
  });

  it('prints the DNS records to add: three DKIM CNAMEs, the MAIL FROM MX and its SPF', () => {
    const records = Object.entries(outputs(withDomain)).filter(([id]) => id.includes('DnsRecord'));
    expect(records).toHaveLength(5);
    const text = JSON.stringify(Object.fromEntries(records));
    const identityId = logicalId(withDomain.stack.mailIdentity?.identity.node.defaultChild as CfnElement);
    for (const n of [1, 2, 3]) {
      expect(text).toContain(`DkimDNSTokenName${n}`);
      expect(text).toContain(`DkimDNSTokenValue${n}`);
    }
    expect(text).toContain(identityId);
    expect(text).toContain('mail.kur.example.se MX 10 feedback-smtp.eu-north-1.amazonses.com');
    expect(text).toContain('mail.kur.example.se TXT \\"v=spf1 include:amazonses.com ~all\\"');
  });

  it('is not created without senderDomain (verified by hand, as before), and no DNS records are printed', () => {
    expect(resources(plain, 'AWS::SES::EmailIdentity')).toEqual({});
    expect(Object.keys(outputs(plain)).filter((id) => id.includes('DnsRecord'))).toEqual([]);
  });
});

describe('Cognito e-mail', () => {
  const pool = (built: SynthesizedStack) => only(built, 'AWS::Cognito::UserPool').Properties;

  it('goes through SES from the sender address of the verified domain identity', () => {
    expect(pool(verified).EmailConfiguration).toEqual({
      EmailSendingAccount: 'DEVELOPER',
      // The display name "KUR-tjänsten", MIME-encoded for its ä.
      From: `=?UTF-8?B?${Buffer.from('KUR-tjänsten').toString('base64')}?= <kur@kur.example.se>`,
      SourceArn: {
        'Fn::Join': [
          '',
          [
            'arn:',
            { Ref: 'AWS::Partition' },
            ':ses:eu-north-1:',
            { Ref: 'AWS::AccountId' },
            ':identity/kur.example.se',
          ],
        ],
      },
    });
  });

  it('stays with Cognito’s own sender until the domain is verified, which Cognito insists on', () => {
    expect(pool(withDomain).EmailConfiguration).toBeUndefined();
    expect(pool(plain).EmailConfiguration).toBeUndefined();
  });

  it('invites in Swedish: the service, the temporary password, that it expires, and where to sign in', () => {
    const template = pool(verified).AdminCreateUserConfig as {
      AllowAdminCreateUserOnly: boolean;
      InviteMessageTemplate: { EmailSubject: string; EmailMessage: unknown };
    };
    expect(template.AllowAdminCreateUserOnly).toBe(true);
    expect(template.InviteMessageTemplate.EmailSubject).toBe('Ditt konto i KUR-tjänsten');
    const message = JSON.stringify(template.InviteMessageTemplate.EmailMessage);
    for (const part of [
      'KUR-tjänsten',
      '{username}',
      'tillfälliga lösenord: {####}',
      'gäller i 3 dagar',
      'Logga in',
    ]) {
      expect(message).toContain(part);
    }
    // The sign-in address is the API's URL (the form), resolved by CloudFormation.
    expect(message).toContain(logicalId(verified.stack.api.httpApi.node.defaultChild as CfnElement));
  });
});

describe('sign-in', () => {
  const pool = (built: SynthesizedStack) => only(built, 'AWS::Cognito::UserPool').Properties;

  it('requires MFA with an authenticator app (TOTP), never SMS', () => {
    for (const built of [plain, saml]) {
      expect(pool(built).MfaConfiguration).toBe('ON');
      expect(pool(built).EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
      expect(pool(built).SmsConfiguration).toBeUndefined();
    }
  });

  it('offers only the pool’s own sign-in without federation', () => {
    expect(resources(plain, 'AWS::Cognito::UserPoolIdentityProvider')).toEqual({});
    expect(only(plain, 'AWS::Cognito::UserPoolClient').Properties.SupportedIdentityProviders).toEqual([
      'COGNITO',
    ]);
  });

  it('federates with the agency’s SAML provider from samlMetadataUrl, mapping its e-mail and groups', () => {
    const provider = only(saml, 'AWS::Cognito::UserPoolIdentityProvider');
    expect(provider.Properties).toMatchObject({
      ProviderName: AGENCY_PROVIDER_NAME,
      ProviderType: 'SAML',
      ProviderDetails: { MetadataURL: 'https://idp.myndighet.se/metadata.xml' },
      AttributeMapping: {
        email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
        [`custom:${IDP_GROUPS_ATTRIBUTE}`]: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups',
      },
    });
    const client = only(saml, 'AWS::Cognito::UserPoolClient');
    // Ref of the provider is its name, and makes CloudFormation create it before the client.
    expect(client.Properties.SupportedIdentityProviders).toEqual([
      'COGNITO',
      { Ref: logicalId(saml.stack.auth.agencyProvider?.node.defaultChild as CfnElement) },
    ]);
    expect(client.Properties.WriteAttributes).toContain(`custom:${IDP_GROUPS_ATTRIBUTE}`);
    expect(JSON.stringify(pool(saml).Schema)).toContain(`"${IDP_GROUPS_ATTRIBUTE}"`);
    expect(JSON.stringify(pool(plain).Schema)).not.toContain(IDP_GROUPS_ATTRIBUTE);
  });

  it('federates with an OIDC provider, its client secret read from Secrets Manager at deploy time, never in the template', () => {
    const provider = only(oidc, 'AWS::Cognito::UserPoolIdentityProvider');
    expect(provider.Properties).toMatchObject({
      ProviderName: AGENCY_PROVIDER_NAME,
      ProviderType: 'OIDC',
      ProviderDetails: {
        oidc_issuer: 'https://login.myndighet.se',
        client_id: 'kur-client',
        client_secret: '{{resolve:secretsmanager:kur/prod/oidc-client-secret:SecretString:::}}',
        authorize_scopes: 'openid email profile',
      },
      AttributeMapping: { email: 'email', [`custom:${IDP_GROUPS_ATTRIBUTE}`]: 'roles' },
    });
  });
});

describe('deployment settings for mail and sign-in', () => {
  const context =
    (given: Record<string, unknown>) =>
    (key: string): unknown =>
      ({ region: 'eu-north-1', senderEmail: 'kur@kur.example.se', ...given })[key];

  it('takes senderDomain when the sender address is in it, and refuses one outside it', () => {
    expect(readSettings(context({ senderDomain: 'kur.example.se' }))).toMatchObject({
      senderDomain: 'kur.example.se',
      senderDomainVerified: false,
    });
    expect(() => readSettings(context({ senderDomain: 'annan.example.se' }))).toThrow(
      /senderEmail "kur@kur.example.se" must be an address in senderDomain "annan.example.se"/,
    );
    expect(() =>
      readSettings(context({ senderEmail: 'kur@evil-kur.example.se', senderDomain: 'kur.example.se' })),
    ).toThrow(/must be an address in senderDomain/);
    expect(() => readSettings(context({ senderDomain: 'not a domain' }))).toThrow(/senderDomain/);
  });

  it('switches Cognito to SES only for a senderDomain, once told it is verified', () => {
    expect(
      readSettings(context({ senderDomain: 'kur.example.se', senderDomainVerified: 'true' }))
        .senderDomainVerified,
    ).toBe(true);
    expect(() => readSettings(context({ senderDomainVerified: 'true' }))).toThrow(/needs senderDomain/);
  });

  it('reads one identity provider: SAML metadata or OIDC with the name of a secret, never both, never a bare secret', () => {
    expect(
      readSettings(context({ samlMetadataUrl: 'https://idp.myndighet.se/metadata.xml' })).federation,
    ).toEqual({ kind: 'saml', metadataUrl: 'https://idp.myndighet.se/metadata.xml' });
    expect(
      readSettings(
        context({
          oidcIssuer: 'https://login.myndighet.se',
          oidcClientId: 'kur',
          oidcClientSecretName: 'kur/oidc',
          idpGroupsAttribute: 'roles',
        }),
      ).federation,
    ).toEqual({
      kind: 'oidc',
      issuer: 'https://login.myndighet.se',
      clientId: 'kur',
      clientSecretName: 'kur/oidc',
      groupsAttribute: 'roles',
    });
    expect(() =>
      readSettings(context({ oidcIssuer: 'https://login.myndighet.se', oidcClientId: 'kur' })),
    ).toThrow(/oidcClientSecretName is required/);
    expect(() =>
      readSettings(
        context({
          samlMetadataUrl: 'https://idp.myndighet.se/metadata.xml',
          oidcIssuer: 'https://login.myndighet.se',
        }),
      ),
    ).toThrow(/not both/);
    expect(() => readSettings(context({ samlMetadataUrl: 'http://idp.myndighet.se/m.xml' }))).toThrow(
      /https/,
    );
    expect(readSettings(context({}))).not.toHaveProperty('federation');
  });
});

describe('cdk-nag', () => {
  it('AwsSolutions and Serverless stay clean with the mail identity and federation in place', () => {
    for (const built of [plain, withDomain, verified, saml, oidc]) {
      expect(built.synthError).toBeUndefined();
      for (const pack of [new AwsSolutionsChecks(), new ServerlessChecks()]) {
        const report = pack.validateScope(built.app);
        expect(
          report.violations.map((v) => `${v.ruleName} ${v.violatingResources[0]?.constructPath}`),
        ).toEqual([]);
      }
    }
  });
});
