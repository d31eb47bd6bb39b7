// DOM glue for the descent widget (data-widget="descent"). The Rust handle owns
// all state; this file turns events into calls, runs the animation loop and
// copies the snapshot into the readouts.

const MAX_TABLE_ROWS = 500; // oldest rows drop off the per-step table beyond this

export function mountDescent(root, wasm, fail) {
  const $ = (selector) => root.querySelector(selector);
  const control = (name) => $(`[data-control="${name}"]`);
  const canvas = $("canvas");
  const notice = $("[data-notice]");
  const badge = $("[data-badge]");
  const rowsBody = $("[data-rows]");
  const w0Text = $("[data-w0-text]");
  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

  const handle = new wasm.Descent(canvas);
  handle.setReducedMotion(reducedMotion.matches);
  reducedMotion.addEventListener("change", (e) => handle.setReducedMotion(e.matches));

  let frameRequested = false;
  let shownRows = 0;

  // Every call into Rust goes through here: a rejected input becomes a notice
  // on the page; anything else (a panic surfaces as a RuntimeError) is fatal.
  // Returns whether the call succeeded.
  function guard(action) {
    try {
      action();
      return true;
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) {
        fail(e.message);
      } else {
        showNotice(e.message ?? String(e));
      }
      return false;
    }
  }

  function showNotice(text) {
    notice.textContent = text;
    notice.hidden = false;
  }

  function hideNotice() {
    notice.hidden = true;
    control("lr").removeAttribute("aria-invalid");
  }

  function sync() {
    const s = handle.snapshot();
    for (const key of ["t", "w", "loss", "grad", "update"]) {
      const el = $(`[data-readout="${key}"]`);
      el.textContent = s.text[key];
      el.dataset.value = String(s[key]);
    }
    root.dataset.state = s.state;
    root.dataset.diverging = String(s.diverging);
    const play = control("play");
    play.textContent = s.state === "running" ? "Pause" : "Play";
    play.setAttribute("aria-pressed", String(s.state === "running"));
    play.disabled = s.state === "diverged";
    control("step").disabled = s.state === "diverged";

    if (s.state === "diverged") {
      badge.textContent = `Diverged at step ${s.t}: the next step would overflow. Lower η and press Reset.`;
      badge.className = "badge diverged";
      badge.hidden = false;
    } else if (s.diverging) {
      badge.textContent = "Diverging: the loss grew 3 steps in a row.";
      badge.className = "badge diverging";
      badge.hidden = false;
    } else {
      badge.hidden = true;
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

  // Keep the canvas's backing store at CSS size × devicePixelRatio (sharp on HiDPI).
  function fitCanvas() {
    const dpr = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(canvas.clientWidth * dpr));
    const height = Math.max(1, Math.round(canvas.clientHeight * dpr));
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    return dpr;
  }

  function frame(now) {
    frameRequested = false;
    if (root.dataset.state === "failed") return;
    guard(() => {
      if (handle.tick(now)) sync();
      handle.draw(now, fitCanvas());
    });
    if (handle.animating(now)) requestFrame();
  }

  function requestFrame() {
    if (!frameRequested) {
      frameRequested = true;
      requestAnimationFrame(frame);
    }
  }

  // Input → core state → snapshot → draw.
  function act(action) {
    if (root.dataset.state === "failed") return;
    if (guard(action)) hideNotice();
    guard(sync);
    requestFrame();
  }

  control("step").addEventListener("click", () => act(() => handle.step(performance.now())));
  control("play").addEventListener("click", () => act(() => handle.togglePlay(performance.now())));
  control("reset").addEventListener("click", () => act(() => handle.reset(performance.now())));
  control("speed").addEventListener("change", (e) => act(() => handle.setSpeed(Number(e.target.value))));
  control("lr-slider").addEventListener("input", (e) => act(() => handle.setLrSlider(e.target.valueAsNumber)));
  control("lr").addEventListener("change", (e) => {
    act(() => handle.setLr(e.target.valueAsNumber));
    if (!notice.hidden) e.target.setAttribute("aria-invalid", "true");
  });
  control("w0").addEventListener("input", (e) =>
    act(() => handle.setStart(e.target.valueAsNumber, performance.now())),
  );
  for (const preset of root.querySelectorAll("[data-preset]")) {
    preset.addEventListener("click", () => act(() => handle.setLr(Number(preset.dataset.preset))));
  }

  // Click or drag on the chart places the ball (pointer events: mouse, pen, touch).
  let dragging = false;
  const placeAt = (e) => act(() => handle.placeAt(e.offsetX, e.offsetY, performance.now()));
  canvas.addEventListener("pointerdown", (e) => {
    dragging = true;
    canvas.setPointerCapture(e.pointerId);
    placeAt(e);
  });
  canvas.addEventListener("pointermove", (e) => dragging && placeAt(e));
  const endDrag = () => (dragging = false);
  canvas.addEventListener("pointerup", endDrag);
  canvas.addEventListener("pointercancel", endDrag);

  new ResizeObserver(requestFrame).observe(canvas);
  guard(sync);
  requestFrame();
  return handle;
}
