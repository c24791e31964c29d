import { describe, expect, it } from 'vitest';
import { foldRecipients } from '../../infra/local/engines.ts';

describe('the SES emulator front', () => {
  it('folds every recipient of a SendEmail into the one member the emulator keeps', () => {
    const form = new URLSearchParams({
      Action: 'SendEmail',
      'Destination.ToAddresses.member.1': 'a@fk.se',
      'Destination.ToAddresses.member.2': 'b@fk.se',
      'Destination.ToAddresses.member.10': 'j@fk.se',
      'Destination.CcAddresses.member.1': 'c@fk.se',
      'Message.Subject.Data': 'Ämne',
    }).toString();
    const folded = new URLSearchParams(foldRecipients(form));
    expect(folded.get('Destination.ToAddresses.member.1')).toBe('a@fk.se, b@fk.se, j@fk.se');
    expect(folded.has('Destination.ToAddresses.member.2')).toBe(false);
    expect(folded.get('Destination.CcAddresses.member.1')).toBe('c@fk.se');
    expect(folded.get('Message.Subject.Data')).toBe('Ämne');
  });

  it('leaves other actions alone', () => {
    expect(foldRecipients('Action=GetAccount')).toBe('Action=GetAccount');
  });
});
