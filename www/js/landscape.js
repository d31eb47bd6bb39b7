// The landscape picker and the typed-formula field, shared by the descent
// widget and the learning-rate lab. Choosing "your own L(w)" types the current
// landscape's formula into the field, so there is always something to edit;
// Enter (or leaving the field) applies it. A formula the core refuses is said
// in the widget's notice, with its column, and the landscape stays.
import { setReadout } from "./widget.js";
import { t } from "./i18n.js";

/**
 * Wires `[data-control=landscape]` and `[data-control=formula]` of a widget to
 * `handle.setLandscape(name, now)` / `handle.setFormula(text, now)`. Returns
 * `sync(snapshot)`, which shows the landscape and rewrites the "About this"
 * text (`ledeKey`, and `ledeKey + ".other"` for any landscape but the bowl;
 * a widget that writes its own passes `null`).
 */
export function landscapeControls(kit, handle, ledeKey) {
  const { $, control, act, now } = kit;
  const picker = control("landscape");
  const field = control("formula");
  const fieldBox = field.closest(".field");
  let ledeChanged = false; // the HTML's own lede (the bowl's) is shown until a landscape replaces it

  // (The optimizers race also has a typed surface: there `formula` means the curve.)
  const setCurve = (text, at) => (handle.setCurveFormula ? handle.setCurveFormula(text) : handle.setFormula(text, at));
  picker.addEventListener("change", () =>
    act(() => {
      if (picker.value === "formula") {
        // The printed formula reads back as typed text: start from it (from
        // the field's example when the landscape is not a curve L(w)).
        const printed = handle.snapshot().formula;
        setCurve(printed.startsWith("L(w) = ") ? printed.slice(7) : "w^4/4 - w^2 + 0.3w + 2", now());
      } else {
        handle.setLandscape(picker.value, now());
      }
      const typed = handle.snapshot().typed;
      if (typed != null) {
        field.value = typed;
        fieldBox.hidden = false;
        field.focus();
      }
    }),
  );
  field.addEventListener("change", () => act(() => handle.setFormula(field.value, now()), field));

  return function sync(s) {
    picker.value = s.landscape;
    setReadout($("[data-readout=formula]"), s.formula, s.landscape);
    fieldBox.hidden = s.typed == null;
    // Not while the reader is typing, nor over a refused formula while its
    // notice shows (the next accepted action shows the formula in force).
    if (s.typed != null && document.activeElement !== field && !field.hasAttribute("aria-invalid")) field.value = s.typed;
    const lede = ledeKey && $(".lede");
    if (!lede || (s.landscape === "bowl" && !ledeChanged)) return;
    ledeChanged = s.landscape !== "bowl";
    const text = ledeChanged ? t(`${ledeKey}.other`, { formula: s.formula }) : t(ledeKey);
    if (lede.textContent !== text) lede.textContent = text;
  };
}

/** The landscape keys of a widget's link: a preset's name, or the typed formula as `f`. */
export function landscapeSettings(s) {
  return s.landscape === "formula" ? { landscape: null, f: s.typed } : { landscape: s.landscape, f: null };
}

/** Applies a link's landscape: `f` wins over `landscape`. */
export function applyLandscape(handle, settings, at) {
  if (settings.f != null) handle.setFormula(settings.f, at);
  else if (settings.landscape != null) handle.setLandscape(settings.landscape, at);
}
