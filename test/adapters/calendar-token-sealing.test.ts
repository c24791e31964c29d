import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { calendarTokensTable } from '../../shared/adapters/dynamodb/calendar-tokens.ts';
import { dynamo, tableName } from '../../shared/adapters/dynamodb/client.ts';
import { areaCalendarKey } from '../../shared/adapters/dynamodb/keys.ts';

/**
 * Calendar tokens already in deployed tables were sealed by the calendar adapter's own code (label
 * `kur calendar-token sealing v1`, `iv | tag | ciphertext` base64url, the area as associated data).
 * The item below is one it wrote under the key below: `GET /areas/{areaId}/calendar` must still
 * show that URL, and only to its own area.
 */

// Set before the first token is sealed or opened: the key is read once per process.
process.env.PAGE_TOKEN_KEY = 'a page-token key fixed for this test, 32+ characters';

const SEALED_BEFORE = 'MRCJENcDN-w5pNS26c99StyFAJ5bVwrYX8fQm_WxdsEUpKXSN-jKFCagc2Sl-t4T';
const TOKEN = 'kal_3f9c2b7e1d4a6058';

const storedBefore = (areaId: string) =>
  dynamo.send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...areaCalendarKey(areaId),
        entity: 'areaCalendar',
        areaId,
        tokenHash: '76f82fbe9d5926865a20b51971932194fe3aff5757afd16b6e9c66f8b7856902',
        sealedToken: SEALED_BEFORE,
        version: 1,
        updatedAt: '2014-06-01T10:00:00.000Z',
      },
    }),
  );

describe('calendar tokens sealed before', () => {
  it('still open for their area, and for no other', async () => {
    await storedBefore('karlstad');
    await storedBefore('arvika');
    expect(await calendarTokensTable.get('karlstad')).toEqual({ token: TOKEN, version: 1 });
    expect(await calendarTokensTable.get('arvika')).toEqual({ token: undefined, version: 1 });
  });
});
