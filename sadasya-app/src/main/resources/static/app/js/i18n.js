// The app's texts come from the server's message files (GET i18n/{lang}.json, cached by the
// service worker): nothing a person reads is written in this code.
const LANG_KEY = 'sadasya.lang';
let lang = localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'hi';
let catalogue = { messages: {}, rules: null };

export async function load(which = lang) {
  const r = await fetch(`i18n/${which}.json`);
  if (!r.ok) throw new Error(`catalogue ${which}: ${r.status}`);
  catalogue = await r.json();
  lang = which;
  localStorage.setItem(LANG_KEY, lang);
  document.documentElement.lang = lang;
}

export const language = () => lang;
export const rules = () => catalogue.rules;
export const has = (key) => Object.prototype.hasOwnProperty.call(catalogue.messages, key);

/** A missing key shows as ⟦key⟧, which the page tests catch. */
export const t = (key) => (has(key) ? catalogue.messages[key] : `⟦${key}⟧`);

/** The first key that exists, else the last one. */
export const tFirst = (...keys) => t(keys.find(has) ?? keys[keys.length - 1]);

export function apply(root = document) {
  document.title = t('brand');
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
}

/** Shows a catalogue text in an element (or hides it for null); the key stays, so a language switch re-renders it. */
export function say(el, key) {
  if (key) {
    el.dataset.i18n = key;
    el.textContent = t(key);
  } else {
    delete el.dataset.i18n;
    el.textContent = '';
  }
  el.hidden = !key;
}
