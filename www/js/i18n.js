// 中文 / English for the page. Static text is marked in index.html with
// data-i18n="key" (and data-i18n-label="key" for aria-label); its English is
// the HTML itself, its Chinese is below. Dynamic text (badges, buttons that
// change) has both languages here. The Rust side translates canvas labels and
// error messages itself (crate/src/i18n.rs).

const ZH = {
  "page.tagline": "AI 怎么学习：小球顺着损失往下滚，一次一步梯度下降。",
  "page.present": "演示模式",
  "page.copy": "复制链接",
  "page.keys": "快捷键 ?",
  "loss.title": "第一章 · 损失函数是什么",
  "loss.lede": "损失函数把“错了多少”变成一个数字：越大越糟，0 是满分。",
  "loss.mse": "均方误差",
  "loss.mse.canvas": "四个预测值、它们的目标值，以及每个误差画成的正方形（面积 = 误差²）。可拖动预测值。",
  "loss.predictions": "预测值",
  "loss.prediction": "预测",
  "loss.target": "目标",
  "loss.sample": "样本",
  "loss.error": "误差",
  "loss.square": "误差²",
  "loss.mse.is": "MSE = 误差平方的平均 =",
  "loss.ce": "交叉熵：",
  "loss.ce.canvas": "模型对下一个字的概率，以及正确答案“好”的损失 −ln p。可拖动“好”的柱子。",
  "loss.pright": "p(好)：模型给正确答案的概率",
  "loss.ce.is": "损失 = −ln p(好) =",
  "loss.note": "完美预测（p = 1）的损失是 0。在 26 个字母里均匀瞎猜，损失是 ln 26 ≈ 3.26——这是原文对 microgpt 初始损失的说法；microgpt 其实有 27 个符号（26 个字母加一个结束符），所以它未训练时的损失约为 ln 27 ≈ 3.30。",
  "descent.title": "第二章 · 蒙眼下山：小球滚下山谷",
  "descent.lede": "损失 L(w) = (w − 3)² + 1，在 w = 3 处最小。每一步：w ← w − η · L′(w)。",
  "descent.canvas": "损失曲线和当前 w 处的小球。点击或拖动可放置小球。",
  "descent.run": "运行",
  "descent.table": "每一步",
  "ui.step": "单步",
  "ui.play": "播放",
  "ui.reset": "重置",
  "ui.speed": "速度",
  "ui.lr": "学习率",
  "ui.lr.name": "学习率 η",
  "ui.exact": "精确 η",
  "ui.presets": "预设",
  "ui.start": "起点",
  "ui.landscape": "地形",
  "land.bowl": "山谷（原文）",
  "land.double-well": "双谷",
  "land.bumpy": "起伏",
  "land.post-gif": "原文动图的曲线",
  "land.cliff": "悬崖",
  "land.formula": "自己输入 L(w)……",
  "ui.formula": "你的 L(w) =（按回车）",
  "ui.start.name": "起点 w₀ =",
  "ui.curvature": "曲率",
  "ball.ball": "小球",
  "ball.start": "起点 w₀",
  "ball.remove": "移除",
  "ball.start.b": "小球 B 的起点",
  "ball.start.c": "小球 C 的起点",
  "ball.remove.b": "移除小球 B",
  "ball.remove.c": "移除小球 C",
  "ui.steps": "步数",
  "ui.loss": "损失",
  "ui.gradient": "梯度",
  "ui.update": "更新量",
  "lab.title": "第三章 · 学习率的艺术：三个学习率，三种命运",
  "lab.lede": "同一个山谷、同一个起点，三个学习率共用一个时钟：原文的太小（0.03）、刚好（0.3）和太大（1.5）。拖动 η，看它的判定如何变化。每一步把到最低点的距离乘以 1 − η·L″ = 1 − 2η。",
  "lab.clock": "共用时钟",
  "lab.step": "全部单步",
  "lab.allruns": "（所有运行）",
  "lab.of20": "（原文为 20 步）",
  "lab.canvas": "该学习率下损失曲线上的小球",
  "lab.factor": "收缩因子 |1 − η·L″| =",
  "lab.lr": "η（对数刻度）",
  "lab.legend": "η 滑块上的颜色：",
  "lab.creeps": "慢慢爬向最低点",
  "lab.onestep": "一步到位（η = 0.5）",
  "lab.oscillates": "来回振荡但收敛",
  "lab.bounces": "永远来回弹跳（η = 1）",
  "lab.diverges": "发散",
  "lab.chart": "每一步的损失（三个运行）",
  "lab.results": "当前步之后的结果，格式同原文",
  "lab.run": "运行",
  "lab.verdict": "判定",
  "bp.title": "第四章 · 反向传播，一步一步来",
  "bp.lede": "原文的网络 x → [×w1] → h → [×w2] → y → L = (y − target)²。按“下一步”依次走过前向传播、损失、反向传播和参数更新。尚未计算的梯度显示为“…”，绝不显示为 0。",
  "bp.phases": "阶段",
  "bp.next": "下一步",
  "bp.train": "+10 轮",
  "bp.phase": "阶段",
  "bp.cycle": "轮次",
  "bp.canvas": "计算图：数值、梯度和局部导数",
  "bp.inputs": "输入",
  "bp.target": "目标值",
  "bp.eps": "有限差分 ε",
  "bp.newy": "新的",
  "bp.newloss": "新的损失",
  "bp.check": "验证：链式法则与中心有限差分 (L(w+ε) − L(w−ε)) / 2ε 的比较",
  "bp.backprop": "反向传播",
  "bp.fd": "有限差分",
  "bp.chart": "每次迭代的损失",
  "gpt.title": "第五章 · microgpt：在你的浏览器里真正训练",
  "gpt.lede": "原文的实验五用公式模拟了一条训练曲线。这里是真的：Karpathy 的 microgpt（4,192 个参数，一层 Transformer）学习编造名字，1,000 步，每步一个名字。",
  "gpt.run": "训练",
  "gpt.compare": "保留用于对比",
  "gpt.optimizer": "优化器",
  "gpt.steps": "步数",
  "gpt.seed": "随机种子",
  "gpt.temperature": "温度",
  "gpt.corpus": "语料",
  "gpt.corpus.is": "训练语料：",
  "gpt.file": "你自己的文本文件（每行一个名字或单词），也可以拖到这里",
  "gpt.builtin": "内置名字",
  "gpt.canvas": "每一步的训练损失、它的滑动平均，以及均匀猜测的损失",
  "gpt.ema": "平滑后的损失",
  "gpt.ms": "每步毫秒",
  "gpt.params": "参数量",
  "gpt.baseline": "红线是在 27 个符号（26 个字母加结束符）里均匀猜测的损失：ln 27 ≈ 3.30。原文的“ln 26 ≈ 3.26”只算了字母。",
  "gpt.names": "它编出来的名字",
  "help.title": "快捷键",
  "help.which": "按键作用于你最近使用的组件（或屏幕上的那个）。",
  "help.play": "播放 / 暂停",
  "help.step": "前进一步（翻页笔发送 PageDown）",
  "help.back": "后退一步",
  "help.reset": "重置",
  "help.presets": "η = 0.03 / 0.1 / 0.3 / 1.5",
  "help.halve": "η 减半 / 加倍",
  "help.speed": "加快 / 减慢",
  "help.present": "演示模式（全屏、大字）",
  "help.help": "显示本帮助",
  "help.close": "关闭",
};

