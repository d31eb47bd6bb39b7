// DOM glue for the microgpt widget (data-widget="microgpt"). Training runs on
// the main thread in slices of a few milliseconds per animation frame, so the
// page never freezes and the other widgets keep animating.
import { widgetKit, setReadout, setBadge } from "./widget.js";
import { t } from "./i18n.js";
import { unfront, decodeText } from "./corpus.js";

// The built-in names, front-coded (see corpus.js), beside index.html.
const BUILTIN = "data/first-names.pfx.txt";

const SLICE_MS = 8; // training time per frame, at most
const MIN_SLICE_MS = 1.5; // … and at least, however slow the device
const FRAME_MS = 1000 / 60; // the frame interval training should keep
const STEPS_PER_CALL = 4; // steps per call into wasm inside a slice
const MAX_FILE_BYTES = 8 * 1024 * 1024;

export function mountMicrogpt(root, wasm, fail) {
  const chart = root.querySelector("[data-chart]");
  const handle = new wasm.Microgpt(chart);
  const kit = widgetKit(root, handle, { fail, sync, canvases: () => [chart] });
  const { $, control, act, guard } = kit;
  let corpusLabel = () => "…";
  let training = false;

  function show(hook, text, value) {
    const el = $(`[data-readout="${hook}"]`);
    setReadout(el, text, value ?? "");
    if (value == null) el.dataset.pending = "true";
    else delete el.dataset.pending;
  }

  function sync() {
    const s = handle.snapshot();
    root.dataset.state = s.state;
    show("step", String(s.step), s.step);
    show("loss", s.lossText, s.loss);
    show("loss_ema", s.lossEmaText, s.lossEma);
    show("ms_per_step", s.msPerStep == null ? "…" : s.msPerStep.toFixed(3), s.msPerStep);
    show("params", s.params.toLocaleString("en-US"), s.params);
    const train = control("train");
    train.textContent = t({ training: "gpt.training", paused: "gpt.resume", done: "gpt.again", diverged: "gpt.again" }[s.state] ?? "gpt.train");
    root.dataset.diverging = String(s.diverging);
    if (s.state === "diverged") setBadge($("[data-badge]"), "diverged", t("gpt.badge.diverged", { t: s.divergedAt }));
    else if (s.diverging) setBadge($("[data-badge]"), "diverging", t("gpt.badge.diverging"));
    else setBadge($("[data-badge]"), null);
    const bar = $("[data-progress]");
    bar.setAttribute("aria-valuemax", String(s.numSteps));
    bar.setAttribute("aria-valuenow", String(s.step));
    bar.firstElementChild.style.width = `${(100 * s.step) / s.numSteps}%`;
    $("[data-corpus]").textContent = corpusLabel(s);
    const previews = $("[data-previews]");
    if (previews.children.length !== s.previews.length) {
      previews.replaceChildren(
        ...s.previews.map((p) => {
          const li = document.createElement("li");
          li.textContent = `${t("gpt.after", { step: p.step })} ${p.names.filter(Boolean).join(", ")}`;
          return li;
        }),
      );
    }
    $("[data-samples]").textContent = s.samples.length ? `${t("gpt.final", { step: s.step })} ${s.samples.join(", ")}` : "";
    for (const [name, value] of [["lr", s.lr], ["steps", s.numSteps], ["seed", s.seed], ["temperature", s.temperature]]) {
      const field = control(name);
      if (document.activeElement !== field && !field.hasAttribute("aria-invalid")) field.value = String(value);
    }
    control("optimizer").value = s.optimizer;
    if (s.state === "training" && !training) startSlices();
  }

  // Training slices: as many steps as fit in the slice, then let the page
  // breathe. The slice adapts to the device: when frames come later than one
  // display frame (a phone, drawing and the rest of the page taking their
  // share), it shrinks; when they are on time, it grows back to SLICE_MS.
  let sliceMs = SLICE_MS;
  let lastFrame = 0;
  function startSlices() {
    training = true;
    lastFrame = 0;
    requestAnimationFrame(slice);
  }
  function slice(frameTime) {
    if (root.dataset.state === "failed") return;
    if (lastFrame) {
      const late = frameTime - lastFrame > FRAME_MS * 1.2;
      sliceMs = late ? Math.max(MIN_SLICE_MS, sliceMs * 0.7) : Math.min(SLICE_MS, sliceMs + 0.25);
    }
    lastFrame = frameTime;
    let steps = 0;
    const t0 = performance.now();
    const ok = guard(() => {
      let n;
      do {
        n = handle.train(STEPS_PER_CALL);
        steps += n;
      } while (n > 0 && performance.now() - t0 < sliceMs);
    });
    if (ok && steps > 0) handle.recordTiming(performance.now() - t0, steps);
    kit.sync();
    kit.requestFrame();
    // sync() just wrote the state: no second snapshot for it.
    if (ok && root.dataset.state === "training") requestAnimationFrame(slice);
    else training = false;
  }

  async function loadText(text, label) {
    act(() => handle.loadCorpus(text, label));
  }
  async function loadBuiltin() {
    try {
      const response = await fetch(new URL(`../${BUILTIN}`, import.meta.url));
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const names = unfront(await response.text());
      corpusLabel = () => t("gpt.builtin.name", { n: names.length.toLocaleString("en-US") });
      await loadText(names.join("\n"), "builtin");
    } catch (e) {
      kit.showNotice(`The built-in names could not be loaded (${e.message}).`);
    }
  }
  async function loadFile(file) {
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      kit.showNotice(t("gpt.toolarge"));
      return;
    }
    // Strictly decoded: file.text() would turn GBK bytes into U+FFFD.
    const decoded = decodeText(new Uint8Array(await file.arrayBuffer()));
    if (!decoded) {
      kit.showNotice(t("gpt.undecodable"));
      return;
    }
    const { text, encoding } = decoded;
    const lines = text.split("\n").filter((l) => l.trim()).length;
    const before = corpusLabel;
    const key = { "utf-8": "gpt.file.name", gb18030: "gpt.file.gb18030" }[encoding] ?? "gpt.file.windows1252";
    corpusLabel = () => t(key, { name: file.name, n: lines.toLocaleString("en-US") });
    act(() => {
      try {
        handle.loadCorpus(text, file.name);
      } catch (e) {
        corpusLabel = before; // a refused file keeps the corpus it had
        throw e;
      }
    });
  }

  control("train").addEventListener("click", () => act(() => handle.toggleTrain()));
  control("reset").addEventListener("click", () => act(() => handle.reset()));
  control("compare").addEventListener("click", () => act(() => handle.keepForComparison()));
  control("builtin").addEventListener("click", loadBuiltin);
  control("file").addEventListener("change", (e) => loadFile(e.target.files[0]));
  control("optimizer").addEventListener("change", (e) => act(() => handle.setOptimizer(e.target.value)));
  for (const [name, set] of [
    ["lr", (v) => handle.setLr(v)],
    ["steps", (v) => handle.setSteps(v)],
    ["seed", (v) => handle.setSeed(v)],
    ["temperature", (v) => handle.setTemperature(v)],
  ]) {
    control(name).addEventListener("change", (e) => act(() => set(e.target.valueAsNumber), e.target));
  }
  root.addEventListener("dragover", (e) => e.preventDefault());
  root.addEventListener("drop", (e) => {
    e.preventDefault();
    loadFile(e.dataTransfer?.files?.[0]);
  });

  kit.sync();
  kit.requestFrame();
  loadBuiltin();

  return {
    name: "microgpt",
    /** A film for a GIF, drawn on `canvas`: the loss curves growing from step 0. */
    recordGif: (canvas) => handle.recordGif(canvas),
    root,
    kit,
    settings: () => ({}),
    apply() {},
    keys: {},
  };
}
