import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const pages = ['README.md', ...readdirSync(join(root, 'docs')).map((name) => join('docs', name))].filter(
  (page) => page.endsWith('.md'),
);

/** Markdown links `[text](target)`, without their `#fragment`. */
const linksOf = (text: string) =>
  [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => (match[1] as string).split('#')[0] as string);

describe('the documentation a clone carries', () => {
  it.each(pages)('%s links only to files that are in the repository', (page) => {
    const text = readFileSync(join(root, page), 'utf8');
    for (const target of linksOf(text).filter((link) => link !== '')) {
      expect(target, `${page} links outside the repository`).not.toMatch(/^[a-z]+:/);
      const file = resolve(root, dirname(page), target);
      expect(relative(root, file).startsWith('..'), `${page} → ${target} leaves the repository`).toBe(false);
      expect(existsSync(file), `${page} → ${target} does not exist`).toBe(true);
    }
    expect(text).not.toMatch(/\.\.\/shared\//);
  });

  it('README links every page of docs/', () => {
    const readme = linksOf(readFileSync(join(root, 'README.md'), 'utf8'));
    for (const page of pages.filter((p) => p.startsWith('docs/'))) expect(readme).toContain(page);
  });
});
