// Entry point: loads the wasm module, then mounts every widget on the page.
// If the module cannot load, or the Rust side panics, each widget is replaced
// by a readable message instead of a blank canvas.
import init, * as wasm from "../downhill.js";
import { mountBackprop } from "./backprop.js";
import { mountDescent } from "./descent.js";
import { mountLoss } from "./loss.js";
import { mountLrCompare } from "./lr-compare.js";
import { mountMicrogpt } from "./microgpt.js";
import { mountOptimizers } from "./optimizers.js";
import { prepare, start as startPage } from "./page.js";
import { addExport } from "./export.js";

const MOUNTS = {
  descent: mountDescent,
  "lr-compare": mountLrCompare,
  backprop: mountBackprop,
  loss: mountLoss,
  microgpt: mountMicrogpt,
  optimizers: mountOptimizers,
};

function fail(reason) {
  for (const root of document.querySelectorAll("[data-widget]")) {
    if (root.dataset.state === "failed") continue;
    root.dataset.state = "failed";
    const message = document.createElement("p");
    message.className = "fatal";
    message.setAttribute("role", "alert");
    message.textContent =
      "This widget stopped working and cannot draw. Reload the page to try again. " +
      `(Details for the curious: ${reason})`;
    root.replaceChildren(message);
  }
}

// Raised by the Rust panic hook (crate/src/bindings.rs) before the module aborts.
window.addEventListener("downhill-panic", (e) => fail(e.detail));

async function start() {
  try {
    await init({ module_or_path: new URL("../downhill_bg.wasm", import.meta.url) });
  } catch (e) {
    fail(`the WebAssembly module did not load: ${e.message ?? e}`);
    return;
  }
  const page = prepare(wasm);
  const controllers = [];
  for (const root of document.querySelectorAll("[data-widget]")) {
    const mount = MOUNTS[root.dataset.widget];
    if (mount) controllers.push(mount(root, wasm, fail));
  }
  for (const c of controllers) addExport(c);
  startPage(wasm, page, controllers);
  document.documentElement.dataset.ready = "true";
}

start();
