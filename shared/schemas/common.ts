import * as z from 'zod';
import './locale.ts';

/** Ids in paths and bodies: short, URL-safe, lower case (`kur2`, `karlstad`). */
export const Id = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,62}$/,
    'Ange 1–63 tecken: a–z, 0–9 och bindestreck, börja med bokstav eller siffra',
  );

// Messages a coordinator reads next to a field in the form (the API answers the same ones), so
// they say what to write rather than what the type checker expected.
export const Sek = z
  .int({ error: 'Ange ett belopp i hela kronor' })
  .min(0, 'Beloppet kan inte vara negativt')
  .max(1_000_000_000_000, 'Beloppet är för stort');

export const Year = z
  .int({ error: 'Ange året med fyra siffror' })
  .min(2000, 'Ange ett år från 2000')
  .max(2100, 'Ange ett år till och med 2100');

export const IsoDate = z.iso.date({ error: 'Ange ett datum som ÅÅÅÅ-MM-DD' });

export const Email = z.email({ error: 'Ange en giltig e-postadress' }).max(254);

export const Text = (max: number) =>
  z
    .string({ error: 'Fyll i fältet' })
    .trim()
    .min(1, 'Fyll i fältet')
    .max(max, `Skriv högst ${max.toLocaleString('sv-SE')} tecken`);
