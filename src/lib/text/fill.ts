/**
 * The one client-side formatter for UI strings that scripts finish in the browser. Strings keep i18next's
 * syntax ({{name}}, plural keys _one/_other): the page renders the template with t('key') (i18next leaves
 * variables it is not given as they are) and the script fills it in. Tiny, no i18next in the browser.
 */
export type Vars = Record<string, string | number>;

/** Replaces {{name}} with vars.name (a missing variable becomes empty). */
export function fill(template: string | undefined, vars: Vars): string {
  return (template ?? '').replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => String(vars[k] ?? ''));
}

/** Picks the plural form for `count` in `lang` (Intl.PluralRules, like i18next) and fills it, {{count}} included. */
export function fillPlural(
  forms: Partial<Record<Intl.LDMLPluralRule, string | undefined>>,
  count: number,
  lang: string,
  vars: Vars = {},
): string {
  const form = forms[new Intl.PluralRules(lang).select(count)] ?? forms.other;
  return fill(form, { count, ...vars });
}
