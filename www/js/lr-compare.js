// DOM glue for the learning-rate lab (data-widget="lr-compare"): three runs on
// one clock, their η sliders painted with the stability map, the loss chart and
// the results table. The Rust handle owns all state.
import { widgetKit, followReducedMotion, setReadout, setBadge, nudgeOnArrows } from "./widget.js";
import { t } from "./i18n.js";
import { landscapeControls, landscapeSettings, applyLandscape } from "./landscape.js";

// Colours of the stability map on the η sliders (also in style.css's legend).
const BAND_COLOURS = {
  creeps: "#9ecae1",
  one_step: "#1b7837",
  oscillates: "#fdd49e",
  bounces: "#54278f",
  diverges: "#f4a582",
};
const MARK_WIDTH = 1.2; // % of the track for the one-η bands (η = 0.5, η = 1)

export function mountLrCompare(root, wasm, fail) {
  const runs = [...root.querySelectorAll("[data-run]")];
  const panels = runs.map((run) => run.querySelector("canvas"));
  const chart = root.querySelector("[data-chart]");
  const handle = new wasm.LrCompare(panels[0], panels[1], panels[2], chart);
  const kit = widgetKit(root, handle, { fail, sync, canvases: () => [...panels, chart] });
  const { $, control, act, now } = kit;
  followReducedMotion(handle);
  const mapOf = ["", "", ""]; // per run: the landscape and minimum its slider's stability map was painted for
  const syncLandscape = landscapeControls(kit, handle, "lab.lede");

  function sync() {
    const s = handle.snapshot();
    root.dataset.state = s.state;
    setReadout($('[data-readout="t"]'), String(s.t), s.t);
    const play = control("play");
    play.textContent = t(s.state === "running" ? "ui.pause" : "ui.play");
    play.setAttribute("aria-pressed", String(s.state === "running"));
    const scale = control("scale");
    scale.textContent = t(s.logScale ? "lab.log" : "lab.linear");
    scale.setAttribute("aria-pressed", String(s.logScale));
    control("speed").value = String(s.speed);
    const w0 = control("w0");
    if (document.activeElement !== w0) w0.value = String(s.w0);
    $("[data-w0-text]").textContent = String(Math.round(s.w0 * 1000) / 1000);
    // (A language switch rewrites "About this": this runs on every sync.)
    syncLandscape(s);
    // Each slider's colours are the stability map of the minimum its run is heading to.
    s.runs.forEach((r, i) => {
      const key = `${s.formula} @ ${r.wStar}`;
      if (key !== mapOf[i]) {
        mapOf[i] = key;
        paintStabilityMap(runs[i], handle.runBands(i));
      }
    });

    s.runs.forEach((r, i) => {
      const run = runs[i];
      const read = (name) => run.querySelector(`[data-readout="${name}"]`);
      setReadout(read("lr"), r.text.lr, r.lr);
      setReadout(read("w"), r.text.w, r.w);
      setReadout(read("loss"), r.text.loss, r.loss);
      setReadout(read("factor"), r.text.factor, r.factor);
      setReadout(read("class"), `${r.classZh} · ${r.classEn}`, r.class);
      run.dataset.class = r.class;
      run.querySelector("[data-factor-note]").textContent = t(
        r.factor < 1 ? "lab.shrinks" : r.factor === 1 ? "lab.keeps" : "lab.grows",
      );
      const field = control("lr", run);
      if (document.activeElement !== field) field.value = String(r.lr);
      const slider = control("lr-slider", run);
      slider.value = String(r.lrSlider);
      slider.setAttribute("aria-valuetext", `η = ${r.text.lr}, ${r.classEn}`);
      const badge = run.querySelector("[data-badge]");
      if (r.diverged) setBadge(badge, "diverged", t("lab.badge.diverged", { t: r.t }));
      else if (r.outOfDomain) setBadge(badge, "diverged", t("lab.badge.outside", { t: r.t }));
      else if (r.diverging) setBadge(badge, "diverging", t("lab.badge.diverging"));
      else setBadge(badge, null);

      const cells = root.querySelector(`[data-result="${i}"]`).cells;
      [r.text.lr, r.text.w, r.text.loss, `${r.classZh} · ${r.classEn}`].forEach((text, k) => {
        if (cells[k + 1].textContent !== text) cells[k + 1].textContent = text;
      });
    });
  }

  // The η slider's track shows where each behaviour lives on its log scale.
  function paintStabilityMap(run, bands) {
    const slider = control("lr-slider", run);
    const [min, max] = [Number(slider.min), Number(slider.max)];
    const at = (lr) => (lr <= 0 ? 0 : Math.min(100, Math.max(0, ((Math.log10(lr) - min) / (max - min)) * 100)));
    const stops = [];
    for (const b of bands) {
      const colour = BAND_COLOURS[b.kind] ?? "#ccc";
      let [from, to] = [at(b.from), at(b.to)];
      if (b.from === b.to) [from, to] = [from - MARK_WIDTH / 2, from + MARK_WIDTH / 2];
      stops.push(`${colour} ${from.toFixed(2)}%`, `${colour} ${to.toFixed(2)}%`);
    }
    slider.style.setProperty("--bands", `linear-gradient(to right, ${stops.join(", ")})`);
  }

  control("step").addEventListener("click", () => act(() => handle.step(now())));
  control("play").addEventListener("click", () => act(() => handle.togglePlay(now())));
  control("reset").addEventListener("click", () => act(() => handle.reset(now())));
  control("speed").addEventListener("change", (e) => act(() => handle.setSpeed(Number(e.target.value))));
  control("scale").addEventListener("click", () =>
    act(() => handle.setLogScale(control("scale").getAttribute("aria-pressed") !== "true")),
  );
  control("w0").addEventListener("input", (e) => act(() => handle.setStart(e.target.valueAsNumber, now())));
  runs.forEach((run, i) => {
    control("lr-slider", run).addEventListener("input", (e) =>
      act(() => handle.setLrSlider(i, e.target.valueAsNumber, now())),
    );
    nudgeOnArrows(
      control("lr-slider", run),
      wasm,
      () => handle.snapshot().runs[i].lr,
      (lr) => act(() => handle.setLr(i, lr, now())),
    );
    control("lr", run).addEventListener("change", (e) =>
      act(() => handle.setLr(i, e.target.valueAsNumber, now()), e.target),
    );
  });

  // The run the keyboard's η keys act on: the one last focused or touched.
  let keyRun = null;
  runs.forEach((run, i) => {
    run.addEventListener("focusin", () => (keyRun = i));
    run.addEventListener("pointerdown", () => (keyRun = i));
  });
  const onKeyRun = (change) => keyRun !== null && act(() => change(keyRun));

  kit.sync();
  kit.requestFrame();

  return {
    name: "lr-compare",
    root,
    kit,
    /** A film of the run from t = 0 to now for a GIF, drawn on `canvas`. */
    recordGif: (canvas) => handle.recordGif(canvas),
    /** The state worth a link: the three η, start, steps taken, speed. */
    settings() {
      const s = handle.snapshot();
      return { ...landscapeSettings(s), lr0: s.runs[0].lr, lr1: s.runs[1].lr, lr2: s.runs[2].lr, w0: s.w0, steps: s.t, speed: s.speed, autoplay: s.state === "running" ? 1 : null };
    },
    /** Applies settings read from a URL (already validated by the core). */
    apply(settings) {
      const at = now();
      act(() =>
        kit.each([
          () => settings.speed != null && handle.setSpeed(settings.speed),
          () => applyLandscape(handle, settings, at),
          () => settings.w0 != null && handle.setStart(settings.w0, at),
          ...(settings.lrs ?? []).map((lr, i) => () => lr != null && handle.setLr(i, lr, at)),
          () => {
            for (let i = 0; i < (settings.steps ?? 0); i++) if (!handle.step(at)) break;
          },
          () => settings.autoplay && handle.togglePlay(at),
        ]),
      );
    },
    keys: {
      back: () => act(() => handle.back(now())),
      setLr: (lr) => onKeyRun((i) => handle.setLr(i, lr, now())),
      scaleLr: (factor) => onKeyRun((i) => handle.setLr(i, handle.snapshot().runs[i].lr * factor, now())),
    },
  };
}
