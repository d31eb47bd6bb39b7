// DOM glue for the loss widgets (data-widget="loss"): drag a prediction or its
// slider and the MSE follows; drag the 好 bar or its slider and −ln p follows.
import { widgetKit, setReadout } from "./widget.js";

export function mountLoss(root, wasm, fail) {
  const mse = root.querySelector("[data-mse]");
  const ce = root.querySelector("[data-ce]");
  const handle = new wasm.Losses(mse, ce);
  // The MSE plot's box and data range, published for scripts and tests:
  // "left right top bottom x0 x1 y0 y1" (CSS pixels, then data units).
  const publishPlot = () => {
    const plot = handle.msePlot();
    if (plot) mse.dataset.plot = Array.from(plot, (v) => +v.toFixed(4)).join(" ");
  };
  const kit = widgetKit(root, handle, { fail, sync, canvases: () => [mse, ce], afterDraw: publishPlot });
  const { $, control, act } = kit;
  const rows = $("[data-samples]").rows;

  function sync() {
    const s = handle.snapshot();
    setReadout($('[data-readout="mse"]'), s.mseText, s.mse);
    setReadout($('[data-readout="ce"]'), s.ceText, s.ce);
    s.samples.forEach((sample, i) => {
      const [prediction, error, square] = sample.text;
      const cells = rows[i].cells;
      cells[1].textContent = prediction;
      cells[3].textContent = error;
      cells[4].textContent = square;
      const slider = control(`pred-${i}`);
      if (document.activeElement !== slider) slider.value = String(sample.prediction);
    });
    const p = control("p-right");
    if (document.activeElement !== p) p.value = String(s.pRight);
    p.setAttribute("aria-valuetext", `p = ${s.pRight.toFixed(3)}, loss ${s.ceText}`);
  }

  for (let i = 0; i < 4; i++) {
    control(`pred-${i}`).addEventListener("input", (e) => act(() => handle.setPrediction(i, e.target.valueAsNumber)));
  }
  control("p-right").addEventListener("input", (e) => act(() => handle.setPRight(e.target.valueAsNumber)));

  // Drag on either chart (pointer events: mouse, pen, touch).
  for (const [canvas, drag] of [[mse, (e) => handle.dragMse(e.offsetX, e.offsetY)], [ce, (e) => handle.dragCe(e.offsetX, e.offsetY)]]) {
    let dragging = false;
    canvas.addEventListener("pointerdown", (e) => {
      dragging = true;
      canvas.setPointerCapture?.(e.pointerId);
      act(() => drag(e));
    });
    canvas.addEventListener("pointermove", (e) => dragging && act(() => drag(e)));
    canvas.addEventListener("pointerup", () => (dragging = false));
    canvas.addEventListener("pointercancel", () => (dragging = false));
  }

  kit.sync();
  kit.requestFrame();

  return { name: "loss", root, kit, settings: () => ({}), apply() {}, keys: {} };
}
