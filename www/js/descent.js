// DOM glue for the descent widget (data-widget="descent"). The Rust handle owns
// all state; this file turns events into calls and copies the snapshot into the
// readouts. Shared machinery is in widget.js.
import { widgetKit, followReducedMotion, setReadout, setBadge, nudgeOnArrows } from "./widget.js";

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

  function sync() {
    const s = handle.snapshot();
    for (const key of ["t", "w", "loss", "grad", "update"]) {
      setReadout($(`[data-readout="${key}"]`), s.text[key], s[key]);
    }
    root.dataset.state = s.state;
    root.dataset.diverging = String(s.diverging);
    const play = control("play");
    play.textContent = s.state === "running" ? "Pause" : "Play";
    play.setAttribute("aria-pressed", String(s.state === "running"));
    play.disabled = s.state === "diverged";
    control("step").disabled = s.state === "diverged";

    if (s.state === "diverged") {
      setBadge(badge, "diverged", `Diverged at step ${s.t}: the next step would overflow. Lower η and press Reset.`);
    } else if (s.diverging) {
      setBadge(badge, "diverging", "Diverging: the loss grew 3 steps in a row.");
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
    canvas.setPointerCapture(e.pointerId);
    placeAt(e);
  });
  canvas.addEventListener("pointermove", (e) => dragging && placeAt(e));
  const endDrag = () => (dragging = false);
  canvas.addEventListener("pointerup", endDrag);
  canvas.addEventListener("pointercancel", endDrag);

  kit.guard(sync);
  kit.requestFrame();
  return handle;
}
