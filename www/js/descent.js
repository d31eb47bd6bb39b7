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
      setReadout($(`.readouts [data-readout="${key}"]`), s.text[key], s[key]);
    }
    syncStability(s);
    syncBalls(s);
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
    syncRows(s.balls[0].t);
  }

  // Under the readouts: the valley ball A is heading to and the η that is
  // stable there (with several balls each row says it), and any ball stuck
  // in a local minimum while a lower one is in view.
  function syncStability(s) {
    const line = $(".stability");
    const h = s.heading;
    const many = s.balls.length > 1;
    setReadout($(".stability [data-readout=curvature]"), s.text.curvature, s.curvature);
    line.querySelector(".curvature").hidden = many;
    let valley = "";
    if (!many) {
      if (!h) valley = t("stability.none");
      else if (h.threshold == null) valley = t("stability.flat", { wStar: h.text.wStar, curvature: h.text.curvature });
      else valley = t("stability.line", { wStar: h.text.wStar, threshold: h.text.threshold, lr: s.text.lr, mark: h.stable ? "✓" : "✗" });
    }
    const stuck = s.balls
      .filter((b) => b.heading?.lowest != null)
      .map((b) => t(many ? "stuck.ball" : "stuck", { name: b.name.toUpperCase(), loss: b.heading.text.lStar, lowest: b.heading.text.lowest }));
    setReadout($(".stability [data-readout=threshold]"), [valley, ...stuck].filter(Boolean).join(" · "), h?.threshold ?? "");
    line.dataset.stable = String(Boolean(h?.stable));
    line.dataset.stuck = String(stuck.length > 0);
    line.hidden = many && stuck.length === 0;
  }

  // Balls A, B, C: one row each while there are several.
  function syncBalls(s) {
    const many = s.balls.length > 1;
    $("[data-balls]").hidden = !many;
    $(".readouts").hidden = many;
    for (const row of root.querySelectorAll("[data-ball]")) {
      const b = s.balls.find((x) => x.name === row.dataset.ball);
      row.hidden = !b;
      if (!b) continue;
      const cell = (name) => row.querySelector(`[data-ball-readout="${name}"]`);
      for (const key of ["t", "w", "loss", "grad", "curvature"]) setReadout(cell(key), b.text[key], b[key]);
      setReadout(cell("w0"), String(Math.round(b.w0 * 1000) / 1000), b.w0);
      const h = b.heading;
      setReadout(cell("threshold"), h?.threshold != null ? `${h.text.threshold} ${h.stable ? "✓" : "✗"}` : "—", h?.threshold ?? "");
      row.dataset.health = b.health;
      const slider = control(`w0${row.dataset.ball}`, row);
      if (slider && document.activeElement !== slider) slider.value = String(b.w0);
    }
    const add = control("add-ball");
    add.disabled = s.balls.length >= 3;
    add.setAttribute("aria-pressed", String(s.adding));
    add.textContent = s.adding ? t("ball.placing", { name: "ABC"[s.balls.length] }) : t("ball.add");
    canvas.classList.toggle("placing", s.adding);
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

  // "+ Ball": with a pointer it arms placing (the next click on the chart puts
  // the ball there); from the keyboard it adds one at once, across the valley
  // from ball A, to be moved with its slider.
  control("add-ball").addEventListener("click", (e) => {
    const s = handle.snapshot();
    if (e.detail === 0 && !s.adding) {
      act(() => handle.addBall(handle.nextStart(), now()));
    } else {
      act(() => handle.setAdding(!s.adding));
    }
  });
  for (const b of ["b", "c"]) {
    const row = $(`[data-ball="${b}"]`);
    const i = "abc".indexOf(b);
    control(`w0${b}`, row).addEventListener("input", (e) => act(() => handle.setStartOf(i, e.target.valueAsNumber, now())));
    control("remove-ball", row).addEventListener("click", () => act(() => handle.removeBall(i, now())));
  }

  // Click or drag on the chart places a ball (pointer events: mouse, pen,
  // touch): the nearest one, or a new one while "+ Ball" is armed.
  let dragging = null; // the index of the ball being dragged
  canvas.addEventListener("pointerdown", (e) => {
    canvas.setPointerCapture?.(e.pointerId);
    act(() => (dragging = handle.grab(e.offsetX, e.offsetY, now())));
  });
  canvas.addEventListener("pointermove", (e) => dragging != null && act(() => handle.dragTo(dragging, e.offsetX, e.offsetY, now())));
  const endDrag = () => (dragging = null);
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
      const extra = s.balls.length !== s.defaultBalls ? s.balls.length : null;
      return { ...landscapeSettings(s), balls: extra, lr: s.lr, w0: s.w0, w0b: s.balls[1]?.w0 ?? null, w0c: s.balls[2]?.w0 ?? null, steps: s.t, speed: s.speed, autoplay: s.state === "running" ? 1 : null };
    },
    /** Applies settings read from a URL (already validated by the core). */
    apply(settings) {
      const at = now();
      act(() =>
        kit.each([
          () => settings.speed != null && handle.setSpeed(settings.speed),
          () => applyLandscape(handle, settings, at),
          () => settings.balls != null && handle.setBallCount(settings.balls, at),
          () => settings.lr != null && handle.setLr(settings.lr),
          () => settings.w0 != null && handle.setStart(settings.w0, at),
          () => settings.w0b != null && handle.setOrAdd(1, settings.w0b, at),
          () => settings.w0c != null && handle.setOrAdd(2, settings.w0c, at),
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
