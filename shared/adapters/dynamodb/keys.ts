/**
 * Every pk/sk/GSI key of the single table is built here and nowhere else. The P-numbers refer to
 * the access patterns in ../shared/DATA.md; README's "Data design" lists them against this module.
 */

/** P1: a programme, and the list of all programmes (GSI1 partition `PROGRAMMES`). */
export const programmeKey = (programmeId: string) => ({ pk: `PROGRAMME#${programmeId}`, sk: 'PROGRAMME' });
export const programmeListKeys = (programmeId: string) => ({ gsi1pk: 'PROGRAMMES', gsi1sk: programmeId });
export const PROGRAMME_LIST_PARTITION = 'PROGRAMMES';

/** P2: an area, and the list of all areas (GSI1 partition `AREAS`). */
export const areaKey = (areaId: string) => ({ pk: `AREA#${areaId}`, sk: 'AREA' });
export const areaListKeys = (areaId: string) => ({ gsi1pk: 'AREAS', gsi1sk: areaId });
export const AREA_LIST_PARTITION = 'AREAS';

/** P6: a programme year's running totals (`granted`, `disbursed`), changed only inside transactions. */
export const programmeYearKey = (programmeId: string, year: number) => ({
  pk: `PROGRAMME#${programmeId}`,
  sk: `YEAR#${year}`,
});
