import * as z from 'zod';
import './locale.ts';

/** Ids in paths and bodies: short, URL-safe, lower case (`kur2`, `karlstad`). */
export const Id = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,62}$/,
    'Ange 1–63 tecken: a–z, 0–9 och bindestreck, börja med bokstav eller siffra',
  );

export const Sek = z.int().min(0).max(1_000_000_000_000);

export const Year = z.int().min(2000).max(2100);

export const IsoDate = z.iso.date({ error: 'Ange ett datum som ÅÅÅÅ-MM-DD' });

export const Email = z.email({ error: 'Ange en giltig e-postadress' }).max(254);

export const Text = (max: number) => z.string().trim().min(1).max(max);
