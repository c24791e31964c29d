import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readSettings } from '../../infra/settings.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The context cdk.json gives, plus what a deployment passes with -c. */
const context =
  (given: Record<string, unknown>) =>
  (key: string): unknown =>
    ({
      region: 'eu-north-1',
      allowedRegions: ['eu-north-1', 'eu-west-1', 'eu-central-1'],
      stage: 'dev',
      ...given,
    })[key];

/** The CDK app as the CLI runs it: context in CDK_CONTEXT_JSON, synthesized to a temporary folder. */
const synth = (given: Record<string, unknown>) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'infra/app.ts'], {
    cwd: root,
    env: {
      ...process.env,
      CDK_CONTEXT_JSON: JSON.stringify({ region: 'eu-north-1', allowedRegions: ['eu-north-1'], ...given }),
      CDK_OUTDIR: `${root}.local/cdk-settings-test`,
      CDK_DEFAULT_REGION: 'us-east-1',
    },
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('deployment settings', () => {
  it('names the stage, keeps the region from cdk.json and takes the sender address', () => {
    expect(readSettings(context({ senderEmail: 'kur@fk.se', stage: 'prod' }))).toEqual({
      stage: 'prod',
      region: 'eu-north-1',
      senderEmail: 'kur@fk.se',
      formCallbackUrls: [],
    });
  });

  it('refuses a region outside the EU, and one outside the allowed list, whatever the CLI defaults to', () => {
    expect(() => readSettings(context({ senderEmail: 'kur@fk.se', region: 'us-east-1' }))).toThrow(
      /region "us-east-1" is not allowed/,
    );
    expect(() => readSettings(context({ senderEmail: 'kur@fk.se', region: 'eu-west-3' }))).toThrow(
      /region "eu-west-3" is not allowed/,
    );
    expect(() =>
      readSettings(context({ senderEmail: 'kur@fk.se', allowedRegions: ['us-east-1'], region: 'us-east-1' })),
    ).toThrow(/EU regions only/);
  });

  it('refuses to synthesize without senderEmail, and with a stage that cannot name resources', () => {
    expect(() => readSettings(context({}))).toThrow(/senderEmail is required/);
    expect(() => readSettings(context({ senderEmail: 'kur@fk.se', stage: 'Prod env' }))).toThrow(/stage/);
  });

  it('stops the CDK app itself before it builds anything, naming what to pass', () => {
    const outside = synth({ senderEmail: 'kur@fk.se', region: 'us-east-1' });
    expect(outside.status).not.toBe(0);
    expect(outside.stderr).toContain('region "us-east-1" is not allowed');
    const noSender = synth({});
    expect(noSender.status).not.toBe(0);
    expect(noSender.stderr).toContain('senderEmail is required');
    const outsideDomain = synth({ senderEmail: 'kur@fk.se', senderDomain: 'kur.fk.se' });
    expect(outsideDomain.status).not.toBe(0);
    expect(outsideDomain.stderr).toContain(
      'senderEmail "kur@fk.se" must be an address in senderDomain "kur.fk.se"',
    );
  });
});
