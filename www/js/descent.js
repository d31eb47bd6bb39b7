// DOM glue for the descent widget (data-widget="descent"). The Rust handle owns
// all state; this file turns events into calls and copies the snapshot into the
// readouts. Shared machinery is in widget.js.
import { widgetKit, followReducedMotion, setReadout, setBadge, nudgeOnArrows } from "./widget.js";
import { t } from "./i18n.js";
import { landscapeControls, landscapeSettings, applyLandscape } from "./landscape.js";

const MAX_TABLE_ROWS = 500; // oldest rows drop off the per-step table beyond this

export function mountDescent(root, wasm, fail) {
  const canvas = root.querySelector("canvas");
  const handle = new wasm.Descent(canvas);
  const kit = widgetKit(root, handle, { fail, sync, canvases: () => [canvas] });
  const { $, control, act, now } = kit;
  const badge = $("[data-badge]");
  const rowsBody = $("[data-rows]");
  const w0Text = $("[data-w0-text]");
  let shownRows = 0;
  followReducedMotion(handle);
  const syncLandscape = landscapeControls(kit, handle, "descent.lede");

  function sync() {
    const s = handle.snapshot();
    for (const key of ["t", "w", "loss", "grad", "update"]) {
      setReadout($(`[data-readout="${key}"]`), s.text[key], s[key]);
    }
    root.dataset.state = s.state;
    root.dataset.diverging = String(s.diverging);
    const play = control("play");
    play.textContent = t(s.state === "running" ? "ui.pause" : "ui.play");
    play.setAttribute("aria-pressed", String(s.state === "running"));
    const stopped = s.state === "diverged" || s.state === "out-of-domain";
    play.disabled = stopped;
    control("step").disabled = stopped;

    if (s.state === "diverged") {
      setBadge(badge, "diverged", t("badge.diverged", { t: s.t }));
    } else if (s.state === "out-of-domain") {
      setBadge(badge, "diverged", t("badge.outside", { t: s.t }));
    } else if (s.diverging) {
      setBadge(badge, "diverging", t("badge.diverging"));
    } else {
      setBadge(badge, null);
    }

    const lrField = control("lr");
    if (document.activeElement !== lrField) lrField.value = String(s.lr);
    const slider = control("lr-slider");
    slider.value = String(s.lrSlider);
    slider.setAttribute("aria-valuetext", `η = ${s.lr}`);
    const w0 = control("w0");
    if (document.activeElement !== w0) w0.value = String(s.w0);
    w0Text.textContent = String(Math.round(s.w0 * 1000) / 1000);
    control("speed").value = String(s.speed);
    syncLandscape(s);
    syncRows(s.t);
  }

  function syncRows(t) {
    if (t < shownRows) {
      // Reset or step back: drop the rows past the current step.
      for (const tr of [...rowsBody.rows]) if (Number(tr.dataset.t) > t) tr.remove();
      shownRows = t;
    }
    if (t === shownRows) return;
    const fragment = document.createDocumentFragment();
    for (const row of handle.rowsAfter(shownRows)) {
      const tr = document.createElement("tr");
      tr.dataset.t = String(row.t);
      for (const text of [String(row.t), row.w, row.loss, row.grad]) {
        const td = document.createElement("td");
        td.textContent = text;
        tr.append(td);
      }
      fragment.append(tr);
    }
    rowsBody.append(fragment);
    shownRows = t;
    while (rowsBody.rows.length > MAX_TABLE_ROWS) rowsBody.rows[0].remove();
    const scroller = rowsBody.closest(".table-scroll");
    scroller.scrollTop = scroller.scrollHeight;
  }

  control("step").addEventListener("click", () => act(() => handle.step(now())));
  control("play").addEventListener("click", () => act(() => handle.togglePlay(now())));
  control("reset").addEventListener("click", () => act(() => handle.reset(now())));
  control("speed").addEventListener("change", (e) => act(() => handle.setSpeed(Number(e.target.value))));
  control("lr-slider").addEventListener("input", (e) => act(() => handle.setLrSlider(e.target.valueAsNumber)));
  nudgeOnArrows(control("lr-slider"), wasm, () => handle.snapshot().lr, (lr) => act(() => handle.setLr(lr)));
  control("lr").addEventListener("change", (e) => act(() => handle.setLr(e.target.valueAsNumber), e.target));
  control("w0").addEventListener("input", (e) => act(() => handle.setStart(e.target.valueAsNumber, now())));
  for (const preset of root.querySelectorAll("[data-preset]")) {
    preset.addEventListener("click", () => act(() => handle.setLr(Number(preset.dataset.preset))));
  }

  // Click or drag on the chart places the ball (pointer events: mouse, pen, touch).
  let dragging = false;
  const placeAt = (e) => act(() => handle.placeAt(e.offsetX, e.offsetY, now()));
  canvas.addEventListener("pointerdown", (e) => {
    dragging = true;
    canvas.setPointerCapture?.(e.pointerId);
    placeAt(e);
  });
  canvas.addEventListener("pointermove", (e) => dragging && placeAt(e));
  const endDrag = () => (dragging = false);
  canvas.addEventListener("pointerup", endDrag);
  canvas.addEventListener("pointercancel", endDrag);

  kit.sync();
  kit.requestFrame();

  return {
    name: "descent",
    root,
    kit,
    /** A film of the run from t = 0 to now for a GIF, drawn on `canvas`. */
    recordGif: (canvas) => handle.recordGif(canvas),
    /** The state worth a link: η, start, steps taken, speed. */
    settings() {
      const s = handle.snapshot();
      return { ...landscapeSettings(s), lr: s.lr, w0: s.w0, steps: s.t, speed: s.speed, autoplay: s.state === "running" ? 1 : null };
    },
    /** Applies settings read from a URL (already validated by the core). */
    apply(settings) {
      const at = now();
      act(() =>
        kit.each([
          () => settings.speed != null && handle.setSpeed(settings.speed),
          () => applyLandscape(handle, settings, at),
          () => settings.lr != null && handle.setLr(settings.lr),
          () => settings.w0 != null && handle.setStart(settings.w0, at),
          () => {
            for (let i = 0; i < (settings.steps ?? 0); i++) if (!handle.step(at)) break;
          },
          () => settings.autoplay && handle.togglePlay(at),
        ]),
      );
    },
    keys: {
      back: () => act(() => handle.back(now())),
      setLr: (lr) => act(() => handle.setLr(lr)),
      scaleLr: (factor) => act(() => handle.setLr(handle.snapshot().lr * factor)),
    },
  };
}
