// DOM glue for the backprop widget (data-widget="backprop"): Next / Play walk
// the phases, the graph and the loss chart are drawn by Rust, and a pending
// value is written as "…" with an empty data-value and data-pending="true".
import { widgetKit, setReadout, setBadge } from "./widget.js";
import { t } from "./i18n.js";

const READOUTS = {
  h: "h", y: "y", loss: "loss", dL_dy: "dlDy", dL_dw1: "dlDw1", dL_dw2: "dlDw2",
  w1: "w1", w2: "w2", new_y: "newY", new_loss: "newLoss", fd_w1: "fdW1", fd_w2: "fdW2",
};
const TRAIN_CYCLES = 10;

export function mountBackprop(root, wasm, fail) {
  const graph = root.querySelector("[data-graph]");
  const chart = root.querySelector("[data-chart]");
  const handle = new wasm.Backprop(graph, chart);
  const kit = widgetKit(root, handle, { fail, sync, canvases: () => [graph, chart] });
  const { $, control, act, now } = kit;

  function show(el, readout) {
    const pending = readout.value == null; // serde sends None as undefined
    setReadout(el, readout.text, pending ? "" : readout.value);
    if (pending) el.dataset.pending = "true";
    else delete el.dataset.pending;
  }

  function sync() {
    const s = handle.snapshot();
    root.dataset.state = s.state;
    root.dataset.diverging = String(s.diverging);
    setReadout($('[data-readout="phase"]'), t(`phase.${s.phase}`), s.phase);
    setReadout($('[data-readout="iteration"]'), String(s.iteration), s.iteration);
    $("[data-caption]").textContent = t(`bp.stage.${s.stage}`);
    $("[data-explain]").textContent = s.explain;
    for (const [hook, key] of Object.entries(READOUTS)) show($(`[data-readout="${hook}"]`), s[key]);
    for (const td of root.querySelectorAll("[data-copy]")) td.textContent = s[READOUTS[td.dataset.copy]].text;
    if (s.w1Before != null) $('[data-readout="w1"]').textContent = `${s.w1Before} → ${s.w1.text}`;
    if (s.w2Before != null) $('[data-readout="w2"]').textContent = `${s.w2Before} → ${s.w2.text}`;

    const play = control("play");
    play.textContent = t(s.state === "running" ? "ui.pause" : "ui.play");
    play.setAttribute("aria-pressed", String(s.state === "running"));
    for (const name of ["next", "play", "train"]) control(name).disabled = s.state === "diverged";
    const badge = $("[data-badge]");
    if (s.state === "diverged") setBadge(badge, "diverged", t("bp.badge.diverged"));
    else if (s.diverging) setBadge(badge, "diverging", t("bp.badge.diverging"));
    else setBadge(badge, null);
    control("speed").value = String(s.speed);
    for (const [name, value] of [["x", s.x.value], ["target", s.target.value], ["lr", s.lr], ["eps", s.eps]]) {
      const field = control(name);
      if (document.activeElement !== field && !field.hasAttribute("aria-invalid")) field.value = String(value);
    }
  }

  control("next").addEventListener("click", () => act(() => handle.next()));
  control("play").addEventListener("click", () => act(() => handle.togglePlay(now())));
  control("train").addEventListener("click", () => act(() => handle.train(TRAIN_CYCLES)));
  control("reset").addEventListener("click", () => act(() => handle.reset()));
  control("speed").addEventListener("change", (e) => act(() => handle.setSpeed(Number(e.target.value))));
  for (const name of ["x", "w1", "w2", "target"]) {
    control(name).addEventListener("change", (e) => act(() => handle.setValue(name, e.target.valueAsNumber), e.target));
  }
  control("lr").addEventListener("change", (e) => act(() => handle.setLr(e.target.valueAsNumber), e.target));
  control("eps").addEventListener("change", (e) => act(() => handle.setEps(e.target.valueAsNumber), e.target));

  kit.sync();
  kit.requestFrame();

  return {
    name: "backprop",
    /** A film for a GIF, drawn on `canvas`: the walk from the start to this stage. */
    recordGif: (canvas) => handle.recordGif(canvas),
    root,
    kit,
    settings() {
      const s = handle.snapshot();
      return { speed: s.speed, autoplay: s.state === "running" ? 1 : null };
    },
    apply(settings) {
      act(() => {
        if (settings.speed != null) handle.setSpeed(settings.speed);
        if (settings.autoplay) handle.togglePlay(now());
      });
    },
    keys: {
      back: () => act(() => handle.back()),
      setLr: (lr) => act(() => handle.setLr(lr)),
      scaleLr: (factor) => act(() => handle.setLr(handle.snapshot().lr * factor)),
    },
  };
}