// Text that changes with state: both languages.
const DYNAMIC = {
  "page.lang": { en: "中文", zh: "English" },
  "page.dark": { en: "Dark", zh: "深色" },
  "page.light": { en: "Light", zh: "浅色" },
  "page.exit": { en: "Exit presenter", zh: "退出演示" },
  "page.copied": { en: "Link copied.", zh: "链接已复制。" },
  "page.copyfail": { en: "Copy this link:", zh: "请复制此链接：" },
  "ui.pause": { en: "Pause", zh: "暂停" },
  "ui.play": { en: "Play", zh: "播放" },
  "badge.diverging": { en: "Diverging: the loss grew 3 steps in a row.", zh: "发散中：损失已连续 3 步上升。" },
  "badge.diverged": {
    en: "Diverged at step {t}: the next step would overflow. Lower η and press Reset.",
    zh: "已发散（第 {t} 步）：再走一步就会溢出。请调小 η 并按重置。",
  },
  "ball.add": { en: "+ Ball", zh: "+ 小球" },
  "ball.placing": { en: "Click the chart to place ball {name}", zh: "点击图表放下小球 {name}" },
  "stability.line": {
    en: "valley w* = {wStar} is stable for η < 2/L″(w*) = {threshold} (η = {lr} {mark})",
    zh: "山谷 w* = {wStar} 在 η < 2/L″(w*) = {threshold} 时稳定（η = {lr} {mark}）",
  },
  "stability.flat": {
    en: "valley w* = {wStar} has L″(w*) = {curvature}: no first-order limit on η there",
    zh: "山谷 w* = {wStar} 处 L″(w*) = {curvature}：一阶近似下 η 没有上限",
  },
  "stability.none": { en: "no valley ahead in view", zh: "视野内前方没有山谷" },
  "stuck": {
    en: "Stuck in a local minimum, L = {loss}; the lowest in view is L = {lowest}.",
    zh: "困在局部最小值，L = {loss}；视野内最低处是 L = {lowest}。",
  },
  "stuck.ball": {
    en: "Ball {name} is stuck in a local minimum, L = {loss}; the lowest in view is L = {lowest}.",
    zh: "小球 {name} 困在局部最小值，L = {loss}；视野内最低处是 L = {lowest}。",
  },
  "badge.outside": {
    en: "Stopped at step {t}: the next step would leave the domain of L (it is not defined there). Lower η, move the start or press Reset.",
    zh: "已停止（第 {t} 步）：再走一步就会离开 L 的定义域（那里没有定义）。请调小 η、移动起点或按重置。",
  },
  "lab.badge.outside": { en: "Stopped at step {t}: the next step would leave the domain of L.", zh: "已停止（第 {t} 步）：再走一步就会离开 L 的定义域。" },
  "descent.lede.other": {
    en: "The loss {formula}. Where the ball starts decides which valley it reaches. Each step: w ← w − η · L′(w).",
    zh: "损失 {formula}。小球从哪里出发，决定它落进哪个山谷。每一步：w ← w − η · L′(w)。",
  },
  "lab.lede.other": {
    en: "The same landscape, {formula}, and the same start, three learning rates on one clock. Drag an η and watch its verdict change: each verdict is judged against the valley that run is heading to, where a step multiplies the distance to the minimum by about 1 − η·L″.",
    zh: "同一个地形 {formula}、同一个起点，三个学习率共用一个时钟。拖动 η，看它的结论怎么变：每个结论都以该次运行正奔向的那个山谷为准，在那里每一步大约把到最低点的距离乘以 1 − η·L″。",
  },
  "export.label": { en: "Save the picture", zh: "保存图片" },
  "export.png.title": { en: "Save the picture as it is now (PNG)", zh: "把当前画面存为 PNG" },
  "export.gif.title": { en: "Save the run from step 0 to now as an animation (GIF)", zh: "把从第 0 步到现在的过程存为动图（GIF）" },
  "export.gif.none": { en: "This widget has no run to animate: save a PNG", zh: "这个组件没有可播放的过程：请存为 PNG" },
  "export.making": { en: "Making the GIF… {p}%", zh: "正在生成 GIF…… {p}%" },
  "export.ready": { en: "{name} is ready.", zh: "{name} 已生成。" },
  "export.failed": { en: "The picture could not be made: {why}", zh: "图片生成失败：{why}" },
  "export.download": { en: "Download {name} ({kb} KB)", zh: "下载 {name}（{kb} KB）" },
  "export.hint": { en: "or right-click / long-press the picture to save it.", zh: "也可右键或长按图片保存。" },
  "export.alt": { en: "The exported picture {name}", zh: "导出的图片 {name}" },
  "export.nocanvas": { en: "the canvas could not be read", zh: "无法读取画布" },
  "export.cancel": { en: "Cancel", zh: "取消" },
  "export.cancel.title": { en: "Stop making the GIF", zh: "停止生成 GIF" },
  "export.cancelled": { en: "The GIF was cancelled.", zh: "已取消生成 GIF。" },
  "export.progress": { en: "Making the GIF", zh: "正在生成 GIF" },
  "lab.badge.diverging": { en: "Diverging: the loss keeps growing.", zh: "发散中：损失不断增大。" },
  "lab.badge.diverged": { en: "Diverged at step {t}: stopped before overflowing.", zh: "已发散（第 {t} 步）：在溢出前停止。" },
  "lab.shrinks": { en: "shrinks the gap each step", zh: "每步缩小差距" },
  "lab.keeps": { en: "keeps the gap: bounces", zh: "差距不变：来回弹跳" },
  "lab.grows": { en: "grows the gap each step", zh: "每步扩大差距" },
  "lab.log": { en: "Log scale", zh: "对数刻度" },
  "lab.linear": { en: "Linear scale", zh: "线性刻度" },
  "bp.badge.diverging": { en: "Diverging: the loss grew 3 cycles in a row.", zh: "发散中：损失已连续 3 轮上升。" },
  "bp.badge.diverged": { en: "Diverged: the next update would overflow. Lower η and press Reset.", zh: "已发散：下一次更新会溢出。请调小 η 并按重置。" },
  "embed.about": { en: "About this", zh: "说明" },
  "embed.note": { en: "A note", zh: "注" },
  "embed.legend": { en: "What the slider colours mean", zh: "滑块颜色的含义" },
  "embed.results": { en: "The post's table, for the current step", zh: "当前步的结果表（同原文）" },
  "embed.inputs": { en: "Inputs: x, w1, w2, target, η, ε", zh: "输入：x、w1、w2、目标、η、ε" },
  "embed.readouts": { en: "Every number", zh: "全部数值" },
  "embed.check": { en: "Check against finite differences", zh: "与有限差分对照" },
  "embed.corpus": { en: "Training text: built-in names or your own file", zh: "训练文本：内置名字或你自己的文件" },
  "embed.previews": { en: "Names during training", zh: "训练过程中的名字" },
  "gpt.badge.diverging": {
    en: "Diverging: the smoothed loss keeps rising, far above a uniform guess.",
    zh: "发散中：平滑后的损失持续上升，远高于均匀猜测。",
  },
  "gpt.badge.diverged": {
    en: "Diverged at step {t}: that step would have made the loss or a weight infinite, so training stopped. Lower η and press Reset.",
    zh: "已发散（第 {t} 步）：这一步会让损失或某个权重变成无穷大，训练已停止。请调小 η 并按重置。",
  },
  "gpt.train": { en: "Train", zh: "训练" },
  "gpt.training": { en: "Pause", zh: "暂停" },
  "gpt.resume": { en: "Resume", zh: "继续" },
  "gpt.again": { en: "Train again", zh: "再训练一次" },
  "gpt.after": { en: "after {step} steps:", zh: "训练 {step} 步后：" },
  "gpt.final": { en: "After {step} steps, 20 names:", zh: "训练 {step} 步后的 20 个名字：" },
  "gpt.builtin.name": { en: "{n} English first names (built in)", zh: "{n} 个英文名（内置）" },
  "gpt.file.name": { en: "{name} ({n} lines)", zh: "{name}（{n} 行）" },
  "gpt.file.windows1252": { en: "{name} ({n} lines, read as Western windows-1252: it is not UTF-8)", zh: "{name}（{n} 行，按西文 windows-1252 编码读取：它不是 UTF-8）" },
  "gpt.file.gb18030": { en: "{name} ({n} lines, read as GB18030: it is not UTF-8)", zh: "{name}（{n} 行，按 GB18030 编码读取：它不是 UTF-8）" },
  "gpt.undecodable": {
    en: "This file is neither UTF-8 nor GB18030 text, so it was not loaded. Save it as UTF-8 and try again.",
    zh: "这个文件既不是 UTF-8 也不是 GB18030 编码的文本，未载入。请另存为 UTF-8 再试。",
  },
  "gpt.toolarge": { en: "That file is too large (over 8 MB).", zh: "文件太大（超过 8 MB）。" },
  "phase.ready": { en: "ready", zh: "准备" },
  "phase.forward": { en: "forward", zh: "前向传播" },
  "phase.loss": { en: "loss", zh: "损失" },
  "phase.backward": { en: "backward", zh: "反向传播" },
  "phase.update": { en: "update", zh: "更新" },
  "bp.stage.0": {
    en: "Ready: x, w1, w2 and the target are known. Press Next to run the forward pass.",
    zh: "准备：x、w1、w2 和目标值已知。按“下一步”开始前向传播。",
  },
  "bp.stage.1": { en: "Forward: h = x × w1", zh: "前向传播：h = x × w1" },
  "bp.stage.2": { en: "Forward: y = h × w2", zh: "前向传播：y = h × w2" },
  "bp.stage.3": { en: "Loss: L = (y − target)²", zh: "损失：L = (y − target)²" },
  "bp.stage.4": { en: "Backward: ∂L/∂y = 2(y − target)", zh: "反向传播：∂L/∂y = 2(y − target)" },
  "bp.stage.5": { en: "Backward: ∂L/∂w2 = ∂L/∂y × h", zh: "反向传播：∂L/∂w2 = ∂L/∂y × h" },
  "bp.stage.6": { en: "Backward: ∂L/∂h = ∂L/∂y × w2", zh: "反向传播：∂L/∂h = ∂L/∂y × w2" },
  "bp.stage.7": { en: "Backward: ∂L/∂w1 = ∂L/∂y × w2 × x", zh: "反向传播：∂L/∂w1 = ∂L/∂y × w2 × x" },
  "bp.stage.8": { en: "Update: w ← w − η · ∂L/∂w", zh: "更新：w ← w − η · ∂L/∂w" },
};

