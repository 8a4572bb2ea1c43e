// The CVSS calculator (issue 13 item 9), a progressive enhancement: without this script the
// vector box is a text box the server checks and scores after sending. With it, each box inside
// [data-cvss-calculator="3.1 4.0"] gets a select per base metric; choosing metrics writes the
// vector into the box, typing a vector moves the selects, and the base score comes from the
// server's scoring endpoint (the one implementation). Words come from #form-helper-words.

const SCORE_URL = "/api/v1/cvss/score";
const DELAY_MS = 300;

const dataBlock = document.getElementById("form-helper-words");
const data = dataBlock ? JSON.parse(dataBlock.textContent || "null") : null;

/** A catalog text with its {placeholders} filled. */
function fill(text, params) {
  return text.replace(/\{(\w+)\}/g, (match, name) =>
    name in params ? String(params[name]) : match,
  );
}

function element(tag, properties = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(properties)) {
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) node.append(child);
  return node;
}

/** The version and metric values a vector names; null when it names no version offered. */
function parseVector(value, versions) {
  const [prefix, ...parts] = value.trim().split("/");
  const version = versions.find((candidate) => prefix === `CVSS:${candidate}`);
  if (!version) return null;
  const values = new Map();
  for (const part of parts) {
    const [metric, metricValue] = part.split(":");
    if (metric && metricValue !== undefined && !values.has(metric)) values.set(metric, metricValue);
  }
  return { version, values };
}

function enhance(box) {
  const input = box.querySelector("input, textarea");
  if (!input?.id) return;
  const versions = box.dataset.cvssCalculator.split(/\s+/).filter((v) => data.metrics[v]);
  if (versions.length === 0) return;
  const words = data.words;
  let version = versions[0];

  const result = element("p", {
    class: "cvss-result",
    id: `${input.id}-score`,
    "aria-live": "polite",
  });
  const details = element("details", { class: "cvss-calculator" }, [
    element("summary", { text: words.open }),
  ]);
  let versionSelect = null;
  if (versions.length > 1) {
    versionSelect = element(
      "select",
      { id: `${input.id}-version` },
      versions.map((v) => element("option", { value: v, text: `CVSS ${v}` })),
    );
    details.append(
      element("div", { class: "field" }, [
        element("label", { for: versionSelect.id, text: words.version }),
        versionSelect,
      ]),
    );
  }
  /** Per version: its fieldset and a select per base metric. */
  const pickers = new Map();
  for (const v of versions) {
    const selects = new Map();
    const fieldset = element("fieldset", { class: "cvss-metrics" }, [
      element("legend", { text: fill(words.metrics, { version: v }) }),
    ]);
    for (const metric of data.metrics[v]) {
      const select = element(
        "select",
        { id: `${input.id}-${v.replace(".", "")}-${metric.metric}` },
        [
          element("option", { value: "", text: words.unset }),
          ...metric.values.map((entry) =>
            element("option", { value: entry.value, text: `${entry.label} (${entry.value})` }),
          ),
        ],
      );
      select.dataset.metric = metric.metric;
      selects.set(metric.metric, select);
      fieldset.append(
        element("div", { class: "cvss-metric" }, [
          element("label", { for: select.id, text: `${metric.label} (${metric.metric})` }),
          select,
        ]),
      );
    }
    pickers.set(v, { fieldset, selects });
    details.append(fieldset);
  }
  input.after(result, details);
  const describedBy = input.getAttribute("aria-describedby");
  input.setAttribute("aria-describedby", describedBy ? `${describedBy} ${result.id}` : result.id);

  function showVersion() {
    if (versionSelect) versionSelect.value = version;
    for (const [v, picker] of pickers) picker.fieldset.hidden = v !== version;
  }

  /** The selects follow the vector in the box. */
  function followVector() {
    const parsed = parseVector(input.value, versions);
    if (!parsed) return;
    version = parsed.version;
    showVersion();
    for (const [metric, select] of pickers.get(version).selects) {
      const value = parsed.values.get(metric) ?? "";
      select.value = [...select.options].some((option) => option.value === value) ? value : "";
    }
  }

  /** The box gets the chosen metrics, keeping any further metrics the vector already had. */
  function writeVector() {
    const { selects } = pickers.get(version);
    const chosen = [...selects].filter(([, select]) => select.value !== "");
    const previous = parseVector(input.value, [version]);
    const further = previous ? [...previous.values].filter(([metric]) => !selects.has(metric)) : [];
    const parts = [...chosen.map(([metric, select]) => [metric, select.value]), ...further];
    input.value =
      parts.length === 0
        ? ""
        : [`CVSS:${version}`, ...parts.map(([metric, value]) => `${metric}:${value}`)].join("/");
    scoreSoon();
  }

  let timer = 0;
  let pending = null;
  function scoreSoon() {
    clearTimeout(timer);
    timer = setTimeout(score, DELAY_MS);
  }

  async function score() {
    pending?.abort();
    const vector = input.value.trim();
    if (vector === "") {
      result.textContent = "";
      return;
    }
    const parsed = parseVector(vector, versions);
    if (
      parsed &&
      [...pickers.get(parsed.version).selects.keys()].some((m) => !parsed.values.has(m))
    ) {
      result.textContent = words.incomplete;
      return;
    }
    pending = new AbortController();
    try {
      const response = await fetch(`${SCORE_URL}?${new URLSearchParams({ vector })}`, {
        headers: { accept: "application/json" },
        signal: pending.signal,
      });
      if (response.status === 422) {
        result.textContent = words.invalid;
        return;
      }
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const answer = await response.json();
      result.textContent = fill(words.result, {
        score: answer.baseScore.toFixed(1),
        severity: data.severities[answer.severity] ?? answer.severity,
      });
    } catch (error) {
      if (error.name !== "AbortError") result.textContent = words.unavailable;
    }
  }

  versionSelect?.addEventListener("change", () => {
    version = versionSelect.value;
    showVersion();
    writeVector();
  });
  for (const { selects } of pickers.values()) {
    for (const select of selects.values()) select.addEventListener("change", writeVector);
  }
  input.addEventListener("input", () => {
    followVector();
    scoreSoon();
  });

  showVersion();
  followVector();
  if (input.value.trim() !== "") score();
}

if (data) {
  for (const box of document.querySelectorAll("[data-cvss-calculator]")) enhance(box);
}
