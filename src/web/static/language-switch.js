// @ts-check
/**
 * Keeps what was typed across a language switch. The switch is a form that posts to
 * /language and comes back to the same page and query; without this script the page and its
 * query survive, and with it the values typed into the page's forms do too.
 *
 * On submit of the switch, the values of the page's form fields go into sessionStorage (this
 * tab only) with the address the switch returns to; the next page load takes them out again,
 * and puts them back if it is that address. One entry at most, removed on the next load, so
 * typed text does not linger. Never kept: passwords, hidden fields (CSRF tokens, mailed
 * tokens), files and buttons.
 */

const STORAGE_KEY = "kakehashi.language-switch.form-values";
const SWITCH_SELECTOR = "form.language-switch";
const NEVER_KEPT = new Set(["password", "hidden", "file", "submit", "button", "reset", "image"]);
const CSRF_FIELD = "_csrf";

/**
 * @typedef {{ name: string, value?: string, checked?: boolean, selected?: string[] }} SavedField
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

/** The fields whose values are kept: named, enabled, and none of the never-kept kinds. */
function keptFields(/** @type {HTMLFormElement} */ form) {
  /** @type {FormField[]} */
  const fields = [];
  for (const element of Array.from(form.elements)) {
    if (
      !(element instanceof HTMLInputElement) &&
      !(element instanceof HTMLTextAreaElement) &&
      !(element instanceof HTMLSelectElement)
    )
      continue;
    if (!element.name || element.name === CSRF_FIELD || element.disabled) continue;
    if (element instanceof HTMLInputElement && NEVER_KEPT.has(element.type)) continue;
    fields.push(element);
  }
  return fields;
}

/** @param {FormField} field @returns {SavedField} */
function saveField(field) {
  if (field instanceof HTMLSelectElement)
    return {
      name: field.name,
      selected: Array.from(field.selectedOptions).map((option) => option.value),
    };
  if (field instanceof HTMLInputElement && (field.type === "checkbox" || field.type === "radio"))
    return { name: field.name, value: field.value, checked: field.checked };
  return { name: field.name, value: field.value };
}

/** @param {string} address */
function save(address) {
  /** @type {SavedForm[]} */
  const forms = [];
  pageForms().forEach((form, index) => {
    const fields = keptFields(form).map(saveField);
    if (fields.length > 0) forms.push({ index, action: form.getAttribute("action") ?? "", fields });
  });
  if (forms.length === 0) return;
  /** @type {Saved} */
  const saved = { address, forms };
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(saved));
}

/** Puts the saved values back, field by field in order, and tells other scripts they changed. */
function restoreForm(/** @type {HTMLFormElement} */ form, /** @type {SavedForm} */ saved) {
  const fields = keptFields(form);
  if (fields.length !== saved.fields.length) return;
  fields.forEach((field, position) => {
    const value = saved.fields[position];
    if (!value || value.name !== field.name) return;
    if (field instanceof HTMLSelectElement) {
      const selected = new Set(value.selected ?? []);
      for (const option of Array.from(field.options)) option.selected = selected.has(option.value);
    } else if (
      field instanceof HTMLInputElement &&
      (field.type === "checkbox" || field.type === "radio")
    ) {
      if (field.value !== value.value) return;
      field.checked = value.checked === true;
    } else {
      field.value = value.value ?? "";
    }
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.dispatchEvent(new Event("change", { bubbles: true }));
  });
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