let current = "en";
const english = new Map(); // key → the HTML's own English, read once

/** The current language, "en" or "zh". */
export function lang() {
  return current;
}

/** A dynamic string in the current language, with {name} placeholders filled. */
export function t(key, vars = {}) {
  const entry = DYNAMIC[key];
  const text = entry ? entry[current] : (current === "zh" ? ZH[key] : english.get(key)) ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ""));
}

/** Switches the language and rewrites every marked element under `root`. */
export function setLang(code, root = document) {
  current = code === "zh" ? "zh" : "en";
  document.documentElement.lang = current === "zh" ? "zh-CN" : "en";
  for (const el of root.querySelectorAll("[data-i18n]")) {
    const key = el.dataset.i18n;
    if (!english.has(key)) english.set(key, el.textContent);
    const text = current === "zh" ? ZH[key] ?? DYNAMIC[key]?.zh ?? english.get(key) : english.get(key);
    if (el.textContent !== text) el.textContent = text;
  }
  for (const el of root.querySelectorAll("[data-i18n-label]")) {
    const key = `label:${el.dataset.i18nLabel}`;
    if (!english.has(key)) english.set(key, el.getAttribute("aria-label") ?? "");
    const zh = ZH[el.dataset.i18nLabel];
    el.setAttribute("aria-label", current === "zh" && zh ? zh : english.get(key));
  }
}
