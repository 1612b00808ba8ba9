import path from 'node:path';
import nunjucks from 'nunjucks';
import type { Locale, Translate } from '../i18n/i18n.ts';

export interface ViewContext {
  readonly locale: Locale;
  readonly path: string;
  readonly query: Readonly<Record<string, unknown>>;
}

export interface Views {
  render(template: string, data: Record<string, unknown>, ctx: ViewContext): string;
}

/**
 * Server-rendered pages: Nunjucks over the shell's templates, govuk-frontend's macros and each
 * module's `web/` folders. Autoescaping is on; templates never mark user input safe.
 */
export function createViews(options: { rootDir: string; translate: Translate; noCache?: boolean }): Views {
  const searchPaths = [
    path.join(options.rootDir, 'src/platform/views/templates'),
    path.join(options.rootDir, 'src/modules'),
    path.join(options.rootDir, 'node_modules/govuk-frontend/dist'),
  ];
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(searchPaths, { noCache: options.noCache ?? false }), {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  env.addFilter('formatNumber', (value: unknown, locale: Locale = 'vi') =>
    typeof value === 'number' ? value.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB') : value,
  );
  env.addFilter('vnd', (value: unknown, locale: Locale = 'vi') =>
    typeof value === 'number' ? `${value.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB')} đồng` : value,
  );
  return {
    render(template, data, ctx) {
      const t = (key: string, params?: Record<string, unknown>) => options.translate(ctx.locale, key, params);
      return env.render(template, {
        ...data,
        t,
        locale: ctx.locale,
        currentPath: ctx.path,
        langUrl: (lang: Locale) => withQuery(ctx.path, { ...ctx.query, lang }),
        urlWith: (changes: Record<string, unknown>) => withQuery(ctx.path, { ...ctx.query, ...changes }),
      }).normalize('NFC');
    },
  };
}

/** Builds `path?query`, dropping empty values, so links keep the user's other choices. */
export function withQuery(pathname: string, query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (v === undefined || v === null || v === '') continue;
      params.append(key, String(v));
    }
  }
  const qs = params.toString();
  return qs ? `${pathname}?${qs}` : pathname;
}
