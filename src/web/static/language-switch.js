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
 *
 * A page that answers a POST (the switch says so with data-answers-post) returns to the GET page
 * its form came from, which does not hold what was typed: every value is kept then, not only the
 * changes. A form there marked data-carries-input (a confirmation, holding the report in hidden
 * fields) has those hidden fields kept too, tokens never, and they fill the fields of the same
 * names in whichever form of the return page has them.
 */

const STORAGE_KEY = "kakehashi.language-switch.form-values";
const SWITCH_SELECTOR = "form.language-switch";
const NEVER_KEPT = new Set(["password", "hidden", "file", "submit", "button", "reset", "image"]);
const CSRF_FIELD = "_csrf";
const CARRIES_INPUT = "carriesInput";
/** Hidden fields that are never carried, whatever the form says. */
const TOKEN_NAME = /token|csrf|secret|password/i;

/**
 * @typedef {{ name: string, occurrence: number, value?: string, checked?: boolean, selected?: string[] }} SavedField
 * @typedef {{ index: number, action: string | null, fields: SavedField[] }} SavedForm
 *   (action null: carried hidden fields, restored into any form that has fields of their names)
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
 * as the account's new language) is not overwritten with its own old defaults. With keepAll (a
 * page answering a POST, whose values the return page lacks) the value is kept as it is.
 * @param {FormField} field @param {number} occurrence @param {boolean} keepAll
 * @returns {SavedField | null}
 */
function changeOf(field, occurrence, keepAll) {
  const name = field.name;
  if (field instanceof HTMLSelectElement) {
    const options = Array.from(field.options);
    if (!keepAll && options.every((option) => option.selected === option.defaultSelected))
      return null;
    const selected = options.filter((option) => option.selected).map((option) => option.value);
    return { name, occurrence, selected };
  }
  if (field instanceof HTMLInputElement && isChoice(field)) {
    if (!keepAll && field.checked === field.defaultChecked) return null;
    return { name, occurrence, value: field.value, checked: field.checked };
  }
  if (!keepAll && field.value === field.defaultValue) return null;
  return { name, occurrence, value: field.value };
}

/**
 * The hidden fields of a form that carries what was typed (a confirmation page), tokens never.
 * @param {HTMLFormElement} form @returns {SavedField[]}
 */
function carriedFields(form) {
  /** @type {SavedField[]} */
  const fields = [];
  for (const element of Array.from(form.elements)) {
    if (!(element instanceof HTMLInputElement) || element.type !== "hidden") continue;
    if (!element.name || element.name === CSRF_FIELD || TOKEN_NAME.test(element.name)) continue;
    fields.push({ name: element.name, occurrence: 0, value: element.value });
  }
  return fields;
}

/** @param {string} address @param {boolean} answersPost */
function save(address, answersPost) {
  /** @type {SavedForm[]} */
  const forms = [];
  pageForms().forEach((form, index) => {
    const fields = keptFields(form).flatMap(({ field, occurrence }) => {
      const change = changeOf(field, occurrence, answersPost);
      return change ? [change] : [];
    });
    if (fields.length > 0) forms.push({ index, action: form.getAttribute("action") ?? "", fields });
    if (answersPost && form.dataset[CARRIES_INPUT] !== undefined) {
      const carried = carriedFields(form);
      if (carried.length > 0) forms.push({ index, action: null, fields: carried });
    }
  });
  if (forms.length === 0) return;
  /** @type {Saved} */
  const saved = { address, forms };
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(saved));
}

/**
 * Puts the saved values back and tells other scripts (a calculator, say) that they changed.
 * Carried hidden values (action null) are plain values: a text field takes it, a select selects
 * it, and of the checkboxes and radio buttons of that name the one with that value is checked.
 */
function restoreForm(/** @type {HTMLFormElement} */ form, /** @type {SavedForm} */ saved) {
  const carried = saved.action === null;
  const fields = keptFields(form);
  for (const value of saved.fields) {
    const targets = fields.filter(
      (entry) =>
        entry.field.name === value.name &&
        ((carried && isChoice(entry.field)) || entry.occurrence === value.occurrence),
    );
    for (const { field } of targets) {
      if (field instanceof HTMLSelectElement) {
        const selected = new Set(carried ? [value.value ?? ""] : (value.selected ?? []));
        for (const option of Array.from(field.options))
          option.selected = selected.has(option.value);
      } else if (field instanceof HTMLInputElement && isChoice(field)) {
        if (carried) field.checked = field.value === value.value;
        else if (field.value === value.value) field.checked = value.checked === true;
        else continue;
      } else {
        field.value = value.value ?? "";
      }
      field.dispatchEvent(new Event("input", { bubbles: true }));
      field.dispatchEvent(new Event("change", { bubbles: true }));
    }
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
    if (entry.action === null) {
      const names = new Set(entry.fields.map((field) => field.name));
      const form = forms.find((candidate) =>
        keptFields(candidate).some(({ field }) => names.has(field.name)),
      );
      if (form) restoreForm(form, entry);
      continue;
    }
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
        save(addressOf(target), languageSwitch.dataset.answersPost !== undefined);
      } catch {
        // Storage full or refused: the switch still works, without the typed values.
      }
    });
  }
} catch {
  // No sessionStorage (privacy settings) or a damaged entry: the page works as without script.
}
