import { describe, expect, it } from 'vitest';
import { applicationPartitions } from '../../shared/adapters/dynamodb/keys.ts';
import { mintPageToken, type PageScope, readPageToken } from '../../shared/adapters/dynamodb/page-tokens.ts';
import { ValidationFailed } from '../../shared/domain/errors.ts';

/**
 * The token codec alone, with the test run's key: even a token carrying our own valid signature
 * is refused when its key could not be a start key of its query (DynamoDB would answer that
 * with an error, and the caller with a 500).
 */

const partition = applicationPartitions.programme('kur2');
const scope: PageScope = { owner: 'admin-1', index: 'gsi1', partition };
const lastItem = {
  pk: 'APPLICATION#1',
  sk: 'APPLICATION',
  gsi1pk: partition,
  gsi1sk: '2014-06-01T10:00:00.000Z#1',
  title: 'not part of the key',
};

const refusal = async (token: string, forScope: PageScope = scope) => {
  const error = await readPageToken(forScope, token).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationFailed);
  return (error as ValidationFailed).errors.map((e) => e.path);
};

describe('page tokens', () => {
  it('carry exactly the start key of the last item, and nothing the caller can read as data', async () => {
    const token = await mintPageToken(scope, lastItem);
    expect(await readPageToken(scope, token)).toEqual({
      pk: 'APPLICATION#1',
      sk: 'APPLICATION',
      gsi1pk: partition,
      gsi1sk: '2014-06-01T10:00:00.000Z#1',
    });
    expect(token).not.toContain('not part of the key');
  });

  it('are refused for another owner, index, partition, filter, range or order', async () => {
    const token = await mintPageToken(scope, lastItem);
    for (const other of [
      { ...scope, owner: 'admin-2' },
      { ...scope, index: 'gsi2' as const },
      { ...scope, partition: applicationPartitions.programme('kur3') },
      { ...scope, filters: [{ attribute: 'status', value: 'draft' }] },
      { ...scope, sortBefore: '2015' },
      { ...scope, ascending: true },
    ]) {
      expect(await refusal(token, other)).toEqual(['nextToken']);
    }
  });

  it('are refused, though signed, when a key value is empty, missing, not a string or too long', async () => {
    for (const item of [
      { ...lastItem, pk: '' },
      { ...lastItem, gsi1sk: '' },
      { ...lastItem, sk: undefined },
      { ...lastItem, sk: 7 },
      { ...lastItem, gsi1sk: 'x'.repeat(1025) },
    ]) {
      expect(await refusal(await mintPageToken(scope, item))).toEqual(['nextToken']);
    }
  });

  it('are refused, though signed, when the key lies outside the queried partition or range', async () => {
    const elsewhere = await mintPageToken(scope, {
      ...lastItem,
      gsi1pk: applicationPartitions.programme('kur3'),
    });
    expect(await refusal(elsewhere)).toEqual(['nextToken']);
    const ranged = { ...scope, sortBefore: '2014-06-01' };
    const beyond = await mintPageToken(ranged, lastItem);
    expect(await refusal(beyond, ranged)).toEqual(['nextToken']);
  });

  it('are refused when malformed', async () => {
    const token = await mintPageToken(scope, lastItem);
    for (const bad of [
      '',
      '.',
      'garbage!',
      `${token}.x`,
      token.split('.')[0] ?? '',
      `.${token.split('.')[1]}`,
    ]) {
      expect(await refusal(bad)).toEqual(['nextToken']);
    }
  });
});
