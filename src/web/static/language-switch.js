// @ts-check
/**
 * Keeps what was typed across a language switch. The switch is a form that posts to
 * /language and comes back to the same page and query; without this script the page and its
 * query survive, and with it the values typed into the page's forms do too.
 *
 * On submit of the switch, what was changed in the page's form fields goes into sessionStorage
 * (this tab only) with the address the switch returns to; the next page load takes them out again,
 * and puts them back if it is that address. One entry at most, removed on the next load, so
 * typed text does not linger. Never kept: passwords, hidden fields (CSRF tokens, mailed
 * tokens), files and buttons.
 */

const STORAGE_KEY = "kakehashi.language-switch.form-values";
const SWITCH_SELECTOR = "form.language-switch";
const NEVER_KEPT = new Set(["password", "hidden", "file", "submit", "button", "reset", "image"]);
const CSRF_FIELD = "_csrf";

/**
 * @typedef {{ name: string, occurrence: number, value?: string, checked?: boolean, selected?: string[] }} SavedField
 * @typedef {{ index: number, action: string, fields: SavedField[] }} SavedForm
 * @typedef {{ address: string, forms: SavedForm[] }} Saved
 * @typedef {HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement} FormField
 */

/** The address as path and query, the same however it is spelt. @param {string} href */
function addressOf(href) {
  const url = new URL(href, window.location.href);
  return `${url.pathname}${url.search}`;
}

/** The page's own forms, in document order, without the language switch. */
function pageForms() {
  return Array.from(document.forms).filter((form) => !form.matches(SWITCH_SELECTOR));
}

/** @param {FormField} field */
function isChoice(field) {
  return field instanceof HTMLInputElement && (field.type === "checkbox" || field.type === "radio");
}

/**
 * The fields whose values are kept, each with its place among the fields of its name: named,
 * enabled, and none of the never-kept kinds.
 */
function keptFields(/** @type {HTMLFormElement} */ form) {
  /** @type {{ field: FormField, occurrence: number }[]} */
  const fields = [];
  /** @type {Map<string, number>} */
  const seen = new Map();
  for (const element of Array.from(form.elements)) {
    if (
      !(element instanceof HTMLInputElement) &&
      !(element instanceof HTMLTextAreaElement) &&
      !(element instanceof HTMLSelectElement)
    )
      continue;
    if (!element.name || element.name === CSRF_FIELD || element.disabled) continue;
    if (element instanceof HTMLInputElement && NEVER_KEPT.has(element.type)) continue;
    const occurrence = seen.get(element.name) ?? 0;
    seen.set(element.name, occurrence + 1);
    fields.push({ field: element, occurrence });
  }
  return fields;
}

/**
 * What the user changed in a field, or null if it still holds what the page came with: only
 * changes are kept, so that the page shown in the other language (which may know better, such
 * as the account's new language) is not overwritten with its own old defaults.
 * @param {FormField} field @param {number} occurrence @returns {SavedField | null}
 */
function changeOf(field, occurrence) {
  const name = field.name;
  if (field instanceof HTMLSelectElement) {
    const options = Array.from(field.options);
    if (options.every((option) => option.selected === option.defaultSelected)) return null;
    const selected = options.filter((option) => option.selected).map((option) => option.value);
    return { name, occurrence, selected };
  }
  if (field instanceof HTMLInputElement && isChoice(field)) {
    if (field.checked === field.defaultChecked) return null;
    return { name, occurrence, value: field.value, checked: field.checked };
  }
  if (field.value === field.defaultValue) return null;
  return { name, occurrence, value: field.value };
}

/** @param {string} address */
function save(address) {
  /** @type {SavedForm[]} */
  const forms = [];
  pageForms().forEach((form, index) => {
    const fields = keptFields(form).flatMap(({ field, occurrence }) => {
      const change = changeOf(field, occurrence);
      return change ? [change] : [];
    });
    if (fields.length > 0) forms.push({ index, action: form.getAttribute("action") ?? "", fields });
  });
  if (forms.length === 0) return;
  /** @type {Saved} */
  const saved = { address, forms };
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(saved));
}

/** Puts the saved values back and tells other scripts (a calculator, say) that they changed. */
function restoreForm(/** @type {HTMLFormElement} */ form, /** @type {SavedForm} */ saved) {
  const fields = keptFields(form);
  for (const value of saved.fields) {
    const found = fields.find(
      (entry) => entry.field.name === value.name && entry.occurrence === value.occurrence,
    );
    if (!found) continue;
    const field = found.field;
    if (field instanceof HTMLSelectElement) {
      const selected = new Set(value.selected ?? []);
      for (const option of Array.from(field.options)) option.selected = selected.has(option.value);
    } else if (field instanceof HTMLInputElement && isChoice(field)) {
      if (field.value !== value.value) continue;
      field.checked = value.checked === true;
    } else {
      field.value = value.value ?? "";
    }
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.dispatchEvent(new Event("change", { bubbles: true }));
  }
}

function restore() {
  const text = sessionStorage.getItem(STORAGE_KEY);
  if (text === null) return;
  sessionStorage.removeItem(STORAGE_KEY);
  /** @type {Saved} */
  const saved = JSON.parse(text);
  if (saved.address !== addressOf(window.location.href)) return;
  const forms = pageForms();
  for (const entry of saved.forms) {
    const form = forms[entry.index];
    if (form && (form.getAttribute("action") ?? "") === entry.action) restoreForm(form, entry);
  }
}

try {
  restore();
  const languageSwitch = document.querySelector(SWITCH_SELECTOR);
  if (languageSwitch instanceof HTMLFormElement) {
    languageSwitch.addEventListener("submit", () => {
      const returnTo = languageSwitch.elements.namedItem("returnTo");
      const target = returnTo instanceof HTMLInputElement ? returnTo.value : window.location.href;
      try {
        save(addressOf(target));
      } catch {
        // Storage full or refused: the switch still works, without the typed values.
      }
    });
  }
} catch {
  // No sessionStorage (privacy settings) or a damaged entry: the page works as without script.
}
