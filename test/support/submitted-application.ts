import { expect } from 'vitest';
import { api } from './api.ts';
import { coordinatorOf } from './events.ts';
import { applicationBody } from './factories.ts';

/**
 * A complete application of `areaId` in `programmeId` asking `amount` SEK of 2014 and nothing else,
 * submitted by the area's coordinator: the starting point of every test about decisions and totals.
 */
export const submittedApplication = async (programmeId: string, areaId: string, amount: number) => {
  const created = await api.create(
    coordinatorOf(areaId),
    applicationBody({ programmeId, budget: [{ year: 2014, category: 'lecturer', amount }] }),
  );
  expect(created.status).toBe(201);
  expect((await api.submit(coordinatorOf(areaId), created.body.id)).status).toBe(200);
  return created.body.id as string;
};
