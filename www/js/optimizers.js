// DOM glue for the optimizers race (data-widget="optimizers"): six PyTorch
// optimizers on one clock, drawn on a map L(w1, w2) or a line L(w), with a
// loss chart and one table row per optimizer. The Rust handle owns all state.
import { widgetKit, setReadout, nudgeOnArrows } from "./widget.js";
import { t } from "./i18n.js";
import { landscapeControls, landscapeSettings } from "./landscape.js";

// The default scene's η and speed, as the core's OptimizersModel::default.
const DEFAULT_LR = 0.1;
const DEFAULT_SPEED = 8;

export function mountOptimizers(root, wasm, fail) {
  const picture = root.querySelector("canvas[data-view]");
  const chart = root.querySelector("canvas[data-chart]");
  const handle = new wasm.Optimizers(picture, chart);
  // The optimizers (PyTorch's names, in the core's order) and their settings' names, from the core.
  const first = handle.snapshot();
  const OPTIMIZERS = first.racers.map((r) => r.name);
  const table = root.querySelector("table.racers");
  const template = root.querySelector("template[data-racer]");
  // (Only those with a field in the row's template: a setting the core adds
  // without one is not shown, rather than stopping the page.)
  const HYPER = Object.keys(first.racers[0].hyper).filter((name) => template.content.querySelector(`[data-control="${name}"]`));
  const bodies = OPTIMIZERS.map((name, i) => {
    const body = template.content.firstElementChild.cloneNode(true);
    body.dataset.opt = name;
    body.querySelector(".marker").classList.add(`opt${i}`);
    body.querySelector("[data-decay]").hidden = name !== "adamw";
    table.append(body);
    return body;
  });
  // Each row's elements, found once: a sync at 16× runs ten times a second.
  const parts = bodies.map((body) => {
    const readouts = {};
    for (const el of body.querySelectorAll("[data-readout]")) readouts[el.dataset.readout] = el;
    const inputs = Object.fromEntries(HYPER.map((name) => [name, body.querySelector(`[data-control="${name}"]`)]));
    return {
      readouts,
      inputs,
      boxes: Object.fromEntries(HYPER.map((name) => [name, inputs[name].closest("[data-takes]")])),
      enabled: body.querySelector('[data-control="enabled"]'),
      defaults: body.querySelector('[data-control="defaults"]'),
      name: body.querySelector("[data-name]"),
      health: body.querySelector("[data-health-text]"),
    };
  });
  /** Sets `key` of `el` to `value` unless it already is (writes invalidate style). */
  const put = (el, key, value) => {
    if (el[key] !== value) el[key] = value;
  };
  const mapOnly = [...root.querySelectorAll("[data-map-only]")];
  const kit = widgetKit(root, handle, { fail, sync, canvases: () => [picture, chart] });
  const { $, control, act } = kit;
  const syncLandscape = landscapeControls(kit, handle, null);
  const lede = $(".lede");
  let ledeChanged = false; // the HTML's own lede (the ravine's) shows until another landscape replaces it
  let last = null; // the last snapshot, for keys and settings

  function sync() {
    const s = handle.snapshot();
    last = s;
    root.dataset.state = s.state;
    root.dataset.view = s.view;
    const line = s.view === "line";
    setReadout($('[data-readout="t"]'), String(s.t), s.t);
    const play = control("play");
    play.textContent = t(s.state === "running" ? "ui.pause" : "ui.play");
    play.setAttribute("aria-pressed", String(s.state === "running"));
    // (A loss at or below 0 — the saddle's minimum — has no logarithm: linear then.)
    const scale = control("scale");
    const log = s.logScale && s.logPossible;
    scale.textContent = log ? "log" : "lin";
    scale.setAttribute("aria-pressed", String(log));
    scale.disabled = !s.logPossible;
    control("speed").value = String(s.speed);
    control("view").value = s.view;
    const slider = control("lr-slider");
    slider.value = String(s.lrSlider);
    slider.setAttribute("aria-valuetext", `η = ${s.lrText}`);
    const lr = control("lr");
    if (document.activeElement !== lr) lr.value = String(s.lr);
    syncLandscape(s);
    // The typed field: a surface's on the map, a curve's on the line.
    const formula = control("formula");
    formula.placeholder = line ? "w^4/4 - w^2 + 0.3w + 2" : "w1^2 + 10w2^2 + sin(3w1)";
    $("[data-formula-label]").textContent = t(line ? "opt.formula.line" : "opt.formula.map");
    // The start sliders follow the view's extent.
    ["w1", "w2"].forEach((name, k) => {
      const input = control(name);
      const [from, to] = s.startRange[k];
      if (input.min !== String(from)) input.min = String(from);
      if (input.max !== String(to)) input.max = String(to);
      if (document.activeElement !== input) input.value = String(s.start[k]);
      $(`[data-start-text="${k}"]`).textContent = String(Math.round(s.start[k] * 1000) / 1000);
    });
    $("[data-start-name]").textContent = line ? "w" : "w1";
    $("[data-w-head]").firstElementChild.textContent = line ? "w" : "w1";
    for (const el of mapOnly) put(el, "hidden", line);
    put($("[data-step-help]"), "title", t("opt.step.help"));
    const ravine = s.view === "map" && s.landscape === "ravine";
    if (lede && (ledeChanged || !ravine)) {
      ledeChanged = !ravine;
      const text = ravine ? t("opt.lede") : t(`opt.lede.${s.view}`, { formula: s.formula });
      if (lede.textContent !== text) lede.textContent = text;
    }
    s.racers.forEach((r, i) => syncRacer(bodies[i], parts[i], r, line));
  }

  function syncRacer(body, p, r, line) {
    // On a line the parameter is w: its readout answers to data-readout="w".
    const w = p.readouts.w1;
    const name = line ? "w" : "w1";
    if (w.dataset.readout !== name) w.dataset.readout = name;
    put(p.name, "textContent", r.label);
    if (body.dataset.health !== r.health) body.dataset.health = r.health;
    body.classList.toggle("off", !r.enabled);
    put(p.enabled, "checked", r.enabled);
    const read = p.readouts;
    setReadout(read.t, String(r.t), r.t);
    setReadout(w, r.text.w1, r.w[0]);
    setReadout(read.w2, r.text.w2, r.w[1]);
    setReadout(read.loss, r.text.loss, r.loss);
    setReadout(read.g1, r.text.g1, r.grad[0]);
    setReadout(read.g2, r.text.g2, r.grad[1]);
    setReadout(read.step1, r.text.step1, r.step[0]);
    setReadout(read.step2, r.text.step2, r.step[1]);
    setReadout(read.decay1, r.text.decay1, r.decay[0]);
    setReadout(read.decay2, r.text.decay2, r.decay[1]);
    put(p.health, "hidden", r.health === "stable");
    if (r.health !== "stable") put(p.health, "textContent", t(`opt.health.${r.health}`, { t: r.t }));
    for (const name of HYPER) {
      const input = p.inputs[name];
      if (p.boxes[name]) put(p.boxes[name], "hidden", !r.takes.includes(name));
      if (document.activeElement !== input && !input.hasAttribute("aria-invalid")) put(input, "value", String(r.hyper[name]));
    }
    put(p.defaults, "disabled", r.defaults);
  }

  control("step").addEventListener("click", () => act(() => handle.step()));
  control("play").addEventListener("click", () => act(() => handle.togglePlay(kit.now())));
  control("reset").addEventListener("click", () => act(() => handle.reset()));
  control("speed").addEventListener("change", (e) => act(() => handle.setSpeed(Number(e.target.value))));
  control("scale").addEventListener("click", () => act(() => handle.setLogScale(!last.logScale)));
  control("lr-slider").addEventListener("input", (e) => act(() => handle.setLrSlider(e.target.valueAsNumber)));
  nudgeOnArrows(control("lr-slider"), wasm, () => last.lr, (lr) => act(() => handle.setLr(lr)));
  control("lr").addEventListener("change", (e) => act(() => handle.setLr(e.target.valueAsNumber), e.target));
  control("view").addEventListener("change", (e) => act(() => handle.setView(e.target.value)));
  const setStart = () => act(() => handle.setStart(control("w1").valueAsNumber, control("w2").valueAsNumber));
  control("w1").addEventListener("input", setStart);
  control("w2").addEventListener("input", setStart);

  bodies.forEach((body, i) => {
    const name = OPTIMIZERS[i];
    control("enabled", body).addEventListener("change", (e) => act(() => handle.setEnabled(name, e.target.checked)));
    const gear = control("settings", body);
    const row = body.querySelector("tr.hyper");
    gear.addEventListener("click", () => {
      row.hidden = !row.hidden;
      gear.setAttribute("aria-expanded", String(!row.hidden));
    });
    for (const param of HYPER) {
      const input = control(param, body);
      input.addEventListener("change", () => act(() => handle.setHyper(name, param, input.valueAsNumber), input));
    }
    control("defaults", body).addEventListener("click", () => act(() => handle.resetHyper(name)));
  });

  // A click or a drag on the picture chooses the start; the race starts over.
  let dragging = false;
  picture.addEventListener("pointerdown", (e) => {
    picture.setPointerCapture?.(e.pointerId);
    dragging = true;
    act(() => handle.startAt(e.offsetX, e.offsetY));
  });
  picture.addEventListener("pointermove", (e) => dragging && act(() => handle.startAt(e.offsetX, e.offsetY)));
  const endDrag = () => (dragging = false);
  picture.addEventListener("pointerup", endDrag);
  picture.addEventListener("pointercancel", endDrag);

  kit.sync();
  kit.requestFrame();

  return {
    name: "optimizers",
    root,
    kit,
    /** A film of the race from t = 0 to now for a GIF, drawn on `canvas`. */
    recordGif: (canvas) => handle.recordGif(canvas),
    /** The state worth a link: only what differs from the default scene. */
    settings() {
      const s = handle.snapshot();
      const out = {};
      if (s.view === "line") Object.assign(out, { view: "line" }, landscapeSettings(s));
      else if (s.typed != null) out.f2 = s.typed;
      else if (s.landscape !== "ravine") out.surface = s.landscape;
      if (s.racers.some((r) => r.enabled !== r.onByDefault)) {
        out.opt = s.racers.filter((r) => r.enabled).map((r) => r.name).join(",") || "none";
      }
      if (s.lr !== DEFAULT_LR) out.lr = s.lr;
      if (!s.startIsDefault) {
        out.w1 = s.start[0];
        if (s.view === "map") out.w2 = s.start[1];
      }
      out.steps = s.t || null;
      if (s.speed !== DEFAULT_SPEED) out.speed = s.speed;
      out.autoplay = s.state === "running" ? 1 : null;
      for (const r of s.racers) for (const [param, value] of r.changed) out[`${r.name}.${param}`] = value;
      return out;
    },
    /**
     * Applies the page's link. The race reads it itself, from the query
     * (OptimizersModel::apply_link, as downhill-render does), rather than
     * from the page's parsed `settings`: one reader for both.
     */
    apply() {
      act(() => handle.applyLink(location.search, kit.now()));
    },
    keys: {
      back: () => act(() => handle.back()),
      setLr: (lr) => act(() => handle.setLr(lr)),
      scaleLr: (factor) => act(() => handle.setLr(last.lr * factor)),
    },
  };
}
