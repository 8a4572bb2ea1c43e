// The CWE picker (issue 13 item 9), a progressive enhancement: without this script the CWE box
// takes "CWE-79" or "79" and the server checks it. With it, each box inside [data-cwe-picker]
// gets suggestions (a <datalist>) from the CWE lookup as the user types a number or a name, and
// the name of the weakness typed is shown beside the box. Words come from #form-helper-words.

const LOOKUP_URL = "/api/v1/cwe";
const DELAY_MS = 200;

const dataBlock = document.getElementById("form-helper-words");
const data = dataBlock ? JSON.parse(dataBlock.textContent || "null") : null;

function fill(text, params) {
  return text.replace(/\{(\w+)\}/g, (match, name) =>
    name in params ? String(params[name]) : match,
  );
}

/** "79", "cwe-79", "CWE 79" as CWE-79; null for anything else (the server's rule, cwe.ts). */
function cweOf(value) {
  const match = /^(?:cwe[\s_-]*)?([1-9]\d{0,5})$/i.exec(value.normalize("NFKC").trim());
  return match ? `CWE-${match[1]}` : null;
}

function enhance(box) {
  const input = box.querySelector("input");
  if (!input?.id) return;
  const words = data.words;
  const list = document.createElement("datalist");
  list.id = `${input.id}-suggestions`;
  const hint = document.createElement("p");
  hint.className = "hint";
  hint.id = `${input.id}-lookup-hint`;
  hint.textContent = words.cweHint;
  const name = document.createElement("p");
  name.className = "cwe-name";
  name.id = `${input.id}-name`;
  name.setAttribute("aria-live", "polite");
  input.before(hint);
  input.after(list, name);
  input.setAttribute("list", list.id);
  input.setAttribute("autocomplete", "off");
  const describedBy = input.getAttribute("aria-describedby");
  input.setAttribute("aria-describedby", [describedBy, hint.id, name.id].filter(Boolean).join(" "));

  let timer = 0;
  let pending = null;
  async function lookup() {
    pending?.abort();
    const typed = input.value.trim();
    if (typed === "") {
      list.replaceChildren();
      name.textContent = "";
      return;
    }
    pending = new AbortController();
    try {
      const lang = document.documentElement.lang === "ja" ? "ja" : "en";
      const response = await fetch(`${LOOKUP_URL}?${new URLSearchParams({ q: typed, lang })}`, {
        headers: { accept: "application/json" },
        signal: pending.signal,
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const { items } = await response.json();
      list.replaceChildren(
        ...items.map((item) => {
          const option = document.createElement("option");
          option.value = item.id;
          // The browser shows the value (the CWE ID) beside this label.
          option.textContent = item.name;
          return option;
        }),
      );
      const id = cweOf(typed);
      const found = id ? items.find((item) => item.id === id) : null;
      name.textContent = found
        ? fill(words.cweName, { id: found.id, name: found.name })
        : id
          ? words.cweUnknown
          : "";
    } catch (error) {
      // Without suggestions the box still works; the server checks what is sent.
      if (error.name !== "AbortError") list.replaceChildren();
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(lookup, DELAY_MS);
  });
  if (input.value.trim() !== "") lookup();
}

if (data) {
  for (const box of document.querySelectorAll("[data-cwe-picker]")) enhance(box);
}
